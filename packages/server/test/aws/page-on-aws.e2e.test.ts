import { existsSync } from 'node:fs';
import path from 'node:path';
import { HeadObjectCommand } from '@aws-sdk/client-s3';
import type { Browser, Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiHandlers } from '../../src/lambda/api.js';
import { createExtractHandler } from '../../src/lambda/extract.js';
import { createMaintenanceHandlers } from '../../src/lambda/maintenance.js';
import { createLambdaRuntime, type LambdaRuntime } from '../../src/lambda/runtime.js';
import { createS3UploadedHandler } from '../../src/lambda/s3-uploaded.js';
import { createTextractHandler } from '../../src/lambda/textract.js';
import { createWebSocketHandlers } from '../../src/lambda/websocket.js';
import { AnalyzeIDCommand, TextractClient } from '@aws-sdk/client-textract';
import { readFile } from 'node:fs/promises';
import { launchChromium } from '../../../web/test/browser.js';
import { REPO_ROOT } from '../../../../test/datasets.js';
import { quietLog, startTestDatabase, UTO } from '../helpers.js';
import {
  createResources,
  lambdaConfig,
  startEmulator,
  type AwsResources,
  type Emulator,
} from './aws-harness.js';
import { startLocalGateway, type StackHandlers } from './local-gateway.js';

/**
 * The page as the AWS stack serves it, in a real Chromium, against the Lambda handlers: the page asks
 * /api/config, creates the scan (createScan), uploads the photo with the presigned POST form into the S3
 * emulator, S3's event runs s3Uploaded, the queue runs extract, the result is written to Postgres
 * and pushed through the WebSocket API's management endpoint to the page; then DELETE.
 */
const TEXTRACT_KEYS = {
  TEXTRACT_COMPAT_ACCESS_KEY_ID: 'AKIASTACKCOMPAT00001',
  TEXTRACT_COMPAT_SECRET_ACCESS_KEY: 'stack-compat-secret-0000000000000000000000',
};
const WEB_DIST = path.join(REPO_ROOT, 'packages/web/dist');
const READ_TIMEOUT = 90_000;

