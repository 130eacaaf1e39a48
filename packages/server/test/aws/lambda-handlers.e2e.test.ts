import { readFile } from 'node:fs/promises';
import { HeadObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { DeleteMessageCommand, SendMessageCommand } from '@aws-sdk/client-sqs';
import { serviceConfig } from '@passport-reader/contract';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiHandlers } from '../../src/lambda/api.js';
import type { ExtractOutcome, Extractor } from '../../src/ports.js';
import { createExtractHandler } from '../../src/lambda/extract.js';
import { createMaintenanceHandlers } from '../../src/lambda/maintenance.js';
import { createLambdaRuntime, type LambdaRuntime } from '../../src/lambda/runtime.js';
import { createS3UploadedHandler } from '../../src/lambda/s3-uploaded.js';
import { createWebSocketHandlers } from '../../src/lambda/websocket.js';
import { quietLog, startTestDatabase, UTO, withClient } from '../helpers.js';
import {
  createResources,
  lambdaConfig,
  newConnectionId,
  receive,
  s3ObjectCreatedEvent,
  sqsEvent,
  startEmulator,
  startManagementApi,
  type AwsResources,
  type Emulator,
} from './aws-harness.js';

/** Attempts per scan; the queue's maxReceiveCount is one more (serverless.yml derives both the same way). */
const MAX_ATTEMPTS = 2;

let emulator: Emulator;
let db: Awaited<ReturnType<typeof startTestDatabase>>;
let resources: AwsResources;
let management: Awaited<ReturnType<typeof startManagementApi>>;
let rt: LambdaRuntime;
const runtime = () => Promise.resolve(rt);
const api = createApiHandlers(runtime, () => rt.config);
const s3Uploaded = createS3UploadedHandler(runtime);
const extract = createExtractHandler(runtime);
const ws = createWebSocketHandlers(runtime);
const maintenance = createMaintenanceHandlers(runtime);

beforeAll(async () => {
  [emulator, db, management] = await Promise.all([
    startEmulator(),
    startTestDatabase(),
    startManagementApi(),
  ]);
  resources = await createResources(emulator, MAX_ATTEMPTS + 1);
  rt = await createLambdaRuntime(
    lambdaConfig(emulator, resources, db.url, management.endpoint, {
      JOB_MAX_ATTEMPTS: String(MAX_ATTEMPTS),
    }),
    quietLog,
  );
  // The migrate function, as run after each deploy.
  expect(await maintenance.migrate()).toEqual({ ok: true });
});

afterAll(async () => {
  await extract.close();
  await rt?.close();
  await management?.close();
  await emulator?.stop();
  await db?.stop();
});

function httpEvent(
  method: string,
  path: string,
  options: { body?: unknown; token?: string; id?: string } = {},
): APIGatewayProxyEventV2 {
  return {
    version: '2.0',
    routeKey: `${method} ${path.replace(/[0-9a-f-]{36}$/, '{id}')}`,
    rawPath: path,
    rawQueryString: '',
    headers: {
      'content-type': 'application/json',
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
    },
    pathParameters: options.id ? { id: options.id } : undefined,
    requestContext: {
      accountId: '123456789012',
      apiId: 'api',
      domainName: 'api.example.com',
      domainPrefix: 'api',
      http: { method, path, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'test' },
      requestId: 'req',
      routeKey: `${method} ${path}`,
      stage: '$default',
      time: new Date().toUTCString(),
      timeEpoch: Date.now(),
    },
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
    isBase64Encoded: false,
  };
}

type Created = {
  id: string;
  token: string;
  status: string;
  upload: { method: string; url: string; headers: Record<string, string> };
};

