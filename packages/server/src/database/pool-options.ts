import type pg from 'pg';

/**
 * Every pool the service opens gives up instead of hanging on a stalled database: a connection
 * must be made within 5 s and a statement finish within 15 s (the server cancels it), and the
 * client stops waiting for an answer after 20 s. Uploads and readiness checks then fail fast with
 * a 503 rather than hold their request.
 */
export const DATABASE_TIMEOUTS: Pick<
  pg.PoolConfig,
  'connectionTimeoutMillis' | 'statement_timeout' | 'query_timeout'
> = {
  connectionTimeoutMillis: 5_000,
  statement_timeout: 15_000,
  query_timeout: 20_000,
};
