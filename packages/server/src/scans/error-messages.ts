import type { ReadDiagnostics } from '@passport-reader/reader';
import type { ScanError } from '../ports.js';
/** Human-readable messages for the error codes a scan can end with (no personal data). */
const MESSAGES: Record<string, string> = {
  NO_MRZ: 'No machine-readable zone was found in the image.',
  UNREADABLE_IMAGE: 'The image could not be decoded.',
  UNSUPPORTED_TYPE: 'The file type is not supported.',
  TOO_LARGE: 'The image is too large.',
  IMAGE_NOT_FOUND: 'The uploaded image is no longer available.',
  PROCESSING_FAILED: 'Processing failed repeatedly; giving up.',
};

export function scanErrorMessage(code: string): string {
  return MESSAGES[code] ?? 'The scan failed.';
}

/** A scan error with its code's message, and the reader's diagnostics when there are any. */
export function scanError(code: string, diagnostics?: ReadDiagnostics | null): ScanError {
  const error: ScanError = { code, message: scanErrorMessage(code) };
  return diagnostics ? { ...error, diagnostics } : error;
}
