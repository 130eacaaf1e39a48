/**
 * Textract's error types that this endpoint answers with, and their HTTP status: the AWS JSON
 * protocol puts the type in `__type` and in the x-amzn-ErrorType header, where the SDK reads it.
 */
export const TEXTRACT_ERRORS = {
  InvalidParameterException: 400,
  InvalidS3ObjectException: 400,
  UnsupportedDocumentException: 400,
  DocumentTooLargeException: 400,
  BadDocumentException: 400,
  UnknownOperationException: 400,
  SerializationException: 400,
  MissingAuthenticationTokenException: 403,
  IncompleteSignatureException: 403,
  UnrecognizedClientException: 403,
  InvalidSignatureException: 403,
  ThrottlingException: 400,
  InternalServerError: 500,
} as const;

export type TextractErrorType = keyof typeof TEXTRACT_ERRORS;

export class TextractError extends Error {
  constructor(
    readonly type: TextractErrorType,
    message: string,
  ) {
    super(message);
    this.name = type;
  }

  get status(): number {
    return TEXTRACT_ERRORS[this.type];
  }
}
