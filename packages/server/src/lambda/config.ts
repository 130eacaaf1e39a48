import { z } from 'zod';
import { bool, int, optionalText } from '../env-fields.js';

const optionalUrl = optionalText.pipe(z.url().optional());

/**
 * The environment of the Lambda functions (serverless.yml sets it; AWS.md documents it). The embedded
 * service's config.ts is separate because the knobs differ (no ports, no DATA_DIR, no worker pools).
 */
const schema = z.object({
  /** Plain connection string (tests, or a deployment that passes it in directly). */
  DATABASE_URL: optionalText.pipe(z.url({ protocol: /^postgres(ql)?$/ }).optional()),
  /**
   * SSM parameter holding the connection string (SecureString), read once per cold start. A Secrets
   * Manager secret works too: /aws/reference/secretsmanager/<secret-name>.
   */
  DATABASE_URL_PARAMETER: optionalText,
  DATABASE_POOL_MAX: int(1, 20).default(2),
  IMAGE_BUCKET: z.string().min(1),
  S3_PREFIX: z.string().default(''),
  AWS_REGION: z.string().min(1).default('us-east-1'),
  S3_ENDPOINT: optionalUrl,
  S3_FORCE_PATH_STYLE: bool.default(false),
  /** The work queue (serverless.yml's WorkQueue): s3Uploaded sends to it, extract backs off on it. */
  SCAN_QUEUE_URL: z.url(),
  SQS_ENDPOINT: optionalUrl,
  EXTRACTOR: z.enum(['reader', 'textract']).default('reader'),
  TEXTRACT_ENDPOINT: optionalUrl,
  /** The cell OCR model; by default the one shipped beside the bundle (models/mrz-ocr.int8.onnx; models/mrz-sequence.int8.onnx beside it). */
  MODEL_PATH: optionalText,
  MAX_UPLOAD_BYTES: int(1, 5 * 1024 ** 3).default(15 * 1024 * 1024),
  UPLOAD_METHOD: z.enum(['POST', 'PUT']).default('POST'),
  UPLOAD_URL_EXPIRES_SECONDS: int(10, 3600).default(300),
  IMAGE_RETENTION_HOURS: z.coerce.number().positive().default(24),
  RESULT_RETENTION_HOURS: z.coerce.number().min(0).default(720),
  /** Must be the queue's maxReceiveCount − 1 (serverless.yml derives both from one parameter). */
  JOB_MAX_ATTEMPTS: int(1, 100).default(3),
  /**
   * The extract function's timeout (serverless.yml sets both from one parameter): an attempt is
   * cancelled before it, and the retention job fails scans whose last attempt began over twice
   * this long ago with every attempt used (a Lambda killed mid-read leaves them `processing`).
   */
  JOB_TIMEOUT_SECONDS: int(1, 900).default(60),
  /**
   * A failed attempt comes back after JOB_RETRY_DELAY_SECONDS × 2^(attempt−1) (its visibility timeout is
   * shortened), not after the queue's full visibility timeout.
   */
  JOB_RETRY_DELAY_SECONDS: int(0, 3600).default(2),
  /** https://{api-id}.execute-api.{region}.amazonaws.com/{stage}: where results are pushed. */
  WEBSOCKET_ENDPOINT: z.url(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type LambdaConfig = z.infer<typeof schema>;

export function loadLambdaConfig(env: NodeJS.ProcessEnv = process.env): LambdaConfig {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid Lambda configuration:\n  ${problems.join('\n  ')}`);
  }
  if (!parsed.data.DATABASE_URL && !parsed.data.DATABASE_URL_PARAMETER)
    throw new Error('Invalid Lambda configuration: set DATABASE_URL or DATABASE_URL_PARAMETER');
  return parsed.data;
}
