import { existsSync } from 'node:fs';
import { readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import * as contract from '@passport-reader/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createExtractor } from '../src/adapters/registry.js';
import { extractorChoice } from '../src/composition.js';
import { ReaderExtractor } from '../src/adapters/reader-extractor.js';
import { TextractExtractor } from '../src/adapters/textract-extractor.js';
import { loadConfig } from '../src/config/service-config.js';
import { PostgresScanRepository } from '../src/adapters/postgres-scan-repository.js';
import { FolderObjectStore } from '../src/adapters/folder-object-store.js';
import { sweepExpiredImages, sweepExpiredScans } from '../src/scans/retention.js';
import pg from 'pg';
import { Registry } from 'prom-client';
import { buildHttpApp } from '../src/http/app.js';
import { DATABASE_TIMEOUTS } from '../src/database/pool-options.js';
import {
  getScan,
  quietLog,
  refusedUpgradeStatus,
  SPECIMENS,
  startIsolatedService,
  startTestService,
  type IsolatedService,
  tempDir,
  upload,
  uploadFile,
  UTO,
  UTO_MRZ,
  waitFor,
  watchScan,
  withClient,
} from './helpers.js';

const MAX_UPLOAD = 4 * 1024 * 1024;

let isolated: IsolatedService;
let db: IsolatedService['db'];
let dataDir: string;
let base: string;

beforeAll(async () => {
  isolated = await startIsolatedService({
    MAX_UPLOAD_BYTES: String(MAX_UPLOAD),
    REQUEST_TIMEOUT_SECONDS: '2',
  });
  ({ db, dataDir } = isolated);
  base = isolated.service.url;
});

afterAll(async () => {
  await isolated?.close();
});

async function resultRows(id: string): Promise<number> {
  return withClient(db.url, async (c) => {
    const { rows } = await c.query('SELECT count(*)::int AS n FROM scan_results WHERE scan_id = $1', [id]);
    return rows[0].n as number;
  });
}

/** Uploads, watches the socket to the end, checks the outcome and that every copy of it agrees. */
async function scanToEnd(file: string, expected: 'done' | 'failed') {
  const created = await uploadFile(base, file);
  expect(created.status).toBe('queued');
  const watch = watchScan(base, created.id, created.token);
  await watch.opened;
  const { messages, code } = await watch.closed;
  expect(code).toBe(1000);
  const results = messages.filter((m) => m.type === 'result');
  expect(results).toHaveLength(1);
  expect(messages.at(-1)!.type).toBe('result');
  expect(messages.filter((m) => m.type === 'status').length).toBeGreaterThanOrEqual(1);
  for (const m of messages.filter((m) => m.type === 'status')) {
    expect(['queued', 'processing', 'done', 'failed']).toContain(m.status);
  }
  const scan = results[0].scan!;
  expect(scan.status).toBe(expected);
  const fetched = await getScan(base, created.id, created.token);
  expect(fetched.status).toBe(200);
  expect(fetched.body).toEqual(scan);
  // what the server sends is what the contract says, to the last field
  expect(contract.scanView.safeParse(fetched.body).error).toBeUndefined();
  for (const message of messages) expect(contract.socketMessage.safeParse(message).error).toBeUndefined();
  expect(await resultRows(created.id)).toBe(expected === 'done' ? 1 : 0);
  return { created, scan, messages };
}

describe('scan flow: HTTP → store → queue → worker → Postgres → WebSocket', () => {
  it('a scan reaches done or failed with a code, exactly once, and GET returns the same body', async () => {
    const { scan } = await scanToEnd(path.join(SPECIMENS, '100_pass-cze.jpg'), 'done');
    expect(Object.keys(scan).sort()).toEqual(['completedAt', 'createdAt', 'error', 'id', 'result', 'status']);
  });

  it('reads the ICAO specimen: done, with its MRZ and date of birth (needs the trained model)', async () => {
    const { created, scan } = await scanToEnd(UTO, 'done');
    expect(scan.status).toBe('done');
    const result = scan.result as { mrz: string[]; fields: { dateOfBirth: string }; valid: boolean };
    expect(result.mrz).toEqual(UTO_MRZ);
    expect(result.fields.dateOfBirth).toBe('1974-08-12');
    const row = await withClient(
      db.url,
      async (c) =>
        (
          await c.query(
            "SELECT to_char(date_of_birth, 'YYYY-MM-DD') AS dob, document_number FROM scan_results WHERE scan_id = $1",
            [created.id],
          )
        ).rows[0],
    );
    expect(row).toEqual({ dob: '1974-08-12', document_number: 'L898902C3' });
  });

  it('sends the result at once when the scan is already finished', async () => {
    const { created, scan } = await scanToEnd(path.join(SPECIMENS, '100_pass-fin.png'), 'done');
    const late = watchScan(base, created.id, created.token);
    const { messages } = await late.closed;
    expect(messages).toEqual([
      { type: 'status', status: scan.status },
      { type: 'result', scan },
    ]);
  });
});

describe('tokens', () => {
  it('answers 404 for a missing or wrong token, and for an unknown id, alike', async () => {
    const created = await uploadFile(base, UTO);
    expect((await getScan(base, created.id)).status).toBe(404);
    expect((await getScan(base, created.id, 'wrong')).status).toBe(404);
    expect((await getScan(base, created.id, `${created.token}x`)).status).toBe(404);
    const unknown = await getScan(base, '00000000-0000-4000-8000-000000000000', created.token);
    expect(unknown).toEqual(await getScan(base, created.id, 'wrong'));
    expect((await getScan(base, 'not-a-uuid', created.token)).status).toBe(404);
    expect((await getScan(base, created.id, created.token)).status).toBe(200);
  });

  it('refuses a WebSocket with a wrong token with 404 before the upgrade', async () => {
    const created = await uploadFile(base, UTO);
    expect(await refusedUpgradeStatus(base, `scan=${created.id}&token=nope`)).toBe(404);
    expect(await refusedUpgradeStatus(base, `scan=${created.id}`)).toBe(404);
    expect(await refusedUpgradeStatus(base, 'scan=00000000-0000-4000-8000-000000000000&token=x')).toBe(404);
    await watchScan(base, created.id, created.token).closed;
  });

  it('stores only a hash of the token', async () => {
    const created = await uploadFile(base, UTO);
    const stored = await withClient(
      db.url,
      async (c) =>
        (await c.query('SELECT token_hash FROM scans WHERE id = $1', [created.id])).rows[0]
          .token_hash as Buffer,
    );
    expect(stored.length).toBe(32);
    expect(stored.toString('base64url')).not.toBe(created.token);
    await watchScan(base, created.id, created.token).closed;
  });
});

describe('delete and retention', () => {
  it('DELETE removes the image and the personal data; a wrong token cannot', async () => {
    const { created } = await scanToEnd(UTO, 'done');
    const image = path.join(dataDir, 'images', 'scans', created.id);
    const del = (token: string) =>
      fetch(`${base}/api/scans/${created.id}`, {
        method: 'DELETE',
        headers: { authorization: `Bearer ${token}` },
      });
    expect((await del('wrong')).status).toBe(404);
    const gone = await withClient(
      db.url,
      async (c) => (await c.query('SELECT image_key FROM scans WHERE id = $1', [created.id])).rows[0],
    );
    expect(gone.image_key).toBe(`scans/${created.id}`);
    expect(existsSync(image)).toBe(true);
    expect((await del(created.token)).status).toBe(204);
    expect(existsSync(image)).toBe(false);
    expect((await getScan(base, created.id, created.token)).status).toBe(404);
    expect(await resultRows(created.id)).toBe(0);
    const rows = await withClient(
      db.url,
      async (c) => (await c.query('SELECT 1 FROM scans WHERE id = $1', [created.id])).rowCount,
    );
    expect(rows).toBe(0);
    expect((await del(created.token)).status).toBe(404);
  });

  it('the retention job deletes images older than IMAGE_RETENTION_HOURS and keeps newer ones', async () => {
    const { created: old } = await scanToEnd(UTO, 'done');
    const { created: fresh } = await scanToEnd(UTO, 'done');
    await withClient(db.url, (c) =>
      c.query(`UPDATE scans SET created_at = now() - interval '25 hours' WHERE id = $1`, [old.id]),
    );
    const pool = new pg.Pool({ connectionString: db.url, max: 2 });
    try {
      const store = new FolderObjectStore(path.join(dataDir, 'images'));
      const scans = new PostgresScanRepository(pool);
      const removed = await sweepExpiredImages({ store, scans, log: quietLog }, 24);
      expect(removed).toBeGreaterThanOrEqual(1);
      expect(existsSync(path.join(dataDir, 'images', 'scans', old.id))).toBe(false);
      expect(existsSync(path.join(dataDir, 'images', 'scans', fresh.id))).toBe(true);
      expect((await scans.get(old.id))!.imageKey).toBeNull();
      // The scan itself stays readable by its owner.
      expect((await getScan(base, old.id, old.token)).status).toBe(200);
    } finally {
      await pool.end();
    }
  });

  it('the result retention deletes whole scans older than RESULT_RETENTION_HOURS: row, result and image', async () => {
    const { created: old } = await scanToEnd(UTO, 'done');
    const { created: fresh } = await scanToEnd(UTO, 'done');
    await withClient(db.url, (c) =>
      c.query(`UPDATE scans SET created_at = now() - interval '721 hours' WHERE id = $1`, [old.id]),
    );
    const pool = new pg.Pool({ connectionString: db.url, max: 2 });
    try {
      const store = new FolderObjectStore(path.join(dataDir, 'images'));
      const scans = new PostgresScanRepository(pool);
      expect(await sweepExpiredScans({ store, scans, log: quietLog }, 0)).toBe(0);
      expect(await sweepExpiredScans({ store, scans, log: quietLog }, 720)).toBeGreaterThanOrEqual(1);
      expect((await getScan(base, old.id, old.token)).status).toBe(404);
      expect(await resultRows(old.id)).toBe(0);
      expect(existsSync(path.join(dataDir, 'images', 'scans', old.id))).toBe(false);
      expect((await getScan(base, fresh.id, fresh.token)).status).toBe(200);
    } finally {
      await pool.end();
    }
  });
});

describe('bad uploads', () => {
  const jpegHeader = [0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01];

  it('refuses an empty file with 400 EMPTY_FILE', async () => {
    const res = await upload(base, new Uint8Array(0));
    expect(res).toEqual({
      status: 400,
      body: { error: { code: 'EMPTY_FILE', message: expect.any(String) } },
    });
  });

  it('refuses PDF and text (sniffed from the bytes, whatever the name says) with 415', async () => {
    const pdf = await upload(base, new TextEncoder().encode('%PDF-1.7\n%âãÏÓ\n1 0 obj\n'), 'passport.jpg');
    expect(pdf.status).toBe(415);
    expect((pdf.body.error as { code: string }).code).toBe('UNSUPPORTED_TYPE');
    const text = await upload(base, new TextEncoder().encode('hello, I am a passport'), 'passport.png');
    expect(text.status).toBe(415);
  });

  it('refuses a file over MAX_UPLOAD_BYTES with 413 TOO_LARGE', async () => {
    const big = new Uint8Array(MAX_UPLOAD + 1000);
    big.set(jpegHeader);
    const res = await upload(base, big);
    expect(res.status).toBe(413);
    expect((res.body.error as { code: string }).code).toBe('TOO_LARGE');
  });

  it('refuses a request without a "file" field with 400', async () => {
    const res = await upload(base, new Uint8Array(await readFile(UTO)), 'a.jpg', 'image');
    expect([res.status, (res.body.error as { code: string }).code]).toEqual([400, 'NO_FILE']);
  });

  const post = async (contentType: string, body: string | Uint8Array<ArrayBuffer>) => {
    const res = await fetch(`${base}/api/scans`, {
      method: 'POST',
      body,
      headers: { 'content-type': contentType },
    });
    return [res.status, ((await res.json()) as { error: { code: string } }).error.code];
  };
  const part = (boundary: string, name: string, content: string) =>
    `--${boundary}\r\ncontent-disposition: form-data; name="${name}"; filename="a.jpg"\r\ncontent-type: image/jpeg\r\n\r\n${content}\r\n`;

  it('answers every malformed body with a 4xx in its own format: never 500, never a Fastify code', async () => {
    expect(await post('text/plain', 'x')).toEqual([415, 'NOT_MULTIPART']);
    expect(await post('application/json', '{"file":"x"}')).toEqual([415, 'NOT_MULTIPART']);
    expect(await post('multipart/form-data', part('A', 'file', 'x'))).toEqual([400, 'BAD_MULTIPART']);
    expect(await post('multipart/form-data; boundary=B', `${part('A', 'file', 'x')}--A--\r\n`)).toEqual([
      400,
      'BAD_MULTIPART',
    ]);
    // a body that ends in the middle of the file
    expect(
      await post('multipart/form-data; boundary=A', part('A', 'file', 'half a pho').slice(0, -2)),
    ).toEqual([400, 'BAD_MULTIPART']);
  });

  it('refuses a second file in one upload with 400 TOO_MANY_FILES instead of dropping it', async () => {
    const form = new FormData();
    form.append('file', new Blob([await readFile(UTO)]), 'a.jpg');
    form.append('file', new Blob([await readFile(UTO)]), 'b.jpg');
    const res = await fetch(`${base}/api/scans`, { method: 'POST', body: form });
    expect([res.status, ((await res.json()) as { error: { code: string } }).error.code]).toEqual([
      400,
      'TOO_MANY_FILES',
    ]);
  });

  it('a corrupt image that passes the sniff ends failed with UNREADABLE_IMAGE', async () => {
    const corrupt = new Uint8Array(4096);
    corrupt.set(jpegHeader);
    for (let i = jpegHeader.length; i < corrupt.length; i++) corrupt[i] = (i * 7919) % 251;
    const created = await upload(base, corrupt);
    expect(created.status).toBe(202);
    const { id, token } = created.body as { id: string; token: string };
    const { messages } = await watchScan(base, id, token).closed;
    const scan = messages.at(-1)!.scan!;
    expect(scan.status).toBe('failed');
    expect(scan.error!.code).toBe('UNREADABLE_IMAGE');
  });

  it('a photo without a document ends failed with a clear code, and the server stays up', async () => {
    const { scan } = await scanToEnd(path.join(SPECIMENS, 'pacman.jpg'), 'failed');
    expect(scan.status).toBe('failed');
    expect(scan.error!.code).toBe('NO_MRZ');
    expect(scan.error!.diagnostics).toMatchObject({ located: false, hints: ['NOT_FOUND'] });
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    expect((await fetch(`${base}/readyz`)).status).toBe(200);
  });
});

describe('timeouts and caching', () => {
  it('closes a connection whose body never arrives, after REQUEST_TIMEOUT_SECONDS', async () => {
    const { port } = new URL(base);
    const socket = net.connect(Number(port), '127.0.0.1');
    await new Promise((resolve) => socket.once('connect', resolve));
    socket.write(
      'POST /api/scans HTTP/1.1\r\nHost: x\r\ncontent-type: multipart/form-data; boundary=A\r\ncontent-length: 100000\r\n\r\n--A\r\n',
    );
    let answer = '';
    socket.on('data', (chunk: Buffer) => (answer += chunk.toString()));
    const started = Date.now();
    await new Promise((resolve) => socket.once('close', resolve));
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(answer.split('\r\n')[0]).toMatch(/^HTTP\/1\.1 (408|400)/);
  });

  it('marks every scan response no-store: they carry personal data', async () => {
    const created = await fetch(`${base}/api/scans`, {
      method: 'POST',
      body: (() => {
        const form = new FormData();
        form.append('file', new Blob([new Uint8Array(0)]), 'a.jpg');
        return form;
      })(),
    });
    expect(created.headers.get('cache-control')).toBe('no-store');
    const { id, token } = await uploadFile(base, UTO);
    const view = await fetch(`${base}/api/scans/${id}`, { headers: { authorization: `Bearer ${token}` } });
    expect([view.status, view.headers.get('cache-control')]).toEqual([200, 'no-store']);
  });

  it('answers /readyz with 503 within the check deadline when the database does not answer', async () => {
    const app = await buildHttpApp({
      log: quietLog,
      registry: new Registry(),
      checks: { database: () => new Promise(() => undefined), queue: async () => {}, store: async () => {} },
      requestTimeoutMs: 30_000,
      allowedOrigins: [],
    });
    try {
      const started = Date.now();
      const res = await app.inject({ method: 'GET', url: '/readyz' });
      expect(Date.now() - started).toBeLessThan(10_000);
      expect([res.statusCode, res.json().database, res.json().store]).toEqual([503, 'down', 'ok']);
    } finally {
      await app.close();
    }
  });
});

describe('browser protections', () => {
  it('sends security headers with the page: a strict CSP, nosniff, no framing, no referrer', async () => {
    const page = await fetch(`${base}/`);
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');
  });

  it("opens a scan's socket for its own page and for clients without an Origin, not for another site", async () => {
    const created = await uploadFile(base, UTO);
    const query = `scan=${created.id}&token=${encodeURIComponent(created.token)}`;
    expect(await refusedUpgradeStatus(base, query, 'https://evil.example')).toBe(403);
    expect(await refusedUpgradeStatus(base, query, base)).toBe(101);
    expect(await refusedUpgradeStatus(base, query)).toBe(101);
  });
});

describe('operations', () => {
  it('tells the page its limits at /api/config, from the service configuration', async () => {
    const res = await fetch(`${base}/api/config`);
    expect(res.status).toBe(200);
    const config = contract.serviceConfig.parse(await res.json());
    expect(config).toMatchObject({ uploadMode: 'multipart', maxUploadBytes: MAX_UPLOAD });
    expect(config.acceptedTypes).toEqual(expect.arrayContaining(['jpeg', 'heic', 'avif']));
    expect(config.acceptedTypes).not.toContain('gif');
  });

  it('serves the OpenAPI document at /docs', async () => {
    const html = await fetch(`${base}/docs`);
    expect(html.status).toBe(200);
    const doc = (await (await fetch(`${base}/docs/json`)).json()) as {
      openapi: string;
      paths: Record<string, unknown>;
    };
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/scans', '/api/scans/{id}', '/healthz', '/readyz']),
    );
    // the result is described field by field (from the contract), not as "any object"
    const text = JSON.stringify(doc.paths['/api/scans/{id}']);
    for (const field of [
      'fieldConfidence',
      'diagnostics',
      'timingsMs',
      'documentNumber',
      'rotation',
      'hints',
    ])
      expect(text).toContain(`"${field}"`);
  });

  it('serves Prometheus metrics: queue depth, scans by status, read latency', async () => {
    const text = await (await fetch(`${base}/metrics`)).text();
    expect(text).toContain('passport_reader_queue_depth');
    expect(text).toMatch(/passport_reader_scans\{status="(done|failed)"\} [1-9]/);
    expect(text).toContain('passport_reader_read_seconds_bucket');
    expect(text).toContain('passport_reader_scan_outcomes_total');
  });

  it('rejects bad configuration naming the variable', () => {
    expect(() => loadConfig({ PORT: 'abc' })).toThrow(/PORT/);
    expect(() => loadConfig({ MAX_UPLOAD_BYTES: '-1' })).toThrow(/MAX_UPLOAD_BYTES/);
    expect(() => loadConfig({ QUEUE: 'kafka' })).toThrow(/QUEUE/);
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL/);
    expect(() => loadConfig({ OBJECT_STORE: 's3' })).toThrow(/S3_BUCKET/);
    expect(loadConfig({}).PORT).toBe(3000);
    expect(loadConfig({}).HOST).toBe('127.0.0.1');
  });

  it('reads with the built-in reader by default and with Amazon Textract when EXTRACTOR=textract', async () => {
    expect(() => loadConfig({ EXTRACTOR: 'tesseract' })).toThrow(/EXTRACTOR/);
    const reader = await createExtractor(extractorChoice(loadConfig({ READER_THREADS: '1' })));
    const textract = await createExtractor(
      extractorChoice(loadConfig({ EXTRACTOR: 'textract', TEXTRACT_REGION: 'eu-west-1' })),
    );
    try {
      expect(reader).toBeInstanceOf(ReaderExtractor);
      expect(textract).toBeInstanceOf(TextractExtractor);
    } finally {
      await Promise.all([reader.close(), textract.close()]);
    }
  });
});

