import { z } from 'zod';

/** Parsers for environment values, shared by the service's and the Lambda functions' configuration. */
export const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

export const int = (min: number, max = Number.MAX_SAFE_INTEGER) => z.coerce.number().int().min(min).max(max);

/** An unset or empty variable is absent. */
export const optionalText = z
  .string()
  .optional()
  .transform((v) => (v === '' ? undefined : v));
