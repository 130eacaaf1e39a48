import type { z } from 'zod/mini';

/** A body from another process, parsed and checked against its schema; null when it is not one. */
export function parseJson<T extends z.ZodMiniType>(schema: T, text: string): z.infer<T> | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  const parsed = schema.safeParse(value);
  return parsed.success ? parsed.data : null;
}