describe('failing dependencies', () => {
  it('an image folder that cannot be written: uploads 503 STORE_UNAVAILABLE, /readyz 503, nothing half-made', async () => {
    const broken = await tempDir();
    // a file where the image folder should be: nothing can be written under it, whoever runs the test
    await writeFile(path.join(broken, 'images'), 'not a folder');
    const degraded = await startTestService({ DATABASE_URL: db.url, DATA_DIR: broken }, 'api');
    const scans = () =>
      withClient(db.url, async (c) => (await c.query('SELECT count(*)::int AS n FROM scans')).rows[0].n);
    try {
      const before = await scans();
      const res = await upload(degraded.url, new Uint8Array(await readFile(UTO)));
      expect([res.status, (res.body.error as { code: string }).code]).toEqual([503, 'STORE_UNAVAILABLE']);
      expect(await scans()).toBe(before);
      const ready = await fetch(`${degraded.url}/readyz`);
      expect([ready.status, ((await ready.json()) as { store: string }).store]).toEqual([503, 'down']);
    } finally {
      await degraded.close();
      await rm(broken, { recursive: true, force: true });
    }
  });

  it('a database that accepts connections but never answers fails a query within seconds, not never', async () => {
    const silent = net.createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as net.AddressInfo;
    const pool = new pg.Pool({ ...DATABASE_TIMEOUTS, connectionString: `postgres://x@127.0.0.1:${port}/x` });
    try {
      const started = Date.now();
      await expect(new PostgresScanRepository(pool).ping()).rejects.toThrow();
      expect(Date.now() - started).toBeLessThan(15_000);
    } finally {
      await pool.end();
      silent.close();
    }
  });
});

