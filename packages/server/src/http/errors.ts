import type { FastifyError, FastifyInstance } from 'fastify';
import { errorBodyOf, REQUEST_ERRORS, type RequestErrorCode } from '@passport-reader/contract';
import { httpStatusOf, isAppError } from '../errors.js';

/** Fastify's and its plugins' own errors, in the project's codes (their FST_ codes never leave). */
const FASTIFY_CODES: Record<string, RequestErrorCode> = {
  FST_REQ_FILE_TOO_LARGE: 'TOO_LARGE',
  FST_FILES_LIMIT: 'TOO_MANY_FILES',
  FST_PARTS_LIMIT: 'TOO_MANY_PARTS',
  FST_FIELDS_LIMIT: 'TOO_MANY_PARTS',
  FST_INVALID_MULTIPART_CONTENT_TYPE: 'NOT_MULTIPART',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'NOT_MULTIPART',
  FST_ERR_CTP_BODY_TOO_LARGE: 'TOO_LARGE',
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
        .status(httpStatusOf(error.code))
        .send({ error: { code: error.code, message: error.message } });
    }
    const known = error.code ? FASTIFY_CODES[error.code] : undefined;
    if (known) return reply.status(REQUEST_ERRORS[known].status).send(errorBodyOf(known));
    if (error.validation) {
      return reply.status(400).send(errorBodyOf('BAD_REQUEST', error.message));
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
        message: status >= 500 ? REQUEST_ERRORS.INTERNAL.message : error.message,
      },
    });
  });
  app.setNotFoundHandler((_request, reply) => reply.status(404).send(errorBodyOf('NOT_FOUND', 'Not found.')));
}
