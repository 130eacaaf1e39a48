/** Error codes of the CLI contract (DESIGN.md); every failure the reader reports carries one. */
export type ReadErrorCode = 'NO_MRZ' | 'UNREADABLE_IMAGE' | 'UNSUPPORTED_TYPE' | 'TOO_LARGE';

export class ReadError extends Error {
  constructor(
    readonly code: ReadErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ReadError';
  }
}

export function isReadError(error: unknown): error is ReadError {
  return error instanceof ReadError;
}
