import type { ReadDiagnostics, ScanErrorCode } from '@passport-reader/contract';

/** Error codes of the CLI contract (DESIGN.md); every failure the reader reports carries one. */
export type ReadErrorCode = Extract<
  ScanErrorCode,
  'NO_MRZ' | 'UNREADABLE_IMAGE' | 'UNSUPPORTED_TYPE' | 'TOO_LARGE'
>;

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

/**
 * The read passed its deadline (ReadOptions.deadline) and stopped at its next checkpoint: not an
 * outcome of the image, so not one of the contract's codes; a caller may try again.
 */
export class ReadDeadlineExceeded extends Error {
  constructor() {
    super('The read passed its deadline and was stopped.');
    this.name = 'ReadDeadlineExceeded';
  }
}

export function isReadError(error: unknown): error is ReadError {
  return error instanceof ReadError;
}
