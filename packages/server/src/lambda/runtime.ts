import { DATABASE_TIMEOUTS } from '../database/pool-options.js';
import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import pg from 'pg';
import type { Logger } from 'pino';
import { ApiGatewayNotifier } from '../adapters/api-gateway-notifier.js';
import { PostgresScanRepository } from '../adapters/postgres-scan-repository.js';
import { PostgresWebSocketSubscriptions } from '../adapters/postgres-websocket-subscriptions.js';
import { createJobPublisher, createObjectStore } from '../adapters/registry.js';
import { S3UploadSlots } from '../adapters/s3-upload-slots.js';
import type { SqsPublisher } from '../adapters/sqs-publisher.js';
import { createLogger } from '../logging.js';
import { DirectUploadScans } from '../scans/direct-upload-scans.js';
import type { ObjectStore } from '../ports.js';
import { ScanService } from '../scans/scan-service.js';
import { loadLambdaConfig, type LambdaConfig } from '../config/lambda-config.js';

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
  store: ObjectStore;
  uploads: S3UploadSlots;
  /** Sends jobs and backs a failed delivery off; receiving is the event source mapping's. */
  queue: SqsPublisher;
  notifier: ApiGatewayNotifier;
  scanService: ScanService;
  directUploads: DirectUploadScans;
  close(): Promise<void>;
}

/** A SecureString parameter (or a Secrets Manager secret through /aws/reference/secretsmanager/…), read once per cold start. */
export async function readSecretParameter(
  name: string | undefined,
  region: string,
  what: string,
): Promise<string> {
  const ssm = new SSMClient({ region });
  try {
    const out = await ssm.send(new GetParameterCommand({ Name: name, WithDecryption: true }));
    const value = out.Parameter?.Value;
    if (!value) throw new Error(`The ${what} parameter is empty`);
    return value;
  } finally {
    ssm.destroy();
  }
}

async function resolveDatabaseUrl(config: LambdaConfig): Promise<string> {
  return (
    config.DATABASE_URL ??
    readSecretParameter(config.DATABASE_URL_PARAMETER, config.AWS_REGION, 'database URL')
  );
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
  const store = createObjectStore({ kind: 's3', ...s3 });
  const uploads = new S3UploadSlots({
    ...s3,
    method: config.UPLOAD_METHOD,
    expiresSeconds: config.UPLOAD_URL_EXPIRES_SECONDS,
  });
  const queue = createJobPublisher({
    kind: 'sqs',
    url: config.SCAN_QUEUE_URL,
    region: config.AWS_REGION,
    endpoint: config.SQS_ENDPOINT,
    retryDelaySeconds: config.JOB_RETRY_DELAY_SECONDS,
  });
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
    close: async () => {
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