describe('socket limits', () => {
  it('refuses one socket too many on a scan with 429, and ends a socket at its lifetime', async () => {
    // an api-only service with a queue of its own: nothing reads the scan, so its sockets stay open
    const api = await startTestService(
      {
        DATABASE_URL: db.url,
        DATA_DIR: dataDir,
        PGBOSS_SCHEMA: 'pgboss_unread',
        WS_MAX_PER_SCAN: '2',
        WS_LIFETIME_SECONDS: '2',
      },
      'api',
    );
    try {
      const created = await uploadFile(api.url, UTO);
      const query = `scan=${created.id}&token=${encodeURIComponent(created.token)}`;
      const first = watchScan(api.url, created.id, created.token, 30_000);
      const second = watchScan(api.url, created.id, created.token, 30_000);
      await Promise.all([first.opened, second.opened]);
      expect(await refusedUpgradeStatus(api.url, query)).toBe(429);
      const { code, messages } = await first.closed;
      expect(code).toBe(1000);
      expect(messages.map((m) => m.type)).toEqual(['status']);
      await second.closed;
    } finally {
      await api.close();
    }
  });
});

describe('socket limits per client', () => {
  it('refuses a client address one socket over WS_MAX_PER_CLIENT, whichever scans they watch', async () => {
    const api = await startTestService(
      { DATABASE_URL: db.url, DATA_DIR: dataDir, PGBOSS_SCHEMA: 'pgboss_unread', WS_MAX_PER_CLIENT: '3' },
      'api',
    );
    try {
      const [a, b] = [await uploadFile(api.url, UTO), await uploadFile(api.url, UTO)];
      const open = [a, a, b].map((s) => watchScan(api.url, s.id, s.token, 30_000));
      await Promise.all(open.map((w) => w.opened));
      expect(await refusedUpgradeStatus(api.url, `scan=${b.id}&token=${encodeURIComponent(b.token)}`)).toBe(
        429,
      );
      open[0].ws.close();
      await open[0].closed;
      expect(await refusedUpgradeStatus(api.url, `scan=${b.id}&token=${encodeURIComponent(b.token)}`)).toBe(
        101,
      );
      for (const w of open) w.ws.close();
    } finally {
      await api.close();
    }
  });
});

