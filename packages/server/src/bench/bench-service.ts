/**
 * Service benchmark: `npm run bench:service -- --n 200 --c 16 [--idle 20] [DIR]`.
 * Starts `passport-reader serve` on the embedded defaults in a temp DATA_DIR. First, on the idle
 * service, IDLE single scans one after another with a pause between (the first is the first after
 * start-up): upload→result over the WebSocket against the reader's own time for the same scan.
 * Then N uploads of images (cycling through DIR, by default the shared specimens) at concurrency C,
 * every result awaited over WebSockets and checked in the database; then the reader alone
 * (ReaderPool, one thread per core) on the same images, and prints both. With `--big K`, last,
 * K uploads of 15 MiB each at once (bytes a reader refuses): the service process's RSS before
 * and at its peak, which shows whether uploads are held in memory or streamed to the store.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import { availableParallelism, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { ReaderPool } from '@passport-reader/reader';
import pg from 'pg';
import WebSocket from 'ws';

const BIN = fileURLToPath(new URL('../../bin/passport-reader.js', import.meta.url));
const DEFAULT_DIR = fileURLToPath(new URL('../../../../../shared/datasets/mrz-specimens', import.meta.url));

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

interface Upload {
  name: string;
  bytes: Uint8Array<ArrayBuffer>;
  /** The multipart/form-data body of an upload of the image, built once. */
  body: Buffer;
}

const BOUNDARY = 'bench-service-boundary';

/**
 * The images as ready-made upload bodies: the load generator shares the service's two cores, so it
 * does as little per scan as it can (building a FormData for each cost it ~9 ms of CPU a scan).
 */
async function loadImages(dir: string): Promise<Upload[]> {
  const names = (await readdir(dir)).filter((f) => /\.(jpe?g|png)$/i.test(f)).sort();
  return Promise.all(
    names.map(async (name) => {
      const bytes = new Uint8Array(await readFile(path.join(dir, name)));
      const head = `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`;
      return {
        name,
        bytes,
        body: Buffer.concat([Buffer.from(head), bytes, Buffer.from(`\r\n--${BOUNDARY}--\r\n`)]),
      };
    }),
  );
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

function upload(base: string, image: Upload): Promise<{ id: string; token: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      `${base}/api/scans`,
      {
        method: 'POST',
        agent,
        headers: {
          'content-type': `multipart/form-data; boundary=${BOUNDARY}`,
          'content-length': image.body.length,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          if (res.statusCode !== 202) reject(new Error(`upload ${image.name}: HTTP ${res.statusCode}`));
          else resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')) as { id: string; token: string });
        });
      },
    );
    req.on('error', reject);
    req.end(image.body);
  });
}

async function runPool<T>(n: number, c: number, task: (i: number) => Promise<T>): Promise<T[]> {
  const out: T[] = new Array(n);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(c, n) }, async () => {
      for (let i = next++; i < n; i = next++) out[i] = await task(i);
    }),
  );
  return out;
}

interface Scan {
  id: string;
  ms: number;
  results: number;
  /** The reader's own time for this scan (its result's timingsMs.total), when it has a result. */
  readerMs: number;
  status: string;
  code: string | null;
}

async function scanOnce(base: string, image: Upload): Promise<Scan> {
  const started = performance.now();
  const { id, token } = await upload(base, image);
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(
      `${base.replace(/^http/, 'ws')}/ws?scan=${id}&token=${encodeURIComponent(token)}`,
    );
    let results = 0;
    let status = 'unknown';
    let code: string | null = null;
    let ms = NaN;
    let readerMs = NaN;
    const timer = setTimeout(() => ws.terminate(), 600_000);
    ws.on('message', (data) => {
      const msg = JSON.parse(String(data)) as {
        type: string;
        scan?: {
          status: string;
          error: { code: string } | null;
          result: { timingsMs: { total: number } } | null;
        };
      };
      if (msg.type === 'result') {
        results++;
        ms = performance.now() - started;
        status = msg.scan!.status;
        code = msg.scan!.error?.code ?? null;
        readerMs = msg.scan!.result?.timingsMs.total ?? NaN;
      }
    });
    ws.on('close', () => {
      clearTimeout(timer);
      resolve({ id, ms, readerMs, results, status, code });
    });
    ws.on('error', reject);
  });
}

function rssMiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1]) / 1024;
}

