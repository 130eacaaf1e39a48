import { z } from 'zod';
import { DEFAULT_MAX_UPLOAD_BYTES } from '@passport-reader/contract/images';
import { bool, int, optionalText } from './env-fields.js';

const optionalUrl = optionalText.pipe(z.url().optional());

/**
 * The settings both entry points read (the service, `npm start`, and the Lambda functions), with
 * one meaning, one range and one default; each entry point's schema adds its own knobs.
 */
export const sharedSettings = {
  /** Plain connection string; unset: the embedded server (service) or DATABASE_URL_PARAMETER (Lambda). */
  DATABASE_URL: optionalText.pipe(z.url({ protocol: /^postgres(ql)?$/ }).optional()),
  MAX_UPLOAD_BYTES: int(1, 5 * 1024 ** 3).default(DEFAULT_MAX_UPLOAD_BYTES),
  IMAGE_RETENTION_HOURS: z.coerce.number().positive().default(24),
  RESULT_RETENTION_HOURS: z.coerce.number().min(0).default(720),
  JOB_MAX_ATTEMPTS: int(1, 100).default(3),
  /** A failed attempt comes back after JOB_RETRY_DELAY_SECONDS × 2^(attempt−1). */
  JOB_RETRY_DELAY_SECONDS: int(0, 3600).default(2),
  S3_PREFIX: z.string().default(''),
  S3_ENDPOINT: optionalUrl,
  S3_FORCE_PATH_STYLE: bool.default(false),
  SQS_ENDPOINT: optionalUrl,
  EXTRACTOR: z.enum(['reader', 'textract']).default('reader'),
  TEXTRACT_ENDPOINT: optionalUrl,
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
};

export class ConfigError extends Error {
  readonly code = 'BAD_CONFIG';
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/** Validates an environment against a schema; a bad value throws a ConfigError naming the variable. */
export function parseEnvironment<S extends z.ZodType>(
  schema: S,
  env: NodeJS.ProcessEnv,
  what: string,
): z.infer<S> {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid ${what}:\n  ${problems.join('\n  ')}`);
  }
  return parsed.data;
}
