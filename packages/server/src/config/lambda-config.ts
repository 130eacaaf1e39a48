import { z } from 'zod';
import { int, optionalText } from './env-fields.js';
import { ConfigError, parseEnvironment, sharedSettings } from './shared-settings.js';

/**
 * The environment of the Lambda functions (serverless.yml sets it; AWS.md documents it): the shared
 * settings and the knobs only a Lambda has (the SSM parameter, the bucket and queue the stack made,
 * the presigned uploads); the service's own (ports, DATA_DIR, worker pools) are in service-config.ts.
 * JOB_MAX_ATTEMPTS must be the queue's maxReceiveCount − 1 (serverless.yml derives both from one
 * parameter).
 */
const schema = z.object({
  ...sharedSettings,
  /**
   * SSM parameter holding the connection string (SecureString), read once per cold start. A Secrets
   * Manager secret works too: /aws/reference/secretsmanager/<secret-name>.
   */
  DATABASE_URL_PARAMETER: optionalText,
  DATABASE_POOL_MAX: int(1, 20).default(2),
  IMAGE_BUCKET: z.string().min(1),
  AWS_REGION: z.string().min(1).default('us-east-1'),
  /** The work queue (serverless.yml's WorkQueue): s3Uploaded sends to it, extract backs off on it. */
  SCAN_QUEUE_URL: z.url(),
  /** The cell OCR model; by default the one shipped beside the bundle (models/mrz-ocr.int8.onnx; models/mrz-sequence.int8.onnx beside it). */
  MODEL_PATH: optionalText,
  UPLOAD_METHOD: z.enum(['POST', 'PUT']).default('POST'),
  UPLOAD_URL_EXPIRES_SECONDS: int(10, 3600).default(300),
  /**
   * The extract function's timeout (serverless.yml sets both from one parameter): an attempt is
   * cancelled before it, and the retention job fails scans whose last attempt began over twice
   * this long ago with every attempt used (a Lambda killed mid-read leaves them `processing`).
   */
  JOB_TIMEOUT_SECONDS: int(1, 900).default(60),
  /**
   * The Textract AnalyzeID–compatible route (POST / of the HTTP API) is on when the key id and its
   * secret are set: the secret directly (tests) or, as deployed, in an SSM SecureString parameter.
   */
  TEXTRACT_COMPAT_ACCESS_KEY_ID: optionalText,
  TEXTRACT_COMPAT_SECRET_ACCESS_KEY: optionalText,
  TEXTRACT_COMPAT_SECRET_PARAMETER: optionalText,
  /** https://{api-id}.execute-api.{region}.amazonaws.com/{stage}: where results are pushed. */
  WEBSOCKET_ENDPOINT: z.url(),
});

export type LambdaConfig = z.infer<typeof schema>;

export function loadLambdaConfig(env: NodeJS.ProcessEnv = process.env): LambdaConfig {
  const config = parseEnvironment(schema, env, 'Lambda configuration');
  if (!config.DATABASE_URL && !config.DATABASE_URL_PARAMETER)
    throw new ConfigError('DATABASE_URL: set it or DATABASE_URL_PARAMETER');
  return config;
}