describe('upload concurrency', () => {
  it('turns an upload away with 503 BUSY and Retry-After while MAX_CONCURRENT_UPLOADS are in flight', async () => {
    const api = await startTestService(
      {
        DATABASE_URL: db.url,
        DATA_DIR: dataDir,
        PGBOSS_SCHEMA: 'pgboss_unread',
        MAX_CONCURRENT_UPLOADS: '2',
      },
      'api',
    );
    const { port } = new URL(api.url);
    const slow = [0, 1].map(() => net.connect(Number(port), '127.0.0.1'));
    try {
      for (const socket of slow) {
        await new Promise((resolve) => socket.once('connect', resolve));
        // headers and the start of a body that never ends: an upload in flight
        socket.write(
          'POST /api/scans HTTP/1.1\r\nHost: x\r\ncontent-type: multipart/form-data; boundary=A\r\ncontent-length: 100000\r\n\r\n--A\r\n',
        );
      }
      await new Promise((r) => setTimeout(r, 300));
      const busy = await fetch(`${api.url}/api/scans`, { method: 'POST', body: new FormData() });
      expect([busy.status, busy.headers.get('retry-after')]).toEqual([503, '2']);
      expect(((await busy.json()) as { error: { code: string } }).error.code).toBe('BUSY');
      for (const socket of slow) socket.destroy();
      await new Promise((r) => setTimeout(r, 300));
      expect((await uploadFile(api.url, UTO)).status).toBe('queued');
    } finally {
      for (const socket of slow) socket.destroy();
      await api.close();
    }
  });
});

