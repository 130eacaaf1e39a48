import { isRequestErrorCode, REQUEST_ERRORS, type RequestErrorCode } from '@passport-reader/contract';

/**
 * Errors that cross module boundaries carry a stable code: the contract's request codes (HTTP
 * maps them to their statuses) and the service's own, which never reach a client as such.
 */
export type AppErrorCode =
  RequestErrorCode | 'IMAGE_NOT_FOUND' | 'BAD_CONFIG' | 'DATABASE_START_FAILED' | 'READ_TIMEOUT';

export class AppError extends Error {
  /** A request code's message is the contract's unless one more specific is given. */
  constructor(
    readonly code: AppErrorCode,
    message: string = isRequestErrorCode(code) ? REQUEST_ERRORS[code].message : code,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'AppError';
  }
}

export function isAppError(error: unknown, code?: AppErrorCode): error is AppError {
  return error instanceof AppError && (code === undefined || error.code === code);
}

/** The HTTP status of a code (500 for the service's own), shared by the embedded API and the Lambda handlers. */
export function httpStatusOf(code: string): number {
  return isRequestErrorCode(code) ? REQUEST_ERRORS[code].status : 500;
}
