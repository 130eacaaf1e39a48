/** Errors that cross module boundaries carry a stable code; HTTP maps codes to statuses. */
export type AppErrorCode =
  | 'EMPTY_FILE'
  | 'UNSUPPORTED_TYPE'
  | 'TOO_LARGE'
  | 'NO_FILE'
  | 'NOT_FOUND'
  | 'IMAGE_NOT_FOUND'
  | 'QUEUE_UNAVAILABLE'
  | 'BAD_CONFIG'
  | 'DATABASE_START_FAILED'
  | 'READ_TIMEOUT'
  | 'BAD_MULTIPART'
  | 'STORE_UNAVAILABLE';

export class AppError extends Error {
  constructor(
    readonly code: AppErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'AppError';
  }
}

export function isAppError(error: unknown, code?: AppErrorCode): error is AppError {
  return error instanceof AppError && (code === undefined || error.code === code);
}

/** The HTTP status of each code, shared by the embedded API and the Lambda handlers. */
export const HTTP_STATUS: Partial<Record<AppErrorCode, number>> = {
  EMPTY_FILE: 400,
  NO_FILE: 400,
  BAD_MULTIPART: 400,
  NOT_FOUND: 404,
  UNSUPPORTED_TYPE: 415,
  TOO_LARGE: 413,
  QUEUE_UNAVAILABLE: 503,
  STORE_UNAVAILABLE: 503,
};