describe('operator token', () => {
  it('with ADMIN_TOKEN set, /metrics and /docs need it, and it deletes any scan', async () => {
    const admin = 'operator-token-0123456789';
    const api = await startTestService(
      { DATABASE_URL: db.url, DATA_DIR: dataDir, PGBOSS_SCHEMA: 'pgboss_unread', ADMIN_TOKEN: admin },
      'api',
    );
    try {
      const bearer = { authorization: `Bearer ${admin}` };
      expect((await fetch(`${api.url}/metrics`)).status).toBe(401);
      expect((await fetch(`${api.url}/docs/json`)).status).toBe(401);
      expect((await fetch(`${api.url}/metrics`, { headers: bearer })).status).toBe(200);
      expect((await fetch(`${api.url}/docs/json`, { headers: bearer })).status).toBe(200);
      const created = await uploadFile(api.url, UTO);
      const deleted = await fetch(`${api.url}/api/scans/${created.id}`, {
        method: 'DELETE',
        headers: bearer,
      });
      expect(deleted.status).toBe(204);
      expect((await getScan(api.url, created.id, created.token)).status).toBe(404);
    } finally {
      await api.close();
    }
  });
});

describe('throttling', () => {
  it('counts refused tokens, and answers a client over SCAN_READS_PER_MINUTE with 429 RATE_LIMITED', async () => {
    const api = await startTestService(
      { DATABASE_URL: db.url, DATA_DIR: dataDir, PGBOSS_SCHEMA: 'pgboss_unread', SCAN_READS_PER_MINUTE: '3' },
      'api',
    );
    try {
      const created = await uploadFile(api.url, UTO);
      const refused = async () =>
        Number(
          /passport_reader_refused_tokens_total (\d+)/.exec(
            await (await fetch(`${api.url}/metrics`)).text(),
          )?.[1],
        );
      const before = await refused();
      expect((await getScan(api.url, created.id, 'not-the-token')).status).toBe(404);
      expect(await refused()).toBe(before + 1);
      expect((await getScan(api.url, created.id, created.token)).status).toBe(200);
      expect((await getScan(api.url, created.id, created.token)).status).toBe(200);
      const limited = await getScan(api.url, created.id, created.token);
      expect([limited.status, (limited.body.error as { code: string }).code]).toEqual([429, 'RATE_LIMITED']);
    } finally {
      await api.close();
    }
  });
});

