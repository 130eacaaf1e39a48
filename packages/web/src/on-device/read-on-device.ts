import type { ReadResult, ScanError } from '@passport-reader/contract';
import { onDeviceReader } from './on-device-reader';

/** Reads a photo file in this page's worker: nothing is sent anywhere. */
export async function readOnDevice(
  file: Blob,
): Promise<{ ok: true; result: ReadResult; ms: number } | { ok: false; error: ScanError }> {
  const answer = await onDeviceReader.read({ kind: 'file', image: file });
  if (answer.ok) return { ok: true, result: answer.result, ms: answer.ms };
  return {
    ok: false,
    error:
      'error' in answer ? answer.error : { code: 'PROCESSING_FAILED', message: 'The reading took too long.' },
  };
}
