import { pino, type Logger } from 'pino';

/**
 * Structured JSON logs. Never log MRZ text, names, document numbers, dates or tokens: log scan ids,
 * statuses, error codes and timings only. The redactions below are a safety net, not the policy.
 */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { pid: process.pid, service: 'passport-reader' },
      redact: {
        paths: ['token', '*.token', 'req.headers.authorization', 'headers.authorization'],
        censor: '[redacted]',
      },
    },
    destination,
  );
}

export type { Logger };
