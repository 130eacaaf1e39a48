import type { Logger } from 'pino';
import type { ObjectStore, ScanRepository } from '../ports.js';

/** Deletes images older than the retention period; the scan and its result stay until deleted. */
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
