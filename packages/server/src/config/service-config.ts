import { availableParallelism } from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { int, optionalText } from './env-fields.js';
import { ConfigError, parseEnvironment, sharedSettings } from './shared-settings.js';

export { ConfigError };

/**
 * Every environment variable the service reads, with its default. packages/server/README.md documents
 * them; keep the two in step. Only composition.ts and the CLI call loadConfig.
 */
const schema = z.object({
  ...sharedSettings,
  PORT: int(0, 65535).default(3000),
  /** Loopback by default: the service handles personal data, so exposing it is an explicit choice. */
  HOST: z.string().min(1).default('127.0.0.1'),
  DATA_DIR: z.string().min(1).default('./data'),
  EMBEDDED_PG_PORT: int(0, 65535).default(5433),
  MAX_CONCURRENT_UPLOADS: int(1, 10_000).default(32),
  RETENTION_SWEEP_SECONDS: int(1).default(300),
  READER_THREADS: int(1, 256).default(availableParallelism()),
  WORKER_CONCURRENCY: int(1, 1024).optional(),
  JOB_TIMEOUT_SECONDS: int(1, 3600).default(120),
  QUEUE_POLL_INTERVAL_MS: int(500, 60_000).default(500),
  REQUEST_TIMEOUT_SECONDS: int(1, 3600).default(120),
  SCAN_READS_PER_MINUTE: int(1, 1_000_000).default(600),
  ADMIN_TOKEN: optionalText.pipe(z.string().min(16, 'ADMIN_TOKEN must be at least 16 characters').optional()),
  WS_MAX_PER_SCAN: int(1, 1000).default(8),
  WS_MAX_PER_CLIENT: int(1, 100_000).default(64),
  WS_LIFETIME_SECONDS: int(1, 86_400).default(600),
  ALLOWED_ORIGINS: z
    .string()
    .default('')
    .transform((value) =>
      value
        .split(',')
        .map((origin) => origin.trim())
        .filter(Boolean),
    ),
  OBJECT_STORE: z.enum(['folder', 's3']).default('folder'),
  S3_BUCKET: optionalText,
  S3_REGION: z.string().default('us-east-1'),
  QUEUE: z.enum(['pg-boss', 'sqs']).default('pg-boss'),
  PGBOSS_SCHEMA: z
    .string()
    .regex(/^[a-z_][a-z0-9_]*$/)
    .default('pgboss'),
  SQS_QUEUE_NAME: z.string().min(1).default('passport-scans'),
  SQS_QUEUE_URL: optionalText.pipe(z.url().optional()),
  SQS_REGION: z.string().default('us-east-1'),
  SQS_WAIT_SECONDS: int(0, 20).default(20),
  TEXTRACT_REGION: z.string().default('us-east-1'),
  /**
   * The Textract AnalyzeID–compatible endpoint (POST / with X-Amz-Target) is on when both are set;
   * every request must then be SigV4-signed with this key pair.
   */
  TEXTRACT_COMPAT_ACCESS_KEY_ID: optionalText,
  TEXTRACT_COMPAT_SECRET_ACCESS_KEY: optionalText,
  /**
   * TEST ONLY: milliseconds a worker waits after claiming a job and before reading it, so tests can
   * catch a job in flight (crash safety). Never set in production.
   */
  PASSPORT_READER_TEST_JOB_DELAY_MS: int(0).default(0),
});

export type Env = z.infer<typeof schema>;

export interface Config extends Omit<Env, 'WORKER_CONCURRENCY'> {
  WORKER_CONCURRENCY: number;
  /** DATA_DIR resolved to an absolute path. */
  dataDir: string;
}

/** Validates the environment; a bad value fails at start-up with a message naming the variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const c = parseEnvironment(schema, env, 'configuration');
  if (!c.TEXTRACT_COMPAT_ACCESS_KEY_ID !== !c.TEXTRACT_COMPAT_SECRET_ACCESS_KEY)
    throw new ConfigError(
      `${c.TEXTRACT_COMPAT_ACCESS_KEY_ID ? 'TEXTRACT_COMPAT_SECRET_ACCESS_KEY' : 'TEXTRACT_COMPAT_ACCESS_KEY_ID'}: set both TEXTRACT_COMPAT_ACCESS_KEY_ID and TEXTRACT_COMPAT_SECRET_ACCESS_KEY, or neither`,
    );
  if (c.OBJECT_STORE === 's3' && !c.S3_BUCKET)
    throw new ConfigError('S3_BUCKET: required when OBJECT_STORE=s3');
  return {
    ...c,
    WORKER_CONCURRENCY: c.WORKER_CONCURRENCY ?? c.READER_THREADS * 2,
    dataDir: path.resolve(c.DATA_DIR),
  };
}
