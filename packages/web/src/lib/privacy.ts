import type { ServiceConfig } from '@passport-reader/contract';
import type { ReadingMode } from '../on-device/reading-mode';

type Retention = Pick<ServiceConfig, 'imageRetentionHours' | 'resultRetentionHours'>;

/** "1 hour", "24 hours", "30 days": days from two whole days on. */
export function formatHours(hours: number): string {
  if (hours >= 48 && hours % 24 === 0) return `${hours / 24} days`;
  return hours === 1 ? '1 hour' : `${hours} hours`;
}

/** Said in place of the upload's terms while the page reads on the device. */
export const ON_DEVICE_STATEMENT =
  'Reading on this device: your photo is read here and never uploaded, and nothing is kept on our server.';

/**
 * What happens to what the traveller sends, in one sentence, with this deployment's own retention
 * (GET /api/config); without it, only what holds everywhere.
 */
export function privacyStatement(retention: Retention | null, mode: ReadingMode = 'server'): string {
  if (mode === 'device') return ON_DEVICE_STATEMENT;
  if (!retention) {
    return 'Your photo is uploaded to our server to be read and is kept only for a limited time; Delete removes the photo and the details read from it.';
  }
  const image = `the photo is deleted after ${formatHours(retention.imageRetentionHours)}`;
  const details =
    retention.resultRetentionHours > 0
      ? `the details read from it after ${formatHours(retention.resultRetentionHours)}`
      : 'the details read from it are kept until you delete them';
  return `Your photo is uploaded to our server to be read: ${image}, ${details}. Delete removes both at once.`;
}
