import path from 'node:path';
import pg from 'pg';
import type { Logger } from 'pino';
import { PostgresNotifier } from './adapters/postgres-notifier.js';
import { PostgresScanRepository } from './adapters/postgres-scan-repository.js';
import {
  createExtractor,
  createJobQueue,
  createObjectStore,
  type ExtractorChoice,
  type JobQueueChoice,
  type ObjectStoreChoice,
} from './adapters/registry.js';
import type { Config } from './config/service-config.js';
import { startEmbeddedPostgres, type EmbeddedDatabase } from './database/embedded-postgres.js';
import { migrate } from './database/migrate.js';
import { DATABASE_TIMEOUTS } from './database/pool-options.js';
import { withStartupLock } from './database/startup-lock.js';
import { buildHttpApp, type HttpAppOptions } from './http/app.js';
import { analyzeId } from './textract-compat/analyze-id.js';
import type { Extractor, ObjectStore } from './ports.js';
import { createMetrics } from './metrics.js';
import { ScanHub } from './realtime/scan-hub.js';
import { runsApi, runsWorker, type Role } from './roles/role.js';
import { startWorker } from './roles/worker.js';
import { ScanService } from './scans/scan-service.js';
import { toScanView } from './scans/scan-view.js';

export interface RunningService {
  /** http://host:port of this process's HTTP server. */
  url: string;
  port: number;
  databaseUrl: string;
  /** Drains and stops everything, embedded Postgres last. Safe to call twice. */
  close(): Promise<void>;
}

/** The adapters this configuration names, as the registry builds them. */
export function objectStoreChoice(config: Config): ObjectStoreChoice {
  return config.OBJECT_STORE === 'folder'
    ? { kind: 'folder', dir: path.join(config.dataDir, 'images') }
    : {
        kind: 's3',
        bucket: config.S3_BUCKET!,
        prefix: config.S3_PREFIX,
        region: config.S3_REGION,
        endpoint: config.S3_ENDPOINT,
        forcePathStyle: config.S3_FORCE_PATH_STYLE,
      };
}

export function jobQueueChoice(config: Config, databaseUrl: string, log: Logger): JobQueueChoice {
  const attempts = {
    maxAttempts: config.JOB_MAX_ATTEMPTS,
    retryDelaySeconds: config.JOB_RETRY_DELAY_SECONDS,
    timeoutSeconds: config.JOB_TIMEOUT_SECONDS,
    log,
  };
  return config.QUEUE === 'pg-boss'
    ? {
        kind: 'pg-boss',
        connectionString: databaseUrl,
        schema: config.PGBOSS_SCHEMA,
        pollIntervalMs: config.QUEUE_POLL_INTERVAL_MS,
        ...attempts,
      }
    : {
        kind: 'sqs',
        region: config.SQS_REGION,
        endpoint: config.SQS_ENDPOINT,
        queue: config.SQS_QUEUE_URL ? { url: config.SQS_QUEUE_URL } : { name: config.SQS_QUEUE_NAME },
        waitSeconds: config.SQS_WAIT_SECONDS,
        ...attempts,
      };
}

/** EXTRACTOR=reader (default): the built-in reader in READER_THREADS worker threads; textract: Amazon Textract AnalyzeID. */
export function extractorChoice(config: Config): ExtractorChoice {
  return config.EXTRACTOR === 'textract'
    ? { kind: 'textract', region: config.TEXTRACT_REGION, endpoint: config.TEXTRACT_ENDPOINT }
    : { kind: 'reader', threads: config.READER_THREADS };
}

/**
 * The Textract-compatible endpoint, when TEXTRACT_COMPAT_* are set: it always reads with the
 * built-in reader (the worker's, when this process runs one), whatever EXTRACTOR says.
 */
async function textractCompat(
  config: Config,
  store: ObjectStore,
  workerExtractor: Extractor | undefined,
  closers: (() => Promise<void>)[],
): Promise<HttpAppOptions['textract']> {
  const { TEXTRACT_COMPAT_ACCESS_KEY_ID: accessKeyId, TEXTRACT_COMPAT_SECRET_ACCESS_KEY: secretAccessKey } =
    config;
  if (!accessKeyId || !secretAccessKey) return undefined;
  let extractor = config.EXTRACTOR === 'reader' ? workerExtractor : undefined;
  if (!extractor) {
    const own = await createExtractor({ kind: 'reader', threads: config.READER_THREADS });
    closers.push(() => own.close());
    extractor = own;
  }
  const deps = {
    extractor,
    maxPageBytes: config.MAX_UPLOAD_BYTES,
    bucket:
      config.OBJECT_STORE === 's3'
        ? { bucket: config.S3_BUCKET!, prefix: config.S3_PREFIX, store }
        : undefined,
  };
  return {
    credentials: { accessKeyId, secretAccessKey },
    // Two pages in base64 (4 bytes for 3) and the JSON around them.
    bodyLimit: Math.ceil((2 * config.MAX_UPLOAD_BYTES * 4) / 3) + 64 * 1024,
    analyze: (body) => analyzeId(body, deps),
  };
}

