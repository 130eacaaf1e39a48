import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { ReadResult } from '@passport-reader/contract';
import { loadRecogniser, readDocument } from '@passport-reader/reader';
import type { Browser, BrowserContext, Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SPECIMENS } from '../../../test/datasets';
import { axeViolations } from './axe';
import { READ_TIMEOUT } from './page-outcome';
import { launchChromium } from './browser';
import { cameraFrame, writeFakeCamera } from './fake-camera';
import { REPO_ROOT, startServer, type RunningServer } from './server';

/**
 * The on-device reader and the live camera, in a real headless Chromium against the real service:
 * the camera is Chromium's fake one, playing a still frame made from a specimen.
 */
const PASSPORT = path.join(SPECIMENS, '100_pass-uto.jpg');
/** A card the reader reads, but not reliably (valid: false). */
const UNRELIABLE = path.join(SPECIMENS, '0_id-esp.png');
const ARTIFACTS = path.join(REPO_ROOT, 'test-artifacts');
/** Long enough for several frames to be measured and read: a capture would have happened by then. */
const NO_CAPTURE_WINDOW_MS = 12_000;

/** Chromium's fake camera playing `file`; its fake permission prompt allows or denies the camera. */
const fakeCamera = (file: string, permission: 'allow' | 'deny') => [
  '--use-fake-device-for-media-stream',
  `--use-file-for-fake-video-capture=${file}`,
  permission === 'allow' ? '--use-fake-ui-for-media-stream' : '--use-fake-ui-for-media-stream=deny',
];