async function bigUploads(base: string, count: number, pid: number): Promise<void> {
  const bytes = new Uint8Array(15 * 1024 * 1024 - 4096);
  bytes.set([0xff, 0xd8, 0xff, 0xe0]);
  const before = rssMiB(pid);
  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, rssMiB(pid))), 50);
  const t0 = performance.now();
  const statuses = await Promise.all(
    Array.from({ length: count }, async () => {
      const form = new FormData();
      form.append('file', new Blob([bytes]), 'big.jpg');
      const res = await fetch(`${base}/api/scans`, { method: 'POST', body: form });
      await res.arrayBuffer();
      return res.status;
    }),
  );
  clearInterval(sampler);
  const accepted = statuses.filter((s) => s === 202).length;
  console.log(
    `${count} uploads of 15 MiB at once: ${accepted} accepted in ${((performance.now() - t0) / 1000).toFixed(1)} s; ` +
      `service RSS ${before.toFixed(0)} MiB before, ${peak.toFixed(0)} MiB at peak`,
  );
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      n: { type: 'string', default: '200' },
      c: { type: 'string', default: '16' },
      idle: { type: 'string', default: '20' },
      'skip-reader': { type: 'boolean', default: false },
      big: { type: 'string', default: '0' },
    },
  });
  const big = Number(values.big);
  const n = Number(values.n);
  const c = Number(values.c);
  const images = await loadImages(positionals[0] ?? DEFAULT_DIR);
  if (images.length === 0) throw new Error('no images');
  const dataDir = await mkdtemp(path.join(tmpdir(), 'prs-bench-'));
  const child = spawn(process.execPath, [BIN, 'serve'], {
    env: {
      ...process.env,
      DATA_DIR: dataDir,
      PORT: '0',
      EMBEDDED_PG_PORT: '0',
      LOG_LEVEL: 'info', // the start-up lines below are parsed from the log
      ...(big > 0 ? { MAX_CONCURRENT_UPLOADS: String(Math.max(big, 32)) } : {}),
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let log = '';
  const ready = new Promise<{ url: string; pgPort: number }>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      log += chunk.toString();
      const url = /"url":"(http:[^"]+)".*"msg":"passport-reader service started"/.exec(log)?.[1];
      const pgPort = /"port":(\d+),"msg":"embedded postgres started"/.exec(log)?.[1];
      if (url && pgPort) resolve({ url, pgPort: Number(pgPort) });
      if (log.length > 1_000_000) log = log.slice(-100_000);
    });
    child.on('exit', (code) => reject(new Error(`service exited (${code})`)));
  });
  const exited = new Promise((r) => child.on('exit', r));
  try {
    const { url, pgPort } = await ready;
    const idle: Scan[] = [];
    for (let i = 0; i < Number(values.idle); i++) {
      idle.push(await scanOnce(url, images[i % images.length]));
      await new Promise((r) => setTimeout(r, 1000));
    }
    if (idle.length > 0) {
      const read = idle.filter((s) => Number.isFinite(s.readerMs));
      const sorted = (xs: number[]) => xs.sort((a, b) => a - b);
      console.log(
        `idle, one scan at a time (${idle.length}, ${read.length} with a result): ` +
          `upload→result p50 ${percentile(sorted(read.map((s) => s.ms)), 50).toFixed(0)} ms, ` +
          `reader p50 ${percentile(sorted(read.map((s) => s.readerMs)), 50).toFixed(0)} ms, ` +
          `difference p50 ${percentile(sorted(read.map((s) => s.ms - s.readerMs)), 50).toFixed(0)} ms; ` +
          `first scan after start ${idle[0].ms.toFixed(0)} ms (reader ${idle[0].readerMs.toFixed(0)} ms)`,
      );
    }
    console.log(`service up at ${url}; ${n} uploads at concurrency ${c} over ${images.length} images`);
    const t0 = performance.now();
    const scans = await runPool(n, c, (i) => scanOnce(url, images[i % images.length]));
    const seconds = (performance.now() - t0) / 1000;

    const password = (await readFile(path.join(dataDir, 'postgres.password'), 'utf8')).trim();
    const db = new pg.Client({
      connectionString: `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${pgPort}/passport_reader`,
    });
    await db.connect();
    const { rows } = await db.query<{ id: string; status: string; results: number }>(
      `SELECT s.id, s.status, (SELECT count(*)::int FROM scan_results r WHERE r.scan_id = s.id) AS results FROM scans s`,
    );
    await db.end();
    const byId = new Map(rows.map((r) => [r.id, r]));
    const lost = scans.filter((s) => {
      const row = byId.get(s.id);
      if (!row || s.results !== 1) return true;
      if (row.status === 'done') return row.results !== 1;
      return row.status !== 'failed' || row.results !== 0;
    }).length;
    const latencies = scans
      .map((s) => s.ms)
      .filter(Number.isFinite)
      .sort((a, b) => a - b);
    const outcomes: Record<string, number> = {};
    for (const s of scans) outcomes[s.code ?? s.status] = (outcomes[s.code ?? s.status] ?? 0) + 1;
    const serviceRate = n / seconds;
    console.log(`service: ${serviceRate.toFixed(2)} scans/s`);
    console.log(
      `upload→result p50: ${percentile(latencies, 50).toFixed(0)} ms, p95: ${percentile(latencies, 95).toFixed(0)} ms`,
    );
    console.log(`outcomes: ${JSON.stringify(outcomes)}`);
    console.log(`lost: ${lost}`);

    if (!values['skip-reader']) {
      const threads = availableParallelism();
      const pool = new ReaderPool({ threads });
      const r0 = performance.now();
      await runPool(n, threads * 2, (i) => pool.read(images[i % images.length].bytes).catch(() => null));
      const readerRate = n / ((performance.now() - r0) / 1000);
      await pool.close();
      console.log(`reader alone (ReaderPool, ${threads} threads): ${readerRate.toFixed(2)} reads/s`);
      console.log(`service / reader-alone: ${((serviceRate / readerRate) * 100).toFixed(0)}%`);
    }
    if (big > 0) await bigUploads(url, big, child.pid!);
  } finally {
    child.kill('SIGTERM');
    await exited;
    await rm(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