/** Starts the service in the given role from validated config. */
export async function startService(config: Config, role: Role, log: Logger): Promise<RunningService> {
  const closers: (() => Promise<void>)[] = [];
  let closing = false;
  const closeAll = async () => {
    closing = true;
    for (const close of closers.splice(0).reverse()) {
      await close().catch((error: Error) => log.error({ err: error.message }, 'error while stopping'));
    }
  };
  try {
    let databaseUrl = config.DATABASE_URL;
    if (!databaseUrl) {
      const embedded: EmbeddedDatabase = await startEmbeddedPostgres({
        dir: config.dataDir,
        port: config.EMBEDDED_PG_PORT,
        log,
      });
      closers.push(embedded.stop);
      databaseUrl = embedded.url;
    }
    const dbUrl = databaseUrl;

    const pool = new pg.Pool({
      ...DATABASE_TIMEOUTS,
      connectionString: databaseUrl,
      max: 10,
      application_name: `passport-reader-${role}`,
    });
    pool.on('error', (error: Error & { code?: string }) => {
      // 57P01: the embedded server stopping at the end of a drain ends a connection a late query opened.
      if (closing && error.code === '57P01') return;
      log.error({ err: error.message }, 'idle database connection failed');
    });
    closers.push(() => pool.end());

    const store = createObjectStore(objectStoreChoice(config));
    await store.start?.();
    closers.push(() => store.close());

    const queue = createJobQueue(jobQueueChoice(config, databaseUrl, log));
    closers.push(() => queue.close());
    // Schema migrations and the queue's own tables, one starting process at a time.
    await withStartupLock(dbUrl, async () => {
      await migrate(dbUrl, log);
      await queue.start();
    });

    const scans = new PostgresScanRepository(pool);
    const notifier = new PostgresNotifier(pool, databaseUrl, log);
    closers.push(() => notifier.close());
    const metrics = createMetrics({ queue, scans });

    let hub: ScanHub | undefined;
    let scanService: ScanService | undefined;
    if (runsApi(role)) {
      await notifier.listen();
      scanService = new ScanService({
        store,
        queue,
        scans,
        notifier,
        maxUploadBytes: config.MAX_UPLOAD_BYTES,
        adminToken: config.ADMIN_TOKEN,
        onRefusedToken: () => metrics.observeRefusedToken(),
      });
      hub = new ScanHub(
        notifier,
        async (id) => {
          const scan = await scans.get(id);
          return scan ? toScanView(scan) : null;
        },
        {
          maxPerScan: config.WS_MAX_PER_SCAN,
          maxPerClient: config.WS_MAX_PER_CLIENT,
          lifetimeMs: config.WS_LIFETIME_SECONDS * 1000,
        },
      );
    }

    let workerExtractor: Extractor | undefined;
    if (runsWorker(role)) {
      const extractor = await createExtractor(extractorChoice(config));
      workerExtractor = extractor;
      closers.push(() => extractor.close());
      await extractor.warm?.();
      const worker = await startWorker({
        store,
        queue,
        scans,
        notifier,
        extractor,
        metrics,
        log,
        concurrency: config.WORKER_CONCURRENCY,
        retentionHours: config.IMAGE_RETENTION_HOURS,
        resultRetentionHours: config.RESULT_RETENTION_HOURS,
        retentionSweepSeconds: config.RETENTION_SWEEP_SECONDS,
        testDelayMs: config.PASSPORT_READER_TEST_JOB_DELAY_MS,
        jobTimeoutSeconds: config.JOB_TIMEOUT_SECONDS,
        maxAttempts: config.JOB_MAX_ATTEMPTS,
      });
      closers.push(() => worker.stop());
    }

    const textract = scanService ? await textractCompat(config, store, workerExtractor, closers) : undefined;
    const app = await buildHttpApp({
      log,
      registry: metrics.registry,
      checks: { database: () => scans.ping(), queue: () => queue.ping(), store: () => store.ping() },
      api:
        scanService && hub
          ? {
              scans: scanService,
              hub,
              maxUploadBytes: config.MAX_UPLOAD_BYTES,
              maxConcurrentUploads: config.MAX_CONCURRENT_UPLOADS,
              scanReadsPerMinute: config.SCAN_READS_PER_MINUTE,
              imageRetentionHours: config.IMAGE_RETENTION_HOURS,
              resultRetentionHours: config.RESULT_RETENTION_HOURS,
            }
          : undefined,
      textract,
      requestTimeoutMs: config.REQUEST_TIMEOUT_SECONDS * 1000,
      allowedOrigins: config.ALLOWED_ORIGINS,
      adminToken: config.ADMIN_TOKEN,
    });
    await app.listen({ port: config.PORT, host: config.HOST });
    // Closed first: stop accepting uploads and sockets before the workers drain.
    closers.push(async () => {
      hub?.close();
      await app.close();
    });
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : config.PORT;
    const host = config.HOST === '0.0.0.0' || config.HOST === '::' ? 'localhost' : config.HOST;
    const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
    log.info({ role, url }, 'passport-reader service started');
    return { url, port, databaseUrl, close: closeAll };
  } catch (error) {
    await closeAll();
    throw error;
  }
}
