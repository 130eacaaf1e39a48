import type { ReadResult, ScanView } from '@passport-reader/contract';

/**
 * An on-device reading in the shape of a finished scan, so the result view shows it as it shows
 * the server's. Its id exists only in this page: nothing was created anywhere.
 */
export function onDeviceScan(result: ReadResult): ScanView & { result: ReadResult } {
  const now = new Date().toISOString();
  return {
    id: crypto.randomUUID(),
    status: 'done',
    result,
    error: null,
    createdAt: now,
    completedAt: now,
  };
}