/** Every file under the image folder (the store's objects and any temporary file being written). */
async function storedFiles(): Promise<{ name: string; size: number }[]> {
  const root = path.join(dataDir, 'images');
  const names = existsSync(root) ? ((await readdir(root, { recursive: true })) as string[]) : [];
  const files = await Promise.all(
    names.map(async (name) => ({ name, stat: await stat(path.join(root, name)).catch(() => null) })),
  );
  return files.flatMap(({ name, stat }) => (stat?.isFile() ? [{ name, size: stat.size }] : []));
}

describe('streamed uploads', () => {
  const head = `--A\r\ncontent-disposition: form-data; name="file"; filename="a.jpg"\r\ncontent-type: image/jpeg\r\n\r\n`;

  it('writes the file to the store while it arrives, and leaves nothing when the client stops half-way', async () => {
    const before = new Set((await storedFiles()).map((f) => f.name));
    const image = await readFile(UTO);
    const { port } = new URL(base);
    const socket = net.connect(Number(port), '127.0.0.1');
    await new Promise((resolve) => socket.once('connect', resolve));
    socket.write(
      `POST /api/scans HTTP/1.1\r\nHost: x\r\ncontent-type: multipart/form-data; boundary=A\r\ncontent-length: ${head.length + image.length + 9}\r\n\r\n`,
    );
    socket.write(head);
    socket.write(image.subarray(0, image.length >> 1));
    // half the file is on disk before the rest is sent
    const partial = await waitFor(
      'the partial file in the store',
      async () => {
        const growing = (await storedFiles()).filter((f) => !before.has(f.name));
        return growing.length === 1 && growing[0].size > 0 ? growing[0] : undefined;
      },
      10_000,
    );
    expect(partial.name.endsWith('.tmp')).toBe(true);
    expect(partial.size).toBeLessThanOrEqual(image.length >> 1);
    socket.destroy();
    await waitFor(
      'the partial file to be removed',
      async () => (await storedFiles()).every((f) => before.has(f.name)),
      10_000,
    );
  });

  it('an upload over the limit leaves nothing in the store', async () => {
    const before = (await storedFiles()).map((f) => f.name).sort();
    const big = new Uint8Array(MAX_UPLOAD * 3);
    big.set([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01]);
    const res = await upload(base, big);
    expect([res.status, (res.body.error as { code: string }).code]).toEqual([413, 'TOO_LARGE']);
    expect((await storedFiles()).map((f) => f.name).sort()).toEqual(before);
  });
});

describe('abandoned uploads', () => {
  it('does not keep a scan whose client went away before it was told the token', async () => {
    const count = () =>
      withClient(
        db.url,
        async (c) => (await c.query('SELECT count(*)::int AS n FROM scans')).rows[0].n as number,
      );
    const before = await count();
    const image = await readFile(UTO);
    const head = `--A\r\ncontent-disposition: form-data; name="file"; filename="a.jpg"\r\ncontent-type: image/jpeg\r\n\r\n`;
    const body = Buffer.concat([Buffer.from(head), image, Buffer.from('\r\n--A--\r\n')]);
    const { port } = new URL(base);
    const socket = net.connect(Number(port), '127.0.0.1');
    await new Promise((resolve) => socket.once('connect', resolve));
    socket.write(
      `POST /api/scans HTTP/1.1\r\nHost: x\r\ncontent-type: multipart/form-data; boundary=A\r\ncontent-length: ${body.length}\r\n\r\n`,
    );
    // the whole upload, then gone before the answer
    socket.end(body);
    socket.destroy();
    await new Promise((r) => setTimeout(r, 1500));
    expect(await count()).toBe(before);
  });
});
