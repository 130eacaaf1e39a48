import type { FastifyError, FastifyInstance } from 'fastify';
import { HTTP_STATUS, isAppError } from '../errors.js';

const NOT_MULTIPART = {
  status: 415,
  code: 'NOT_MULTIPART',
  message: 'Send multipart/form-data with a field "file".',
};

/** Fastify's and its plugins' own errors, in the project's codes (their FST_ codes never leave). */
const FASTIFY_CODES: Record<string, { status: number; code: string; message: string }> = {
  FST_REQ_FILE_TOO_LARGE: {
    status: 413,
    code: 'TOO_LARGE',
    message: 'The file is larger than the upload limit.',
  },
  FST_FILES_LIMIT: { status: 400, code: 'TOO_MANY_FILES', message: 'Upload one file per scan.' },
  FST_PARTS_LIMIT: { status: 400, code: 'TOO_MANY_PARTS', message: 'Too many form parts.' },
  FST_FIELDS_LIMIT: { status: 400, code: 'TOO_MANY_PARTS', message: 'Too many form fields.' },
  FST_INVALID_MULTIPART_CONTENT_TYPE: NOT_MULTIPART,
  FST_ERR_CTP_INVALID_MEDIA_TYPE: NOT_MULTIPART,
  FST_ERR_CTP_BODY_TOO_LARGE: {
    status: 413,
    code: 'TOO_LARGE',
    message: 'The request is larger than the upload limit.',
  },
};

/** Whether an error is one of Fastify's own that the error handler translates. */
export function isKnownFastifyError(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && code in FASTIFY_CODES;
}

/** Every error leaves as `{"error": {"code", "message"}}`; internal details stay in the log. */
export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (isAppError(error)) {
      return reply
        .status(HTTP_STATUS[error.code] ?? 500)
        .send({ error: { code: error.code, message: error.message } });
    }
    const known = error.code ? FASTIFY_CODES[error.code] : undefined;
    if (known)
      return reply.status(known.status).send({ error: { code: known.code, message: known.message } });
    if (error.validation) {
      return reply.status(400).send({ error: { code: 'BAD_REQUEST', message: error.message } });
    }
    const status = error.statusCode && error.statusCode < 500 ? error.statusCode : 500;
    if (status >= 500) request.log.error({ code: error.code, err: error.message }, 'request failed');
    return reply.status(status).send({
      error: {
        code:
          status >= 500
            ? 'INTERNAL'
            : error.code && !error.code.startsWith('FST_')
              ? error.code
              : 'BAD_REQUEST',
        message: status >= 500 ? 'Internal error.' : error.message,
      },
    });
  });
  app.setNotFoundHandler((_request, reply) =>
    reply.status(404).send({ error: { code: 'NOT_FOUND', message: 'Not found.' } }),
  );
}
