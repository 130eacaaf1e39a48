import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';
import type { AnalyzeIdOutput } from '../textract-compat/analyze-id-response.js';
import type { CompatCredentials } from '../textract-compat/sigv4-verify.js';
import { TextractError } from '../textract-compat/textract-errors.js';
import {
  answerTextractRequest,
  textractErrorAnswer,
  type TextractAnswer,
} from '../textract-compat/textract-request.js';

export interface TextractRoutesOptions {
  credentials: CompatCredentials;
  /** Largest body accepted: two pages of base64 and the JSON around them. */
  bodyLimit: number;
  /** Requests one client address may make per minute. */
  requestsPerMinute: number;
  analyze(body: unknown): Promise<AnalyzeIdOutput>;
}

/**
 * `POST /` spoken as Amazon Textract's JSON protocol, so a Textract client whose endpoint is this
 * service's root URL reads with our reader (textract-compat/textract-request.ts); every failure,
 * down to an oversized or unparsable body, answers in Textract's error shape.
 */
export async function textractRoutes(app: FastifyInstance, options: TextractRoutesOptions) {
  // Any body, raw: the signature covers its bytes, and a wrong content type must still answer as Textract.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: options.bodyLimit }, (_request, body, done) =>
    done(null, body),
  );
  app.setErrorHandler((error: FastifyError, _request, reply) => {
    const type =
      error.statusCode === 413
        ? 'DocumentTooLargeException'
        : error.statusCode === 429
          ? 'ThrottlingException'
          : error.statusCode && error.statusCode < 500
            ? 'SerializationException'
            : 'InternalServerError';
    if (type === 'InternalServerError')
      reply.log.error({ err: error.message }, 'textract-compatible request failed');
    return send(
      reply,
      textractErrorAnswer(
        new TextractError(type, type === 'InternalServerError' ? 'Internal error.' : error.message),
      ),
    );
  });

  app.post(
    '/',
    {
      bodyLimit: options.bodyLimit,
      config: { rateLimit: { max: options.requestsPerMinute, timeWindow: '1 minute' } },
      schema: { hide: true },
    },
    async (request, reply) => {
      const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
      const answer = await answerTextractRequest(
        { method: request.method, url: request.url, headers: request.headers, body },
        options.credentials,
        (parsed) => options.analyze(parsed),
      );
      return send(reply, answer);
    },
  );
}

function send(reply: FastifyReply, answer: TextractAnswer) {
  return reply.status(answer.status).headers(answer.headers).send(answer.body);
}