describe.skipIf(!existsSync(PASSPORT))(
  'reading on this device and the live camera',
  { timeout: 240_000 },
  () => {
    let server: RunningServer;
    let sharpCamera: Browser;
    let blurredCamera: Browser;
    let refusingCamera: Browser;
    let dir: string;
    const contexts: BrowserContext[] = [];

    beforeAll(async () => {
      dir = await mkdtemp(path.join(tmpdir(), 'passport-reader-camera-'));
      await mkdir(ARTIFACTS, { recursive: true });
      const sharpFeed = path.join(dir, 'sharp.y4m');
      const blurredFeed = path.join(dir, 'blurred.y4m');
      await writeFakeCamera(sharpFeed, await cameraFrame(PASSPORT));
      await writeFakeCamera(blurredFeed, await cameraFrame(PASSPORT, 6));
      server = await startServer();
      // One at a time: three Chromiums starting together on two cores would crowd out the service.
      sharpCamera = await launchChromium(fakeCamera(sharpFeed, 'allow'));
      blurredCamera = await launchChromium(fakeCamera(blurredFeed, 'allow'));
      refusingCamera = await launchChromium(fakeCamera(sharpFeed, 'deny'));
    }, 240_000);

    afterAll(async () => {
      for (const context of contexts) await context.close().catch(() => {});
      for (const browser of [sharpCamera, blurredCamera, refusingCamera])
        await browser?.close().catch(() => {});
      await server?.stop();
      await rm(dir, { recursive: true, force: true });
    }, 60_000);

    async function openPage(browser: Browser): Promise<{ page: Page; requests: Request[] }> {
      const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'en-GB' });
      contexts.push(context);
      const page = await context.newPage();
      const requests: Request[] = [];
      page.on('request', (r) => requests.push(r));
      await page.goto(server.url + '/');
      await page.getByRole('heading', { name: 'Passport reader' }).waitFor({ timeout: 60_000 });
      return { page, requests };
    }

    const scanRequests = (requests: Request[]) =>
      requests.filter((r) => new URL(r.url()).pathname.startsWith('/api/scans'));

    async function chooseDevice(page: Page): Promise<void> {
      await page.getByRole('radio', { name: /On this device/ }).check();
    }

    it('reads a photo on this device: the result, and no request to /api/scans', async () => {
      const { page, requests } = await openPage(sharpCamera);
      await chooseDevice(page);
      const started = Date.now();
      await page.getByTestId('file-input').setInputFiles(PASSPORT);
      await page.getByTestId('result').waitFor({ timeout: READ_TIMEOUT });
      console.info(
        `on-device read of ${path.basename(PASSPORT)}, models loading included: ${Date.now() - started} ms`,
      );

      expect(await page.getByTestId('read-on-device').textContent()).toContain('not uploaded');
      expect(await page.getByTestId('date-of-birth').locator('time').getAttribute('datetime')).toBe(
        '1974-08-12',
      );
      expect(await page.getByTestId('expiry-date').locator('time').getAttribute('datetime')).toBe(
        '2012-04-15',
      );
      expect(scanRequests(requests)).toEqual([]);
      // The reader's worker, its WebAssembly and models come from the page's own origin.
      const origins = new Set(requests.map((r) => new URL(r.url()).origin));
      expect([...origins]).toEqual([new URL(server.url).origin]);
      const wasm = requests.find((r) => r.url().endsWith('.wasm'));
      // Served as WebAssembly, so the browser compiles it while it downloads, and compressed (14 MB as 2.7).
      const wasmHeaders = (await wasm?.response())?.headers();
      expect(wasmHeaders?.['content-type']).toBe('application/wasm');
      expect(wasmHeaders?.['content-encoding']).toBe('br');
      expect(await axeViolations(page)).toEqual([]);

      // A second read reuses the loaded worker: the time of a read alone.
      const again = Date.now();
      await page.getByRole('button', { name: /Delete my data/ }).click();
      await page.getByTestId('message').waitFor();
      expect(await page.getByTestId('message').textContent()).toContain(
        'Nothing from this reading was uploaded',
      );
      await page.getByTestId('file-input').setInputFiles(PASSPORT);
      await page.getByTestId('result').waitFor({ timeout: READ_TIMEOUT });
      console.info(`on-device read with the models loaded: ${Date.now() - again} ms`);
      expect(scanRequests(requests)).toEqual([]);
    });

    it('reads as the server does: the same format, lines and verdict for specimens of each format', async () => {
      const specimens = [
        '100_pass-uto.jpg',
        '100_pass2-uto.jpg',
        '53_id-d.jpg',
        '100_visa-usa.jpg',
        '62_pass-pol.png',
      ];
      const recogniser = await loadRecogniser();
      const { page, requests } = await openPage(sharpCamera);
      await chooseDevice(page);
      try {
        for (const name of specimens) {
          const file = path.join(SPECIMENS, name);
          const inNode = await readDocument(await readFile(file), recogniser);
          await page.getByTestId('file-input').setInputFiles(file);
          await page.getByTestId('result').waitFor({ timeout: READ_TIMEOUT });
          const download = page.waitForEvent('download');
          await page.getByRole('button', { name: 'Download as JSON' }).click();
          const saved = JSON.parse(await readFile((await (await download).path())!, 'utf8')) as {
            result: ReadResult;
          };
          const inBrowser = saved.result;
          console.info(
            `${name}: on-device read ${inBrowser.timingsMs.total} ms (Node: ${inNode.timingsMs.total} ms)`,
          );
          expect({ format: inBrowser.format, mrz: inBrowser.mrz, valid: inBrowser.valid }, name).toEqual({
            format: inNode.format,
            mrz: inNode.mrz,
            valid: inNode.valid,
          });
          await page.getByRole('button', { name: /Delete my data/ }).click();
          await page.getByTestId('message').waitFor();
        }
      } finally {
        await recogniser.close();
      }
      expect(scanRequests(requests)).toEqual([]);
    });

    it('the live camera guides, takes the photo by itself once the code reads, and uploads it', async () => {
      const { page, requests } = await openPage(sharpCamera);
      await page.getByTestId('open-camera').click();
      await page.getByTestId('camera').waitFor();
      await page.waitForFunction(() => {
        const video = document.querySelector<HTMLVideoElement>('.camera__video');
        return !!video && video.videoWidth > 0 && !video.paused;
      });
      await page.locator('.camera__band').waitFor();
      const hint = page.getByTestId('camera-hint');
      expect((await hint.textContent())?.length).toBeGreaterThan(0);
      // The still frame is sharp and the page evenly lit: the checklist says so before the capture.
      await expect.poll(() => page.getByTestId('camera-checks').textContent()).toContain('Sharpness: sharp');
      expect(await page.getByTestId('camera-checks').textContent()).toContain('Glare: none');
      await page.screenshot({ path: path.join(ARTIFACTS, 'web-camera.png') });
      expect(await axeViolations(page)).toEqual([]);

      await page.getByTestId('result').waitFor({ timeout: READ_TIMEOUT });
      const uploads = scanRequests(requests).filter((r) => r.method() === 'POST');
      expect(uploads).toHaveLength(1);
      expect(await page.getByTestId('camera').count()).toBe(0);
      expect(await page.getByTestId('date-of-birth').locator('time').getAttribute('datetime')).toBe(
        '1974-08-12',
      );
    });

    it('in on-device mode the camera shows the result with nothing uploaded', async () => {
      const { page, requests } = await openPage(sharpCamera);
      await chooseDevice(page);
      await page.getByTestId('open-camera').click();
      expect(await page.getByTestId('camera-destination').textContent()).toContain('nothing is uploaded');
      await page.getByTestId('result').waitFor({ timeout: READ_TIMEOUT });
      expect(await page.getByTestId('read-on-device').count()).toBe(1);
      expect(scanRequests(requests)).toEqual([]);
      // The frame was read at 1920 px wide and the photo kept whole: the MRZ's outline, scaled back
      // to the photo, lies across the foot of the page in it.
      await page.getByTestId('mrz-region').waitFor();
      const img = (await page.locator('.document-image img').boundingBox())!;
      const box = (await page.getByTestId('mrz-region').boundingBox())!;
      expect(box.width).toBeGreaterThan(img.width * 0.4);
      expect(box.x).toBeGreaterThan(img.x);
      expect(box.y).toBeGreaterThan(img.y + img.height * 0.6);
      expect(box.y + box.height).toBeLessThanOrEqual(img.y + img.height * 0.96);
    });

    it('an unreliable reading on this device offers Retake, which opens the live camera', async () => {
      const { page, requests } = await openPage(sharpCamera);
      await chooseDevice(page);
      await page.getByTestId('file-input').setInputFiles(UNRELIABLE);
      await page.getByTestId('result').waitFor({ timeout: READ_TIMEOUT });
      expect(await page.getByTestId('holder-name').textContent()).toBe("We couldn't read this reliably");
      await page.getByRole('button', { name: 'Retake' }).click();
      await page.getByTestId('camera').waitFor();
      expect(await page.getByTestId('result').count()).toBe(0);
      expect(scanRequests(requests)).toEqual([]);
      // Escape leaves the camera, and focus returns to where the person was.
      await page.keyboard.press('Escape');
      await page.getByTestId('camera').waitFor({ state: 'detached' });
      await page.getByTestId('open-camera').click();
      await page.getByTestId('camera').waitFor();
      await page.getByRole('button', { name: 'Close the camera' }).click();
      await page.getByTestId('camera').waitFor({ state: 'detached' });
      expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe(
        'open-camera',
      );
    });

    it('a blurred feed gives the blur hint and takes no photo', async () => {
      const { page, requests } = await openPage(blurredCamera);
      await page.getByTestId('open-camera').click();
      await page.waitForFunction(
        () => document.querySelector('[data-testid="camera-hint"]')?.getAttribute('data-hint') === 'blur',
        undefined,
        { timeout: 30_000 },
      );
      expect(await page.getByTestId('camera-hint').textContent()).toContain('Blurry');
      expect(await axeViolations(page)).toEqual([]);
      await page.waitForTimeout(NO_CAPTURE_WINDOW_MS);
      expect(await page.getByTestId('camera').count()).toBe(1);
      expect(await page.getByTestId('camera-hint').getAttribute('data-hint')).toBe('blur');
      expect(await page.getByTestId('result').count()).toBe(0);
      expect(scanRequests(requests)).toEqual([]);

      // The shutter takes the photo all the same, and it goes to the server to be read.
      await page.getByTestId('shutter').click();
      await page.getByTestId('camera').waitFor({ state: 'detached' });
      await expect.poll(() => scanRequests(requests).filter((r) => r.method() === 'POST').length).toBe(1);
    });

    it('when the camera is refused, falls back to the file picker with a message', async () => {
      const { page } = await openPage(refusingCamera);
      await page.getByTestId('open-camera').click();
      const message = page.getByTestId('camera-unavailable');
      await message.waitFor({ timeout: 30_000 });
      expect(await message.textContent()).toContain('permission was refused');
      expect(await page.getByTestId('camera').count()).toBe(0);
      expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe(
        'camera-unavailable',
      );
      expect(await page.getByTestId('file-input').isEnabled()).toBe(true);
      expect(await axeViolations(page)).toEqual([]);
    });
  },
);
