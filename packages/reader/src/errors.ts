import type { ReadDiagnostics } from './diagnostics.js';

/** Error codes of the CLI contract (DESIGN.md); every failure the reader reports carries one. */
export type ReadErrorCode = 'NO_MRZ' | 'UNREADABLE_IMAGE' | 'UNSUPPORTED_TYPE' | 'TOO_LARGE';

export class ReadError extends Error {
  constructor(
    readonly code: ReadErrorCode,
    message: string,
    /** Why no MRZ could be read (NO_MRZ only): what was found, how small, blurred or cut it was. */
    readonly diagnostics?: ReadDiagnostics,
  ) {
    super(message);
    this.name = 'ReadError';
  }
}

export function isReadError(error: unknown): error is ReadError {
  return error instanceof ReadError;
}
