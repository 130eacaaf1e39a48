import pg from 'pg';

/** Arbitrary constant: the advisory lock that serialises schema set-up across processes. */
const STARTUP_LOCK = 0x70617373; // "pass"

/**
 * Runs `fn` while holding a Postgres advisory lock, so processes starting together (one API, N
 * workers) install the schema and pg-boss's tables one after another instead of deadlocking.
 */
export async function withStartupLock<T>(connectionString: string, fn: () => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString, application_name: 'passport-reader-startup' });
  await client.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [STARTUP_LOCK]);
    try {
      return await fn();
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [STARTUP_LOCK]);
    }
  } finally {
    await client.end();
  }
}
