import { existsSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, BrowserContext, Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_UPLOAD_BYTES, RECENT_SCANS_KEY } from '../src/lib/constants';
import { axeViolations } from './axe';
import { launchChromium } from './browser';
import { expectResult as expectPageResult, READ_TIMEOUT } from './page-outcome';
import { SPECIMENS } from '../../../test/datasets';
import { REPO_ROOT, startServer, type RunningServer } from './server';

/**
 * End-to-end: the real service (with the web app built into packages/web/dist) and a real headless Chromium.
 */
const PASSPORT = path.join(SPECIMENS, '100_pass-uto.jpg');
const NO_DOCUMENT = path.join(SPECIMENS, 'pacman.jpg');
/** A specimen whose printed check digits do not hold: read, but never valid. */
const UNRELIABLE = path.join(SPECIMENS, '0_id-esp.png');
const ARTIFACTS = path.join(REPO_ROOT, 'test-artifacts');

const haveSpecimens = [PASSPORT, NO_DOCUMENT, UNRELIABLE].every((file) => existsSync(file));

describe.skipIf(!haveSpecimens)('web uploader in a real browser', { timeout: READ_TIMEOUT + 60_000 }, () => {
  let server: RunningServer;
  let browser: Browser;
  let context: BrowserContext;

  beforeAll(async () => {
    await mkdir(ARTIFACTS, { recursive: true });
    [server, browser] = await Promise.all([startServer(), launchChromium()]);
    context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-GB' });
  }, 240_000);

  afterAll(async () => {
    await context?.close().catch(() => {});
    await browser?.close().catch(() => {});
    await server?.stop();
  }, 60_000);

  async function openPage(): Promise<{ page: Page; requests: Request[] }> {
    const page = await context.newPage();
    const requests: Request[] = [];
    page.on('request', (r) => requests.push(r));
    await page.goto(server.url + '/');
    await page.getByRole('heading', { name: 'Passport reader' }).waitFor();
    return { page, requests };
  }

  const expectResult = (page: Page) => expectPageResult(page, () => `--- server log ---\n${server.output()}`);

  const uploads = (requests: Request[]) =>
    requests.filter((r) => r.method() === 'POST' && new URL(r.url()).pathname === '/api/scans');

  it('serves the app at / and falls back to it for client routes, but not for /api', async () => {
    const root = await fetch(server.url + '/');
    expect(root.status).toBe(200);
    expect(await root.text()).toContain('<div id="root">');
    const deep = await fetch(server.url + '/scans/whatever');
    expect(deep.status).toBe(200);
    expect(deep.headers.get('content-type')).toContain('text/html');
    const api = await fetch(server.url + '/api/does-not-exist');
    expect(api.status).toBe(404);
    expect(api.headers.get('content-type') ?? '').not.toContain('text/html');
  });

  it('says what is uploaded, how long it is kept and what Delete removes, as the server is configured', async () => {
    const config = (await (await fetch(`${server.url}/api/config`)).json()) as {
      imageRetentionHours: number;
      resultRetentionHours: number;
    };
    expect([config.imageRetentionHours, config.resultRetentionHours]).toEqual([24, 720]);
    const { page } = await openPage();
    const statement = page.getByTestId('privacy-statement');
    await expect
      .poll(() => statement.textContent())
      .toBe(
        'Your photo is uploaded to our server to be read: the photo is deleted after 24 hours, the details read from it after 30 days. Delete removes both at once.',
      );
    // Reading on the device uploads nothing, and the line says so; the choice is put back for the other tests.
    await page.getByRole('radio', { name: /On this device/ }).check();
    expect(await statement.textContent()).toBe(
      'Reading on this device: your photo is read here and never uploaded, and nothing is kept on our server.',
    );
    await page.getByRole('radio', { name: /On our server/ }).check();
    expect(await statement.textContent()).toContain('uploaded to our server');
    await page.close();
  });

  it('reads a specimen passport: shows date of birth, expiry as expired, and outlines the MRZ', async () => {
    const { page, requests } = await openPage();
    await page.getByTestId('file-input').setInputFiles(PASSPORT);
    await expectResult(page);

    expect(uploads(requests)).toHaveLength(1);
    // Keyboard and screen-reader users land on the result's visible heading.
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid')))
      .toBe('holder-name');
    const dob = page.getByTestId('date-of-birth').locator('time');
    expect(await dob.getAttribute('datetime')).toBe('1974-08-12');
    expect(await dob.textContent()).toBe('12 August 1974');
    expect(await page.getByTestId('date-of-birth').textContent()).toMatch(/age \d+/);
    expect(await page.getByTestId('expiry-date').locator('time').getAttribute('datetime')).toBe('2012-04-15');
    expect(await page.getByTestId('expiry-date').textContent()).toBe('15 April 2012');
    expect(await page.getByTestId('expiry-badge').textContent()).toBe('Expired');
    expect(await page.getByTestId('nationality').textContent()).toContain('Utopia');
    expect(await page.getByTestId('document-type').textContent()).toContain('Passport');
    expect(await page.getByTestId('live-status').textContent()).toContain('Done');

    // The MRZ box is drawn inside the displayed photo.
    await page.getByTestId('mrz-region').waitFor();
    const img = (await page.locator('.document-image img').boundingBox())!;
    const box = (await page.getByTestId('mrz-region').boundingBox())!;
    expect(box.width).toBeGreaterThan(img.width * 0.3);
    expect(box.y).toBeGreaterThan(img.y + img.height * 0.4);
    expect(box.y + box.height).toBeLessThanOrEqual(img.y + img.height + 1);

    // Kept in this browser's recent scans.
    const stored = await page.evaluate((key) => localStorage.getItem(key), RECENT_SCANS_KEY);
    expect(JSON.parse(stored!)).toHaveLength(1);
    await page.getByTestId('recent-list').getByRole('button').first().waitFor();

    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: path.join(ARTIFACTS, 'web-result.png'), fullPage: true });
    await page.close();
  });

  it('offers a valid result per field on the clipboard and whole as a JSON download', async () => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
    const { page } = await openPage();
    await page.getByTestId('file-input').setInputFiles(PASSPORT);
    await expectResult(page);
    await page.getByRole('button', { name: 'Copy document number' }).click();
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe('L898902C3');
    await page.getByRole('button', { name: 'Copy date of birth' }).click();
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe('12 August 1974');
    expect(await page.getByRole('status').filter({ hasText: 'Copied' }).textContent()).toBe(
      'Copied date of birth.',
    );

    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download as JSON' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^scan-[0-9a-f]{8}\.json$/);
    const saved = JSON.parse(await readFile((await file.path())!, 'utf8')) as {
      status: string;
      result: { fields: { documentNumber: string }; valid: boolean };
    };
    expect(saved.status).toBe('done');
    expect(saved.result.valid).toBe(true);
    expect(saved.result.fields.documentNumber).toBe('L898902C3');
    await page.close();
  });

  it('leads an unreliable reading with why, marks the doubtful fields, and offers a retake', async () => {
    const { page } = await openPage();
    await page.getByTestId('file-input').setInputFiles(UNRELIABLE);
    await expectResult(page);
    const heading = page.getByTestId('holder-name');
    expect(await heading.textContent()).toBe("We couldn't read this reliably");
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid')))
      .toBe('holder-name');
    // The name is shown as one detail among others, marked, never as the headline.
    expect(await page.getByTestId('uncertain-name').textContent()).toBe('⚠ may be misread');
    expect(await page.getByTestId('unreliable-notice').textContent()).toMatch(/misread|hard to make out/);
    expect(await page.getByRole('button', { name: /^Copy/ }).count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);

    // Retake opens the way to take a photo (the file chooser where there is no camera).
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Retake' }).click();
    await chooser;
    expect(await page.getByTestId('result').count()).toBe(0);
    await page.close();
  });

  it('takes a photo dropped anywhere on the page, instead of the browser opening it in the tab', async () => {
    const { page, requests } = await openPage();
    const bytes = (await readFile(PASSPORT)).toString('base64');
    const dataTransfer = await page.evaluateHandle((b64) => {
      const dt = new DataTransfer();
      const data = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
      dt.items.add(new File([data], 'dropped.jpg', { type: 'image/jpeg' }));
      return dt;
    }, bytes);
    await page.dispatchEvent('.site-header', 'dragover', { dataTransfer });
    await page.dispatchEvent('.site-header', 'drop', { dataTransfer });
    await expectResult(page);
    expect(uploads(requests)).toHaveLength(1);
    expect(new URL(page.url()).pathname).toBe('/');
    await page.close();
  });

  it('explains a photo with no document in it', async () => {
    const { page } = await openPage();
    await page.getByTestId('file-input').setInputFiles(NO_DOCUMENT);
    await page.getByTestId('failure').waitFor({ timeout: READ_TIMEOUT });
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('failure-title');
    // The reader's own diagnosis (NOT_FOUND), not the generic advice for its error code.
    expect(await page.getByTestId('failure-advice').textContent()).toBe(
      "We couldn't find the lines of characters at the bottom of the photo page. Photograph the whole photo page (or the back of an ID card), with the two or three lines of characters at its bottom in the picture.",
    );
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: path.join(ARTIFACTS, 'web-no-mrz.png'), fullPage: true });
    await page.close();
  });

  it('refuses an oversized file before uploading anything', async () => {
    const { page, requests } = await openPage();
    await page.getByTestId('file-input').setInputFiles({
      name: 'huge.jpg',
      mimeType: 'image/jpeg',
      buffer: Buffer.alloc(MAX_UPLOAD_BYTES + 1024, 0xff),
    });
    const message = page.getByTestId('file-error');
    await message.waitFor();
    expect(await message.textContent()).toMatch(/larger than the 15\sMB limit/);
    await page.waitForTimeout(300);
    // the page asked for the service's limits, and uploaded nothing
    const api = requests.filter((r) => new URL(r.url()).pathname.startsWith('/api/'));
    expect(api.map((r) => `${r.method()} ${new URL(r.url()).pathname}`)).toEqual(['GET /api/config']);
    await page.close();
  });

  it('takes a dropped file, and refuses one of the wrong type with a clear message', async () => {
    const { page, requests } = await openPage();
    const dataTransfer = await page.evaluateHandle(() => {
      const dt = new DataTransfer();
      dt.items.add(new File(['%PDF-1.7'], 'passport.pdf', { type: 'application/pdf' }));
      return dt;
    });
    await page.getByTestId('dropzone').dispatchEvent('dragover', { dataTransfer });
    await page.getByTestId('dropzone').dispatchEvent('drop', { dataTransfer });
    const message = page.getByTestId('file-error');
    await message.waitFor();
    expect(await message.textContent()).toContain(
      'Please choose a JPEG, PNG, WebP, TIFF, HEIC or AVIF image',
    );
    expect(uploads(requests)).toHaveLength(0);
    await page.close();
  });

  it('deletes the scan on request: gone from the view, the browser and the server', async () => {
    const { page } = await openPage();
    await page.getByTestId('file-input').setInputFiles(PASSPORT);
    await expectResult(page);
    const entries = JSON.parse((await page.evaluate((k) => localStorage.getItem(k), RECENT_SCANS_KEY))!) as {
      id: string;
      token: string;
    }[];
    const { id, token } = entries[0];
    const before = await fetch(`${server.url}/api/scans/${id}`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    expect(before.status).toBe(200);

    const deleted = page.waitForResponse(
      (r) => r.request().method() === 'DELETE' && new URL(r.url()).pathname === `/api/scans/${id}`,
    );
    await page.getByRole('button', { name: 'Delete my data' }).click();
    expect((await deleted).status()).toBe(204);
    await page.getByTestId('message').waitFor();
    expect(await page.getByTestId('message').textContent()).toContain('Deleted');
    expect(await page.getByTestId('result').count()).toBe(0);
    expect(await page.getByText('12 August 1974').count()).toBe(0);
    const after = JSON.parse(
      (await page.evaluate((k) => localStorage.getItem(k), RECENT_SCANS_KEY)) ?? '[]',
    ) as {
      id: string;
    }[];
    expect(after.map((e) => e.id)).not.toContain(id);
    const gone = await fetch(`${server.url}/api/scans/${id}`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    expect(gone.status).toBe(404);
    await page.close();
  });

  it('deletes every scan this browser made with "Delete all my scans", after asking', async () => {
    const { page } = await openPage();
    for (let i = 0; i < 2; i++) {
      await page.getByTestId('file-input').setInputFiles(PASSPORT);
      await expectResult(page);
    }
    const made = JSON.parse((await page.evaluate((k) => localStorage.getItem(k), RECENT_SCANS_KEY))!) as {
      id: string;
      token: string;
    }[];
    expect(made.length).toBeGreaterThanOrEqual(2);
    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByRole('button', { name: /Delete all my scans/ }).click();
    await page.getByTestId('message').waitFor();
    expect(await page.getByTestId('message').textContent()).toContain(
      'Every scan made in this browser is gone',
    );
    expect(await page.evaluate((k) => localStorage.getItem(k), RECENT_SCANS_KEY)).toBe('[]');
    for (const { id, token } of made) {
      const res = await fetch(`${server.url}/api/scans/${id}`, {
        headers: { Authorization: `Bearer ${token}` },
      });
      expect(res.status).toBe(404);
    }
    await page.close();
  });

  it('falls back to polling without WebSockets, and reopens a recent scan after a reload', async () => {
    const page = await context.newPage();
    await page.addInitScript(() => {
      // Simulate a network that blocks WebSockets.
      delete (window as { WebSocket?: unknown }).WebSocket;
    });
    await page.goto(server.url + '/');
    await page.getByTestId('file-input').setInputFiles(PASSPORT);
    await expectResult(page);
    expect(await page.getByTestId('expiry-badge').textContent()).toBe('Expired');

    await page.reload();
    await page.getByTestId('recent-list').getByRole('button').first().click();
    await expectResult(page);
    expect(await page.getByTestId('date-of-birth').locator('time').getAttribute('datetime')).toBe(
      '1974-08-12',
    );
    await page.close();
  });

  /** The scans this page keeps in localStorage, newest first. */
  async function storedScans(page: Page): Promise<{ id: string; token: string }[]> {
    return JSON.parse(
      (await page.evaluate((key) => localStorage.getItem(key), RECENT_SCANS_KEY)) ?? '[]',
    ) as { id: string; token: string }[];
  }

  async function serverStatus(id: string, token: string): Promise<number> {
    const res = await fetch(`${server.url}/api/scans/${id}`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    return res.status;
  }

  it('cancels an upload: nothing kept, the controls locked while it ran', async () => {
    const { page, requests } = await openPage();
    const before = await storedScans(page);
    // Hold the upload so that it is still running when Cancel is pressed.
    let held = false;
    await page.route('**/api/scans', async (route) => {
      held = true;
      await new Promise((resolve) => setTimeout(resolve, 60_000));
      await route.continue().catch(() => {});
    });
    await page.getByTestId('file-input').setInputFiles(PASSPORT);
    await page.getByTestId('cancel').waitFor();
    await expect.poll(() => held).toBe(true);
    // Busy: the picker and the recent scans cannot start anything else, and do not look as if they could.
    expect(await page.getByTestId('dropzone').getAttribute('aria-disabled')).toBe('true');
    expect(await page.getByTestId('file-input').isDisabled()).toBe(true);
    expect(await page.getByText('Choose a file', { exact: true }).getAttribute('class')).toContain(
      'button--disabled',
    );
    expect(await axeViolations(page)).toEqual([]);

    const failed = page.waitForEvent('requestfailed');
    await page.getByTestId('cancel').click();
    expect(new URL((await failed).url()).pathname).toBe('/api/scans');
    expect(await page.getByTestId('message').textContent()).toBe(
      'Cancelled. Nothing of this photo is kept on our server.',
    );
    expect(await storedScans(page)).toEqual(before);
    expect(await page.getByTestId('file-input').isDisabled()).toBe(false);
    expect(uploads(requests)).toHaveLength(1);
    await page.close();
  });

  it('does not abandon an upload for a recent scan, and cancelling a created scan deletes it', async () => {
    const page = await context.newPage();
    // Without WebSockets the page polls, and the polls are refused below: the scan stays in progress.
    await page.addInitScript(() => {
      delete (window as { WebSocket?: unknown }).WebSocket;
    });
    await page.goto(server.url + '/');
    await page.getByTestId('file-input').setInputFiles(NO_DOCUMENT);
    await page.getByTestId('failure').waitFor({ timeout: READ_TIMEOUT });
    const listed = await storedScans(page);
    const [first] = listed;

    // A second photo, held on its way: the first cannot be opened or deleted meanwhile.
    let release: () => void = () => {};
    let held: () => void = () => {};
    const holding = new Promise<void>((resolve) => (held = resolve));
    await page.route('**/api/scans', async (route) => {
      await new Promise<void>((resolve) => {
        release = resolve;
        held();
      });
      await route.continue();
    });
    await page.getByTestId('file-input').setInputFiles(PASSPORT);
    await page.getByTestId('recent-locked').waitFor();
    const entry = page.locator(`[data-scan-id="${first.id}"]`);
    expect(await entry.getByRole('button').first().isDisabled()).toBe(true);
    expect(await entry.getByRole('button', { name: /^Delete/ }).isDisabled()).toBe(true);
    expect(await page.getByRole('button', { name: /Delete all my scans/ }).isDisabled()).toBe(true);

    await page.route('**/api/scans/*', (route) =>
      route.request().method() === 'GET' ? route.abort() : route.continue(),
    );
    // Released only once the upload has reached the hold: released earlier, it would be held for ever.
    await holding;
    release();
    // The browser context is shared with the other tests: count from what was listed before.
    await expect.poll(async () => (await storedScans(page)).length).toBe(listed.length + 1);
    const [second] = await storedScans(page);
    expect(second.id).not.toBe(first.id);
    expect(await serverStatus(second.id, second.token)).toBe(200);
    const deleted = page.waitForResponse(
      (r) => r.request().method() === 'DELETE' && new URL(r.url()).pathname === `/api/scans/${second.id}`,
    );
    await page.getByTestId('cancel').click();
    expect((await deleted).status()).toBe(204);
    expect(await serverStatus(second.id, second.token)).toBe(404);
    await expect
      .poll(async () => (await storedScans(page)).map((s) => s.id))
      .toEqual(listed.map((s) => s.id));
    await page.close();
  });

  it('says when the server cannot be reached, and takes the scan up again after a reload', async () => {
    const page = await context.newPage();
    await page.addInitScript(() => {
      delete (window as { WebSocket?: unknown }).WebSocket;
    });
    await page.route('**/api/scans/*', (route) =>
      route.request().method() === 'GET' ? route.abort('connectionrefused') : route.continue(),
    );
    await page.goto(server.url + '/');
    const before = await storedScans(page);
    await page.getByTestId('file-input').setInputFiles(PASSPORT);
    const trouble = page.getByTestId('unreachable');
    await trouble.waitFor({ timeout: 30_000 });
    expect(await trouble.textContent()).toContain('Can’t reach the server, still trying');
    expect(await page.getByTestId('progress-text').count()).toBe(1);
    expect(await axeViolations(page)).toEqual([]);

    // Reloaded mid-scan: the page takes the same scan up again instead of returning to idle.
    await page.reload();
    await page.getByTestId('progress-text').waitFor();
    await page.unroute('**/api/scans/*');
    await expectResult(page);
    expect(await page.getByTestId('expiry-badge').textContent()).toBe('Expired');
    expect(await storedScans(page)).toHaveLength(before.length + 1);
    await page.close();
  });

  it('keeps the first scan deletable after the eleventh', async () => {
    const image = new Blob([await readFile(NO_DOCUMENT)], { type: 'image/jpeg' });
    const made: { id: string; token: string; createdAt: string }[] = [];
    for (let i = 0; i < 10; i++) {
      const form = new FormData();
      form.append('file', image, `made-${i}.jpg`);
      const res = await fetch(`${server.url}/api/scans`, { method: 'POST', body: form });
      expect(res.status).toBe(202);
      const { id, token } = (await res.json()) as { id: string; token: string };
      made.unshift({ id, token, createdAt: new Date(Date.UTC(2026, 0, 1 + i)).toISOString() });
    }
    const { page } = await openPage();
    await page.evaluate(([key, value]) => localStorage.setItem(key, value), [
      RECENT_SCANS_KEY,
      JSON.stringify(made),
    ] as const);
    await page.reload();
    await page.getByTestId('file-input').setInputFiles(PASSPORT);
    await expectResult(page);
    const stored = await storedScans(page);
    expect(stored).toHaveLength(11);
    const oldest = made[made.length - 1];
    expect(stored[10].id).toBe(oldest.id);

    await page.getByTestId('recent-older').click();
    page.once('dialog', (dialog) => void dialog.accept());
    const deleted = page.waitForResponse(
      (r) => r.request().method() === 'DELETE' && new URL(r.url()).pathname === `/api/scans/${oldest.id}`,
    );
    await page
      .locator(`[data-scan-id="${oldest.id}"]`)
      .getByRole('button', { name: /^Delete/ })
      .click();
    expect((await deleted).status()).toBe(204);
    expect(await serverStatus(oldest.id, oldest.token)).toBe(404);
    await expect.poll(async () => (await storedScans(page)).map((s) => s.id)).not.toContain(oldest.id);
    expect(await storedScans(page)).toHaveLength(10);
    // The scan on show was not the one deleted: it stays.
    expect(await page.getByTestId('result').count()).toBe(1);
    await page.close();
  });

  it("makes a photo over the server's limit smaller in the browser and sends that, instead of refusing it", async () => {
    const page = await context.newPage();
    const limit = 100_000;
    const original = await readFile(PASSPORT);
    expect(original.length).toBeGreaterThan(limit);
    // The server's limit as the page learns it, lowered below this specimen's size.
    await page.route('**/api/config', async (route) => {
      const response = await route.fetch();
      await route.fulfill({ response, json: { ...(await response.json()), maxUploadBytes: limit } });
    });
    const requests: Request[] = [];
    page.on('request', (r) => requests.push(r));
    // The size of the photo the page sends, as it sends it (a request's recorded body may leave files out).
    await page.addInitScript(() => {
      const send = XMLHttpRequest.prototype.send;
      const sent: number[] = [];
      (window as { sentPhotoSizes?: number[] }).sentPhotoSizes = sent;
      XMLHttpRequest.prototype.send = function (body) {
        const photo = body instanceof FormData ? body.get('file') : null;
        if (photo instanceof File) sent.push(photo.size);
        send.call(this, body);
      };
    });
    await page.goto(server.url + '/');
    await page.getByText(/up to 98\sKB/).waitFor();
    await page.getByTestId('file-input').setInputFiles(PASSPORT);
    await expectResult(page);
    expect(uploads(requests)).toHaveLength(1);
    const [sent] = await page.evaluate(() => (window as { sentPhotoSizes?: number[] }).sentPhotoSizes ?? []);
    expect(sent).toBeGreaterThan(limit / 4);
    expect(sent).toBeLessThanOrEqual(limit);
    expect(await page.getByTestId('file-error').count()).toBe(0);
    expect(await page.getByTestId('file-notice').textContent()).toMatch(
      /^This photo was 120\sKB, over the 98\sKB limit, so a smaller copy made in this browser \(\d+\sKB\) was sent\.$/,
    );
    expect(await page.getByTestId('date-of-birth').locator('time').getAttribute('datetime')).toBe(
      '1974-08-12',
    );
    await page.close();
  });

  it('queues several dropped photos as a batch, each its own scan, with a list of outcomes', async () => {
    const { page, requests } = await openPage();
    const [passport, noDocument] = await Promise.all([readFile(PASSPORT), readFile(NO_DOCUMENT)]);
    const dataTransfer = await page.evaluateHandle(
      ([a, b]) => {
        const bytes = (b64: string) => Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
        const dt = new DataTransfer();
        dt.items.add(new File([bytes(a)], 'passport.jpg', { type: 'image/jpeg' }));
        dt.items.add(new File([bytes(b)], 'holiday.jpg', { type: 'image/jpeg' }));
        dt.items.add(new File(['%PDF-1.7'], 'form.pdf', { type: 'application/pdf' }));
        return dt;
      },
      [passport.toString('base64'), noDocument.toString('base64')] as const,
    );
    await page.getByTestId('dropzone').dispatchEvent('dragover', { dataTransfer });
    await page.getByTestId('dropzone').dispatchEvent('drop', { dataTransfer });
    const batch = page.getByTestId('batch');
    await batch.getByText('All 3 done.').waitFor({ timeout: READ_TIMEOUT });
    expect(await batch.getByTestId('batch-outcome').allTextContents()).toEqual([
      'Read: Passport · Utopia (specimen)',
      "Not read: We couldn't find the code on this photo",
      expect.stringContaining('“form.pdf” is not a photo we can read'),
    ]);
    expect(uploads(requests)).toHaveLength(2);
    expect(await storedScans(page)).toEqual(
      expect.arrayContaining([expect.objectContaining({ fileName: 'holiday.jpg' })]),
    );
    expect(await axeViolations(page)).toEqual([]);

    await batch.getByRole('button', { name: 'Show passport.jpg' }).click();
    await expectResult(page);
    expect(await page.getByTestId('holder-name').textContent()).toBe('Anna Maria Eriksson');
    expect(await batch.count()).toBe(1);
    await page.close();
  });

  it('fits a 360 px wide phone screen', async () => {
    const phone = await browser.newContext({
      viewport: { width: 360, height: 740 },
      locale: 'en-GB',
      isMobile: true,
    });
    const page = await phone.newPage();
    await page.goto(server.url + '/');
    await page.getByTestId('file-input').setInputFiles(PASSPORT);
    await expectResult(page);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.screenshot({ path: path.join(ARTIFACTS, 'web-result-360.png'), fullPage: true });
    await phone.close();
  });

  it('can be used with the keyboard: the drop zone is focusable and opens the file chooser', async () => {
    const { page } = await openPage();
    await page.keyboard.press('Tab'); // skip link
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('dropzone');
    // Observe the click the keyboard gives the hidden file input, rather than Chromium's native
    // chooser, whose opening is unreliable in headless mode on a loaded machine.
    await page.evaluate(() => {
      const input = document.querySelector('[data-testid="file-input"]');
      input?.addEventListener('click', (event) => {
        event.preventDefault();
        document.body.dataset.chooserOpened = 'yes';
      });
    });
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.body.dataset.chooserOpened === 'yes');
    await page.getByTestId('file-input').setInputFiles(NO_DOCUMENT);
    await page.getByTestId('failure').waitFor({ timeout: READ_TIMEOUT });
    await page.close();
  });
});
