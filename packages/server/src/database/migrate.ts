import { fileURLToPath } from 'node:url';
import { runner } from 'node-pg-migrate';
import pg from 'pg';
import type { Logger } from 'pino';

/** SQL migrations in packages/server/migrations (the same path from src/ under test and from dist/). */
export const MIGRATIONS_DIR = fileURLToPath(new URL('../../migrations', import.meta.url));

/** Brings the schema up to date; safe to run from several processes at once (advisory lock). */
export async function migrate(connectionString: string, log: Logger): Promise<void> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    const applied = await runner({
      dbClient: client,
      dir: MIGRATIONS_DIR,
      direction: 'up',
      migrationsTable: 'schema_migrations',
      checkOrder: true,
      advisoryLockMode: 'wait',
      log: () => undefined,
      logger: {
        debug: () => undefined,
        info: () => undefined,
        warn: (m: string) => log.warn(m),
        error: (m: string) => log.error(m),
      },
    });
    if (applied.length > 0) log.info({ migrations: applied.map((m) => m.name) }, 'database migrated');
  } finally {
    await client.end();
  }
}