async function createAndUpload(bytes: Uint8Array<ArrayBuffer>, contentType = 'image/jpeg'): Promise<Created> {
  const response = await api.createScan(
    httpEvent('POST', '/api/scans', { body: { contentType, contentLength: bytes.length } }),
  );
  expect(response.statusCode).toBe(201);
  const created = JSON.parse(String(response.body)) as Created;
  expect(created.status).toBe('queued');
  expect(created.upload.method).toBe('PUT');
  const signed = new URL(created.upload.url).searchParams.get('X-Amz-SignedHeaders') ?? '';
  expect(signed.split(';')).toEqual(expect.arrayContaining(['content-length', 'content-type', 'host']));
  // The client uploads straight to the bucket: the image never passes through a Lambda.
  const put = await fetch(created.upload.url, {
    method: 'PUT',
    headers: created.upload.headers,
    body: bytes,
  });
  expect(put.status).toBe(200);
  return created;
}

const resultRows = (id: string) =>
  withClient(db.url, async (c) =>
    Number((await c.query('SELECT count(*) AS n FROM scan_results WHERE scan_id = $1', [id])).rows[0].n),
  );

const objectExists = (key: string) =>
  resources.s3
    .send(new HeadObjectCommand({ Bucket: resources.bucket, Key: key }))
    .then(() => true)
    .catch(() => false);

