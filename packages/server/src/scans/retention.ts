import type { Logger } from 'pino';
import type { ObjectStore, ScanRepository } from '../ports.js';

/** Deletes images older than the image retention period; the scan and its result stay (see sweepExpiredScans). */
export async function sweepExpiredImages(
  deps: { store: ObjectStore; scans: ScanRepository; log: Logger },
  retentionHours: number,
  now = new Date(),
): Promise<number> {
  const before = new Date(now.getTime() - retentionHours * 3_600_000);
  let removed = 0;
  for (;;) {
    const batch = await deps.scans.withImagesOlderThan(before, 100);
    for (const { id, imageKey } of batch) {
      await deps.store.delete(imageKey);
      await deps.scans.clearImage(id, imageKey);
      removed++;
    }
    if (batch.length < 100) break;
  }
  if (removed > 0) deps.log.info({ removed }, 'expired images deleted');
  return removed;
}

/**
 * Deletes whole scans older than the result retention period, their row, result and image: the
 * personal data of scans whose owner never deletes them (or never got the token) does not stay
 * for ever. `retentionHours` 0 keeps results until DELETE.
 */
export async function sweepExpiredScans(
  deps: { store: ObjectStore; scans: ScanRepository; log: Logger },
  retentionHours: number,
  now = new Date(),
): Promise<number> {
  if (retentionHours <= 0) return 0;
  const before = new Date(now.getTime() - retentionHours * 3_600_000);
  let removed = 0;
  for (;;) {
    const batch = await deps.scans.createdBefore(before, 100);
    for (const { id, imageKey } of batch) {
      if (imageKey) await deps.store.delete(imageKey);
      await deps.scans.delete(id);
      removed++;
    }
    if (batch.length < 100) break;
  }
  if (removed > 0) deps.log.info({ removed }, 'expired scans deleted');
  return removed;
}
