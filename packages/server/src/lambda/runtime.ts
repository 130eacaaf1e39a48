import { DATABASE_TIMEOUTS } from '../database/pool-options.js';
import { ChangeMessageVisibilityCommand, SQSClient } from '@aws-sdk/client-sqs';
import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import pg from 'pg';
import type { Logger } from 'pino';
import { ApiGatewayNotifier } from '../adapters/api-gateway-notifier.js';
import { PostgresScanRepository } from '../adapters/postgres-scan-repository.js';
import { PostgresWebSocketSubscriptions } from '../adapters/postgres-websocket-subscriptions.js';
import { S3ObjectStore } from '../adapters/s3-object-store.js';
import { S3UploadSlots } from '../adapters/s3-upload-slots.js';
import { SqsQueue } from '../adapters/sqs-queue.js';
import { createLogger } from '../logging.js';
import { DirectUploadScans } from '../scans/direct-upload-scans.js';
import { ScanService } from '../scans/scan-service.js';
import { loadLambdaConfig, type LambdaConfig } from './config.js';

/**
 * Everything a Lambda function needs, built once per execution environment (cold start) and reused by
 * every invocation: the AWS composition root, the Lambda twin of composition.ts. Same adapters and use
 * cases as `npm start`; only the Notifier (API Gateway) and the upload path (presigned) differ.
 */
export interface LambdaRuntime {
  config: LambdaConfig;
  log: Logger;
  databaseUrl: string;
  pool: pg.Pool;
  scans: PostgresScanRepository;
  subscriptions: PostgresWebSocketSubscriptions;
  store: S3ObjectStore;
  uploads: S3UploadSlots;
  queue: SqsQueue;
  notifier: ApiGatewayNotifier;
  scanService: ScanService;
  directUploads: DirectUploadScans;
  /** Makes a received work-queue message visible again after `seconds` (retry backoff). */
  retryLater(receiptHandle: string, seconds: number): Promise<void>;
  close(): Promise<void>;
}

async function resolveDatabaseUrl(config: LambdaConfig): Promise<string> {
  if (config.DATABASE_URL) return config.DATABASE_URL;
  const ssm = new SSMClient({ region: config.AWS_REGION });
  try {
    const out = await ssm.send(
      new GetParameterCommand({ Name: config.DATABASE_URL_PARAMETER, WithDecryption: true }),
    );
    const value = out.Parameter?.Value;
    if (!value) throw new Error('The database URL parameter is empty');
    return value;
  } finally {
    ssm.destroy();
  }
}

export async function createLambdaRuntime(config: LambdaConfig, log?: Logger): Promise<LambdaRuntime> {
  const logger = log ?? createLogger(config.LOG_LEVEL);
  const databaseUrl = await resolveDatabaseUrl(config);
  const pool = new pg.Pool({
    ...DATABASE_TIMEOUTS,
    connectionString: databaseUrl,
    max: config.DATABASE_POOL_MAX,
    idleTimeoutMillis: 60_000,
    application_name: 'passport-reader-lambda',
  });
  pool.on('error', (error) => logger.error({ err: error.message }, 'idle database connection failed'));
  const scans = new PostgresScanRepository(pool);
  const subscriptions = new PostgresWebSocketSubscriptions(pool);
  const s3 = {
    bucket: config.IMAGE_BUCKET,
    prefix: config.S3_PREFIX,
    region: config.AWS_REGION,
    endpoint: config.S3_ENDPOINT,
    forcePathStyle: config.S3_FORCE_PATH_STYLE,
  };
  const store = new S3ObjectStore(s3);
  const uploads = new S3UploadSlots({
    ...s3,
    method: config.UPLOAD_METHOD,
    expiresSeconds: config.UPLOAD_URL_EXPIRES_SECONDS,
  });
  const queue = new SqsQueue({
    region: config.AWS_REGION,
    endpoint: config.SQS_ENDPOINT,
    // Lambda consumes through its event source mapping; this adapter only sends.
    queue: { url: config.SCAN_QUEUE_URL },
    maxAttempts: config.JOB_MAX_ATTEMPTS,
    retryDelaySeconds: 0,
    timeoutSeconds: 30,
    waitSeconds: 0,
    log: logger,
  });
  await queue.start();
  const notifier = new ApiGatewayNotifier({
    endpoint: config.WEBSOCKET_ENDPOINT,
    region: config.AWS_REGION,
    subscriptions,
    scans,
    log: logger,
  });
  const scanService = new ScanService({
    store,
    queue,
    scans,
    notifier,
    maxUploadBytes: config.MAX_UPLOAD_BYTES,
  });
  const directUploads = new DirectUploadScans({
    store,
    queue,
    scans,
    notifier,
    uploads,
    maxUploadBytes: config.MAX_UPLOAD_BYTES,
  });
  const sqs = new SQSClient({ region: config.AWS_REGION, endpoint: config.SQS_ENDPOINT });
  return {
    config,
    log: logger,
    databaseUrl,
    pool,
    scans,
    subscriptions,
    store,
    uploads,
    queue,
    notifier,
    scanService,
    directUploads,
    retryLater: async (receiptHandle, seconds) => {
      await sqs.send(
        new ChangeMessageVisibilityCommand({
          QueueUrl: config.SCAN_QUEUE_URL,
          ReceiptHandle: receiptHandle,
          VisibilityTimeout: Math.min(43_200, Math.max(0, Math.round(seconds))),
        }),
      );
    },
    close: async () => {
      sqs.destroy();
      await notifier.close();
      await queue.close();
      await uploads.close();
      await store.close();
      await pool.end();
    },
  };
}

export type RuntimeProvider = () => Promise<LambdaRuntime>;

let shared: Promise<LambdaRuntime> | undefined;

/** The execution environment's runtime, from process.env, built on the first invocation. */
export const sharedRuntime: RuntimeProvider = () => {
  shared ??= createLambdaRuntime(loadLambdaConfig(process.env)).catch((error: unknown) => {
    shared = undefined;
    throw error;
  });
  return shared;
};