describe('AWS Lambda handlers, end to end on the S3/SQS emulator and a real Postgres', () => {
  it('GET /api/config tells the page to upload presigned, its limits and where the WebSocket is', async () => {
    const response = await api.getConfig();
    expect(response.statusCode).toBe(200);
    const config = serviceConfig.parse(JSON.parse(String(response.body)));
    const rt = await runtime();
    expect(config).toEqual({
      uploadMode: 'presigned',
      maxUploadBytes: rt.config.MAX_UPLOAD_BYTES,
      acceptedTypes: expect.arrayContaining(['jpeg', 'png', 'heic']),
      imageRetentionHours: rt.config.IMAGE_RETENTION_HOURS,
      resultRetentionHours: rt.config.RESULT_RETENTION_HOURS,
      websocketUrl: rt.config.WEBSOCKET_ENDPOINT.replace(/^http/, 'ws').replace(/\/$/, ''),
    });
  });

  it('createScan → presigned upload → S3 event → SQS → extract → Postgres → postToConnection', async () => {
    const bytes = new Uint8Array(await readFile(UTO));
    const created = await createAndUpload(bytes);

    // A browser connects with the token and subscribes; another subscriber's socket is already gone.
    const connectionId = newConnectionId();
    const goneId = newConnectionId();
    management.gone.add(goneId);
    const wrong = await ws.connect({
      requestContext: { connectionId: newConnectionId(), routeKey: '$connect' },
      queryStringParameters: { scan: created.id, token: 'not-the-token' },
    });
    expect(wrong.statusCode).toBe(404);
    const connected = await ws.connect({
      requestContext: { connectionId, routeKey: '$connect' },
      queryStringParameters: { scan: created.id, token: created.token },
    });
    expect(connected.statusCode).toBe(200);
    const subscribed = await ws.subscribe({
      requestContext: { connectionId, routeKey: 'subscribe' },
      body: JSON.stringify({ action: 'subscribe', scan: created.id, token: created.token }),
    });
    expect(subscribed.statusCode).toBe(200);
    await rt.subscriptions.add(goneId, created.id);

    // S3 tells s3Uploaded about the object; it validates it and queues the scan on SQS.
    await s3Uploaded(s3ObjectCreatedEvent(resources.bucket, `scans/${created.id}`, bytes.length));
    const messages = await receive(resources);
    expect(messages).toHaveLength(1);
    expect(JSON.parse(messages[0].Body!)).toEqual({ scanId: created.id });

    const event = sqsEvent(messages, resources.queueArn);
    expect(await extract(event)).toEqual({ batchItemFailures: [] });
    // Lambda deletes the messages of a batch that reported no failures.
    await resources.sqs.send(
      new DeleteMessageCommand({ QueueUrl: resources.queueUrl, ReceiptHandle: messages[0].ReceiptHandle }),
    );

    const got = await api.getScan(
      httpEvent('GET', `/api/scans/${created.id}`, { id: created.id, token: created.token }),
    );
    expect(got.statusCode).toBe(200);
    const view = JSON.parse(String(got.body)) as { status: string; result: { format: string } | null };
    expect(view.status).toBe('done');
    expect(await resultRows(created.id)).toBe(1);

    // The result was pushed through the management API, in the embedded /ws message order.
    const mine = management.posted.filter((p) => p.connectionId === connectionId).map((p) => p.message);
    expect(mine.map((m) => m.type)).toEqual(['status', 'status', 'status', 'result']);
    expect(mine.slice(0, 3).map((m) => m.status)).toEqual(['queued', 'processing', view.status]);
    expect(mine[3].scan).toEqual(view);
    expect(management.deleted).toContain(connectionId);
    expect(management.paths.some((p) => p.startsWith(`POST /test/@connections/`))).toBe(true);
    // The gone connection (410) was cleaned up; so was the finished one.
    expect(await rt.subscriptions.connectionsFor(created.id)).toEqual([]);

    // A redelivered message (SQS is at-least-once) is acknowledged without a second result or push.
    const pushes = management.posted.length;
    const again = sqsEvent(messages, resources.queueArn);
    again.Records[0].attributes.ApproximateReceiveCount = '2';
    expect(await extract(again)).toEqual({ batchItemFailures: [] });
    expect(await resultRows(created.id)).toBe(view.status === 'done' ? 1 : 0);
    expect(management.posted.length).toBe(pushes);

    // A late subscriber to a finished scan gets the result at once.
    const late = newConnectionId();
    await ws.subscribe({
      requestContext: { connectionId: late, routeKey: 'subscribe' },
      body: JSON.stringify({ action: 'subscribe', scan: created.id, token: created.token }),
    });
    const lateMessages = management.posted.filter((p) => p.connectionId === late).map((p) => p.message);
    expect(lateMessages.map((m) => m.type)).toEqual(['status', 'result']);

    // Token rules as in the embedded service: wrong or missing token → 404.
    for (const token of ['wrong', undefined]) {
      const response = await api.getScan(
        httpEvent('GET', `/api/scans/${created.id}`, { id: created.id, token }),
      );
      expect(response.statusCode).toBe(404);
      expect(JSON.parse(String(response.body))).toEqual({
        error: { code: 'NOT_FOUND', message: 'No such scan.' },
      });
    }
    const badDelete = await api.deleteScan(
      httpEvent('DELETE', `/api/scans/${created.id}`, { id: created.id, token: 'wrong' }),
    );
    expect(badDelete.statusCode).toBe(404);

    // Delete: the image and the personal data are gone.
    expect(await objectExists(`scans/${created.id}`)).toBe(true);
    const deleted = await api.deleteScan(
      httpEvent('DELETE', `/api/scans/${created.id}`, { id: created.id, token: created.token }),
    );
    expect(deleted.statusCode).toBe(204);
    expect(await objectExists(`scans/${created.id}`)).toBe(false);
    expect(await resultRows(created.id)).toBe(0);
    const after = await api.getScan(
      httpEvent('GET', `/api/scans/${created.id}`, { id: created.id, token: created.token }),
    );
    expect(after.statusCode).toBe(404);
  });

  it('a poison message is reported in batchItemFailures until SQS moves it to the dead-letter queue', async () => {
    await resources.sqs.send(
      new SendMessageCommand({ QueueUrl: resources.queueUrl, MessageBody: 'not json' }),
    );
    let failures = 0;
    for (let receive_ = 0; receive_ < MAX_ATTEMPTS + 2; receive_++) {
      const messages = await receive(resources, resources.queueUrl, 1);
      if (messages.length === 0) {
        await new Promise((r) => setTimeout(r, 1100));
        continue;
      }
      const response = await extract(sqsEvent(messages, resources.queueArn));
      expect(response.batchItemFailures).toEqual([{ itemIdentifier: messages[0].MessageId }]);
      failures++;
      // Not deleted (reported as failed): it comes back once its visibility timeout ends.
      await new Promise((r) => setTimeout(r, 1100));
    }
    expect(failures).toBe(MAX_ATTEMPTS + 1);
    const dead = await receive(resources, resources.dlqUrl);
    expect(dead.map((m) => m.Body)).toEqual(['not json']);
    expect(await receive(resources, resources.queueUrl, 1)).toEqual([]);
  });

  it('a failed attempt is retried after the backoff delay, not the full visibility timeout; the last one fails the scan', async () => {
    const bytes = new Uint8Array(await readFile(UTO));
    const outcomes: ('throw' | 'ok')[] = ['throw', 'ok', 'throw', 'throw'];
    const flaky: Extractor = {
      extract: async (): Promise<ExtractOutcome> => {
        if (outcomes.shift() === 'throw') throw new Error('model store unreachable');
        return {
          ok: false,
          error: { code: 'NO_MRZ', message: 'No machine-readable zone was found in the image.' },
        };
      },
      close: async () => undefined,
    };
    const flakyExtract = createExtractHandler(runtime, () => flaky);
    const deliver = async () => {
      const started = Date.now();
      for (;;) {
        const messages = await receive(resources);
        if (messages.length > 0) return { messages, waitedMs: Date.now() - started };
        if (Date.now() - started > 15_000) throw new Error('no redelivery');
      }
    };

    // Attempt 1 throws → reported failed, visible again after 1 s; attempt 2 succeeds → acknowledged.
    const first = await createAndUpload(bytes);
    await s3Uploaded(s3ObjectCreatedEvent(resources.bucket, `scans/${first.id}`, bytes.length));
    let { messages } = await deliver();
    expect(await flakyExtract(sqsEvent(messages, resources.queueArn))).toEqual({
      batchItemFailures: [{ itemIdentifier: messages[0].MessageId }],
    });
    const again = await deliver();
    expect(again.waitedMs).toBeLessThan(10_000);
    expect(again.messages[0].Attributes?.ApproximateReceiveCount).toBe('2');
    expect(await flakyExtract(sqsEvent(again.messages, resources.queueArn))).toEqual({
      batchItemFailures: [],
    });
    const firstView = await api.getScan(
      httpEvent('GET', `/api/scans/${first.id}`, { id: first.id, token: first.token }),
    );
    expect(JSON.parse(String(firstView.body))).toMatchObject({ status: 'failed', error: { code: 'NO_MRZ' } });
    await resources.sqs.send(
      new DeleteMessageCommand({
        QueueUrl: resources.queueUrl,
        ReceiptHandle: again.messages[0].ReceiptHandle,
      }),
    );

    // Both attempts throw → the last attempt fails the scan itself and acknowledges the message.
    const second = await createAndUpload(bytes);
    await s3Uploaded(s3ObjectCreatedEvent(resources.bucket, `scans/${second.id}`, bytes.length));
    ({ messages } = await deliver());
    expect((await flakyExtract(sqsEvent(messages, resources.queueArn))).batchItemFailures).toHaveLength(1);
    const last = await deliver();
    expect(await flakyExtract(sqsEvent(last.messages, resources.queueArn))).toEqual({
      batchItemFailures: [],
    });
    const secondView = await api.getScan(
      httpEvent('GET', `/api/scans/${second.id}`, { id: second.id, token: second.token }),
    );
    expect(JSON.parse(String(secondView.body))).toMatchObject({
      status: 'failed',
      error: { code: 'PROCESSING_FAILED' },
    });
    await resources.sqs.send(
      new DeleteMessageCommand({
        QueueUrl: resources.queueUrl,
        ReceiptHandle: last.messages[0].ReceiptHandle,
      }),
    );
  });

  it('a scan whose image vanished fails once; the batch reports only the failing message', async () => {
    const bytes = new Uint8Array(await readFile(UTO));
    const created = await createAndUpload(bytes);
    await s3Uploaded(s3ObjectCreatedEvent(resources.bucket, `scans/${created.id}`, bytes.length));
    const [message] = await receive(resources);
    await rt.store.delete(`scans/${created.id}`);
    const event = sqsEvent(
      [message, { ...message, MessageId: 'poison-1', Body: '{"nope":1}' }],
      resources.queueArn,
    );
    expect(await extract(event)).toEqual({ batchItemFailures: [{ itemIdentifier: 'poison-1' }] });
    const got = await api.getScan(
      httpEvent('GET', `/api/scans/${created.id}`, { id: created.id, token: created.token }),
    );
    expect(JSON.parse(String(got.body))).toMatchObject({
      status: 'failed',
      error: { code: 'IMAGE_NOT_FOUND' },
    });
  });

  it('s3Uploaded refuses what is not an image: scan failed, object deleted, nothing queued', async () => {
    const pdf = new TextEncoder().encode('%PDF-1.4\n% not an image\n');
    const created = await createAndUpload(pdf);
    await s3Uploaded(s3ObjectCreatedEvent(resources.bucket, `scans/${created.id}`, pdf.length));
    expect(await objectExists(`scans/${created.id}`)).toBe(false);
    expect(await receive(resources, resources.queueUrl, 1)).toEqual([]);
    const got = await api.getScan(
      httpEvent('GET', `/api/scans/${created.id}`, { id: created.id, token: created.token }),
    );
    expect(JSON.parse(String(got.body))).toMatchObject({
      status: 'failed',
      error: { code: 'UNSUPPORTED_TYPE' },
    });
    // A repeated S3 event for the same object changes nothing.
    await s3Uploaded(s3ObjectCreatedEvent(resources.bucket, `scans/${created.id}`, pdf.length));
    expect(await receive(resources, resources.queueUrl, 1)).toEqual([]);
  });

  it('createScan refuses unsupported types, oversize announcements and bad bodies', async () => {
    const pdf = await api.createScan(
      httpEvent('POST', '/api/scans', { body: { contentType: 'application/pdf', contentLength: 10 } }),
    );
    expect(pdf.statusCode).toBe(415);
    const huge = await api.createScan(
      httpEvent('POST', '/api/scans', { body: { contentType: 'image/png', contentLength: 1024 ** 3 } }),
    );
    expect(huge.statusCode).toBe(413);
    const bad = await api.createScan({ ...httpEvent('POST', '/api/scans'), body: 'nope' });
    expect(bad.statusCode).toBe(400);
  });

  it('the retention job deletes expired images and keeps results; $disconnect forgets subscriptions', async () => {
    const bytes = new Uint8Array(await readFile(UTO));
    const created = await createAndUpload(bytes);
    const connectionId = newConnectionId();
    await ws.connect({
      requestContext: { connectionId, routeKey: '$connect' },
      queryStringParameters: { scan: created.id, token: created.token },
    });
    expect(await rt.subscriptions.connectionsFor(created.id)).toEqual([connectionId]);
    await ws.disconnect({ requestContext: { connectionId, routeKey: '$disconnect' } });
    expect(await rt.subscriptions.connectionsFor(created.id)).toEqual([]);

    await withClient(db.url, (c) =>
      c.query(`UPDATE scans SET created_at = now() - interval '25 hours' WHERE id = $1`, [created.id]),
    );
    const { removed } = await maintenance.retention();
    expect(removed).toBeGreaterThanOrEqual(1);
    expect(await objectExists(`scans/${created.id}`)).toBe(false);
    const got = await api.getScan(
      httpEvent('GET', `/api/scans/${created.id}`, { id: created.id, token: created.token }),
    );
    expect(got.statusCode).toBe(200);
  });

  it('the retention job fails a scan a killed Lambda left processing with every attempt used, and tells its watcher', async () => {
    const bytes = new Uint8Array(await readFile(UTO));
    const [killed, recent] = [await createAndUpload(bytes), await createAndUpload(bytes)];
    const connectionId = newConnectionId();
    await ws.connect({
      requestContext: { connectionId, routeKey: '$connect' },
      queryStringParameters: { scan: killed.id, token: killed.token },
    });
    // What a Lambda killed during its last attempt leaves: processing, no message to finish it.
    // The other began its last attempt just now and may still be running.
    const timeout = rt.config.JOB_TIMEOUT_SECONDS;
    await withClient(db.url, async (c) => {
      await c.query(
        `UPDATE scans SET status = 'processing', attempts = $2, updated_at = now() - make_interval(secs => $3) WHERE id = $1`,
        [killed.id, MAX_ATTEMPTS + 1, 2 * timeout + 5],
      );
      await c.query(`UPDATE scans SET status = 'processing', attempts = $2 WHERE id = $1`, [
        recent.id,
        MAX_ATTEMPTS,
      ]);
    });
    expect((await maintenance.retention()).abandonedFailed).toBe(1);
    const view = async (scan: Created) =>
      JSON.parse(
        String(
          (await api.getScan(httpEvent('GET', `/api/scans/${scan.id}`, { id: scan.id, token: scan.token })))
            .body,
        ),
      ) as { status: string; error: { code: string } | null };
    expect(await view(killed)).toMatchObject({ status: 'failed', error: { code: 'PROCESSING_FAILED' } });
    expect((await view(recent)).status).toBe('processing');
    expect(
      management.posted.filter((p) => p.connectionId === connectionId).map((p) => p.message),
    ).toContainEqual(
      expect.objectContaining({ type: 'result', scan: expect.objectContaining({ status: 'failed' }) }),
    );
    expect((await maintenance.retention()).abandonedFailed).toBe(0);
  });

  it('an attempt ends before the invocation does: a later record of a batch gets what is left of it', async () => {
    const bytes = new Uint8Array(await readFile(UTO));
    const deadlines: (number | undefined)[] = [];
    const recording: Extractor = {
      extract: async (_bytes, options): Promise<ExtractOutcome> => {
        deadlines.push(options?.deadline);
        return {
          ok: false,
          error: { code: 'NO_MRZ', message: 'No machine-readable zone was found in the image.' },
        };
      },
      close: async () => undefined,
    };
    const recordingExtract = createExtractHandler(runtime, () => recording);
    const created = await createAndUpload(bytes);
    await s3Uploaded(s3ObjectCreatedEvent(resources.bucket, `scans/${created.id}`, bytes.length));
    const messages = await receive(resources);
    const timeoutMs = rt.config.JOB_TIMEOUT_SECONDS * 1000;
    // 8 s left of the invocation, of which the attempt keeps the usual reserve (a tenth, ≤ 10 s).
    const reserve = Math.min(10_000, timeoutMs / 10);
    const called = Date.now();
    await recordingExtract(sqsEvent(messages, resources.queueArn), { getRemainingTimeInMillis: () => 8_000 });
    expect(deadlines).toHaveLength(1);
    expect(deadlines[0]! - called).toBeGreaterThan(8_000 - reserve - 1_000);
    expect(deadlines[0]! - called).toBeLessThanOrEqual(8_000 - reserve + 100);
    await resources.sqs.send(
      new DeleteMessageCommand({ QueueUrl: resources.queueUrl, ReceiptHandle: messages[0].ReceiptHandle }),
    );
  });

  it('a scan deleted before its upload arrives leaves no image behind', async () => {
    const bytes = new Uint8Array(await readFile(UTO));
    const created = await createAndUpload(bytes);
    await api.deleteScan(
      httpEvent('DELETE', `/api/scans/${created.id}`, { id: created.id, token: created.token }),
    );
    await resources.s3.send(
      new PutObjectCommand({ Bucket: resources.bucket, Key: `scans/${created.id}`, Body: bytes }),
    );
    await s3Uploaded(s3ObjectCreatedEvent(resources.bucket, `scans/${created.id}`, bytes.length));
    expect(await objectExists(`scans/${created.id}`)).toBe(false);
  });
});
