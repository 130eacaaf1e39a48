import { migrate as migrateDatabase } from '../database/migrate.js';
import { failAbandonedScans } from '../scans/abandoned-scans.js';
import { sweepExpiredImages, sweepExpiredScans } from '../scans/retention.js';
import { sharedRuntime, type RuntimeProvider } from './runtime.js';

/**
 * The scheduled sweep (expired images, expired scans, scans every attempt of which was used with
 * no job left to finish them) and the schema migration run after each deploy (`osls invoke -f migrate`).
 */
export function createMaintenanceHandlers(runtime: RuntimeProvider) {
  return {
    retention: async (): Promise<{ removed: number; scansDeleted: number; abandonedFailed: number }> => {
      const rt = await runtime();
      const deps = { store: rt.store, scans: rt.scans, notifier: rt.notifier, log: rt.log };
      const removed = await sweepExpiredImages(deps, rt.config.IMAGE_RETENTION_HOURS);
      const scansDeleted = await sweepExpiredScans(deps, rt.config.RESULT_RETENTION_HOURS);
      const abandonedFailed = await failAbandonedScans(deps, {
        maxAttempts: rt.config.JOB_MAX_ATTEMPTS,
        jobTimeoutSeconds: rt.config.JOB_TIMEOUT_SECONDS,
      });
      return { removed, scansDeleted, abandonedFailed };
    },
    migrate: async (): Promise<{ ok: true }> => {
      const rt = await runtime();
      await migrateDatabase(rt.databaseUrl, rt.log);
      return { ok: true };
    },
  };
}

export const { retention, migrate } = createMaintenanceHandlers(sharedRuntime);