describe.skipIf(!existsSync(path.join(WEB_DIST, 'index.html')))(
  'the page on the AWS stack (Lambda handlers behind a local gateway)',
  { timeout: READ_TIMEOUT + 60_000 },
  () => {
    let emulator: Emulator;
    let db: Awaited<ReturnType<typeof startTestDatabase>>;
    let resources: AwsResources;
    let rt: LambdaRuntime;
    let handlers: StackHandlers;
    let gateway: Awaited<ReturnType<typeof startLocalGateway>>;
    let browser: Browser;

    beforeAll(async () => {
      [emulator, db, browser] = await Promise.all([startEmulator(), startTestDatabase(), launchChromium()]);
      resources = await createResources(emulator, 3);
      gateway = await startLocalGateway({ webDist: WEB_DIST, emulator, resources, handlers: () => handlers });
      rt = await createLambdaRuntime(
        lambdaConfig(emulator, resources, db.url, gateway.websocketEndpoint, {
          // The presigned upload goes to the page's own origin (the gateway passes it to the bucket),
          // as the deployed default: a presigned POST form.
          S3_ENDPOINT: gateway.origin,
          UPLOAD_METHOD: 'POST',
        }),
        quietLog,
      );
      const runtime = () => Promise.resolve(rt);
      handlers = {
        api: createApiHandlers(runtime, () => rt.config),
        s3Uploaded: createS3UploadedHandler(runtime),
        extract: createExtractHandler(runtime),
        ws: createWebSocketHandlers(runtime),
        textract: createTextractHandler(() => ({ ...rt.config, ...TEXTRACT_KEYS })),
      };
      expect(await createMaintenanceHandlers(runtime).migrate()).toEqual({ ok: true });
    }, 240_000);

    afterAll(async () => {
      await browser?.close().catch(() => undefined);
      await gateway?.close();
      await handlers?.extract.close();
      await rt?.close();
      await emulator?.stop();
      await db?.stop();
    }, 60_000);

    it('drop → presigned upload → S3 event → queue → extract → WebSocket → result, then DELETE', async () => {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-GB' });
      const page: Page = await context.newPage();
      const requests: Request[] = [];
      page.on('request', (r) => requests.push(r));
      const sockets: string[] = [];
      page.on('websocket', (ws) => sockets.push(ws.url()));
      await page.goto(`${gateway.origin}/`);
      await page.getByRole('heading', { name: 'Passport reader' }).waitFor();

      await page.getByTestId('file-input').setInputFiles(UTO);
      await page
        .getByTestId('result')
        .or(page.getByTestId('failure'))
        .first()
        .waitFor({ timeout: READ_TIMEOUT });
      expect(await page.getByTestId('result').count()).toBe(1);
      expect(await page.getByTestId('date-of-birth').locator('time').getAttribute('datetime')).toBe(
        '1974-08-12',
      );
      expect(await page.getByTestId('expiry-date').locator('time').getAttribute('datetime')).toBe(
        '2012-04-15',
      );

      // Two steps: the scan made as JSON, the image straight into the bucket (never through a Lambda).
      const creates = requests.filter(
        (r) => r.method() === 'POST' && new URL(r.url()).pathname === '/api/scans',
      );
      expect(creates).toHaveLength(1);
      expect(creates[0].headers()['content-type']).toBe('application/json');
      const stored = requests.filter((r) => new URL(r.url()).pathname.startsWith(`/${resources.bucket}`));
      expect(stored.map((r) => r.method())).toEqual(['POST']);
      // The result came over the WebSocket API, not by polling.
      expect(sockets.map((u) => new URL(u).pathname)).toEqual(['/test']);
      expect(
        requests.filter((r) => /^\/api\/scans\/[0-9a-f-]{36}$/.test(new URL(r.url()).pathname)),
      ).toHaveLength(0);

      const [{ id, token }] = JSON.parse(
        (await page.evaluate(() => localStorage.getItem('passport-reader:recent-scans'))) ?? '[]',
      ) as { id: string; token: string }[];
      const imageKey = (await rt.scans.get(id))?.imageKey;
      expect(imageKey).toBeTruthy();
      const deleted = page.waitForResponse(
        (r) => r.request().method() === 'DELETE' && new URL(r.url()).pathname === `/api/scans/${id}`,
      );
      await page.getByRole('button', { name: 'Delete my data' }).click();
      expect((await deleted).status()).toBe(204);
      await page.getByTestId('message').waitFor();
      expect(await page.getByTestId('message').textContent()).toContain('Deleted');
      expect(await rt.scanService.get(id, token)).toBeNull();
      await expect(
        resources.s3.send(new HeadObjectCommand({ Bucket: resources.bucket, Key: imageKey! })),
      ).rejects.toThrow();
      await context.close();
    });

    it("POST / of the stack's HTTP API answers Textract AnalyzeID, signature checked", async () => {
      const client = (secretAccessKey: string) =>
        new TextractClient({
          endpoint: gateway.origin,
          region: 'eu-west-1',
          maxAttempts: 1,
          credentials: { accessKeyId: TEXTRACT_KEYS.TEXTRACT_COMPAT_ACCESS_KEY_ID, secretAccessKey },
        });
      const signed = client(TEXTRACT_KEYS.TEXTRACT_COMPAT_SECRET_ACCESS_KEY);
      const wrong = client('not-the-secret');
      try {
        const bytes = await readFile(UTO);
        const output = await signed.send(new AnalyzeIDCommand({ DocumentPages: [{ Bytes: bytes }] }));
        const field = (type: string) =>
          output.IdentityDocuments?.[0].IdentityDocumentFields?.find((f) => f.Type?.Text === type)
            ?.ValueDetection;
        expect(field('DATE_OF_BIRTH')?.NormalizedValue).toEqual({
          Value: '1974-08-12T00:00:00',
          ValueType: 'Date',
        });
        expect(field('EXPIRATION_DATE')?.NormalizedValue).toEqual({
          Value: '2012-04-15T00:00:00',
          ValueType: 'Date',
        });
        await expect(
          wrong.send(new AnalyzeIDCommand({ DocumentPages: [{ Bytes: bytes }] })),
        ).rejects.toMatchObject({
          name: 'InvalidSignatureException',
        });
      } finally {
        signed.destroy();
        wrong.destroy();
      }
    });
  },
);
