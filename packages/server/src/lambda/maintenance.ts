import { migrate as migrateDatabase } from '../database/migrate.js';
import { sweepExpiredImages } from '../scans/retention.js';
import { sharedRuntime, type RuntimeProvider } from './runtime.js';

/** Scheduled retention sweep and the schema migration run after each deploy (`osls invoke -f migrate`). */
export function createMaintenanceHandlers(runtime: RuntimeProvider) {
  return {
    retention: async (): Promise<{ removed: number }> => {
      const rt = await runtime();
      const removed = await sweepExpiredImages(
        { store: rt.store, scans: rt.scans, log: rt.log },
        rt.config.IMAGE_RETENTION_HOURS,
      );
      return { removed };
    },
    migrate: async (): Promise<{ ok: true }> => {
      const rt = await runtime();
      await migrateDatabase(rt.databaseUrl, rt.log);
      return { ok: true };
    },
  };
}

export const { retention, migrate } = createMaintenanceHandlers(sharedRuntime);
