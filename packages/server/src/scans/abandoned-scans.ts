import type { Logger } from 'pino';
import type { Notifier, ScanRepository } from '../ports.js';
import { scanError } from './error-messages.js';

/**
 * Fails the scans that no job can finish any more: still `processing`, every attempt used, and
 * the last one started more than twice the job timeout ago (an attempt is cancelled before the
 * timeout, so none can still be running). A worker that died during the last attempt leaves such
 * a scan; without this it would show `processing` for ever. Each is finished like any other
 * failure (PROCESSING_FAILED, status pushed to its watchers), at most once.
 */
export async function failAbandonedScans(
  deps: { scans: ScanRepository; notifier: Notifier; log: Logger },
  limits: { maxAttempts: number; jobTimeoutSeconds: number },
  now = new Date(),
): Promise<number> {
  const before = new Date(now.getTime() - 2 * limits.jobTimeoutSeconds * 1000);
  let failed = 0;
  for (;;) {
    const batch = await deps.scans.abandoned(before, limits.maxAttempts, 100);
    for (const id of batch) {
      if (await deps.scans.finish(id, { status: 'failed', error: scanError('PROCESSING_FAILED') })) {
        await deps.notifier.publish({ scanId: id, status: 'failed' });
        failed++;
      }
    }
    if (batch.length < 100) break;
  }
  if (failed > 0) deps.log.warn({ failed }, 'abandoned scans failed (every attempt used, no job left)');
  return failed;
}
