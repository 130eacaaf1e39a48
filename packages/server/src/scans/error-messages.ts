import { scanErrorMessage, type ReadDiagnostics } from '@passport-reader/contract';
import type { ScanError } from '../ports.js';

/** A scan error with its code's message, and the reader's diagnostics when there are any. */
export function scanError(code: string, diagnostics?: ReadDiagnostics | null): ScanError {
  const error: ScanError = { code, message: scanErrorMessage(code) };
  return diagnostics ? { ...error, diagnostics } : error;
}
