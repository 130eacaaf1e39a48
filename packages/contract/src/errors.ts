import { ACCEPTED_IMAGE_TYPES_TEXT } from './images.js';

/**
 * Every error code a client can see, with its HTTP status (where an HTTP answer carries it) and the
 * message the API sends. Scan codes are those a scan can end with (`error.code` of a failed scan,
 * the CLI's `error.code`); request codes answer a request. No message holds personal data.
 */
export const SCAN_ERRORS = {
  NO_MRZ: { message: 'No machine-readable zone was found in the image.' },
  UNREADABLE_IMAGE: { message: 'The image could not be decoded.' },
  EMPTY_FILE: { message: 'The uploaded file is empty.' },
  UNSUPPORTED_TYPE: { message: 'The file type is not supported.' },
  TOO_LARGE: { message: 'The image is too large.' },
  IMAGE_NOT_FOUND: { message: 'The uploaded image is no longer available.' },
  PROCESSING_FAILED: { message: 'Processing failed repeatedly; giving up.' },
  QUEUE_UNAVAILABLE: { message: 'The scan could not be queued.' },
} as const satisfies Record<string, { message: string }>;

export type ScanErrorCode = keyof typeof SCAN_ERRORS;

export const REQUEST_ERRORS = {
  EMPTY_FILE: { status: 400, message: 'The uploaded file is empty.' },
  NO_FILE: { status: 400, message: 'Send the image in a multipart field named "file".' },
  BAD_MULTIPART: { status: 400, message: 'The multipart body cannot be read.' },
  TOO_MANY_FILES: { status: 400, message: 'Upload one file per scan.' },
  TOO_MANY_PARTS: { status: 400, message: 'Too many form parts.' },
  BAD_REQUEST: { status: 400, message: 'The request is malformed.' },
  UNAUTHORIZED: { status: 401, message: 'This needs the operator token (ADMIN_TOKEN).' },
  FORBIDDEN_ORIGIN: { status: 403, message: 'This origin may not open scan sockets.' },
  NOT_FOUND: { status: 404, message: 'No such scan.' },
  TOO_LARGE: { status: 413, message: 'The file is larger than the upload limit.' },
  UNSUPPORTED_TYPE: { status: 415, message: `Upload a ${ACCEPTED_IMAGE_TYPES_TEXT} image.` },
  NOT_MULTIPART: { status: 415, message: 'Send multipart/form-data with a field "file".' },
  RATE_LIMITED: { status: 429, message: 'Too many requests from this address; try again shortly.' },
  TOO_MANY_SOCKETS: { status: 429, message: 'Enough sockets watch this scan already.' },
  INTERNAL: { status: 500, message: 'Internal error.' },
  BUSY: { status: 503, message: 'Too many uploads at once; try again in a moment.' },
  QUEUE_UNAVAILABLE: { status: 503, message: 'The scan could not be queued; try again.' },
  STORE_UNAVAILABLE: { status: 503, message: 'The image could not be stored; try again later.' },
} as const satisfies Record<string, { status: number; message: string }>;

export type RequestErrorCode = keyof typeof REQUEST_ERRORS;

export type ErrorCode = ScanErrorCode | RequestErrorCode;

/** The message of a scan's error code; a generic one for a code from elsewhere (an extractor's). */
export function scanErrorMessage(code: string): string {
  return code in SCAN_ERRORS ? SCAN_ERRORS[code as ScanErrorCode].message : 'The scan failed.';
}

export function isRequestErrorCode(code: string): code is RequestErrorCode {
  return code in REQUEST_ERRORS;
}

/** The JSON body of an error answer: `{"error": {"code", "message"}}`, the message the contract's by default. */
export function errorBodyOf(code: RequestErrorCode, message: string = REQUEST_ERRORS[code].message) {
  return { error: { code, message } };
}
