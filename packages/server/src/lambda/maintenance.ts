import { migrate as migrateDatabase } from '../database/migrate.js';
import { sweepExpiredImages, sweepExpiredScans } from '../scans/retention.js';
import { sharedRuntime, type RuntimeProvider } from './runtime.js';

/** Scheduled retention sweep and the schema migration run after each deploy (`osls invoke -f migrate`). */
export function createMaintenanceHandlers(runtime: RuntimeProvider) {
  return {
    retention: async (): Promise<{ removed: number; scansDeleted: number }> => {
      const rt = await runtime();
      const deps = { store: rt.store, scans: rt.scans, log: rt.log };
      const removed = await sweepExpiredImages(deps, rt.config.IMAGE_RETENTION_HOURS);
      const scansDeleted = await sweepExpiredScans(deps, rt.config.RESULT_RETENTION_HOURS);
      return { removed, scansDeleted };
    },
    migrate: async (): Promise<{ ok: true }> => {
      const rt = await runtime();
      await migrateDatabase(rt.databaseUrl, rt.log);
      return { ok: true };
    },
  };
}

export const { retention, migrate } = createMaintenanceHandlers(sharedRuntime);
