import { randomUUID } from 'node:crypto';
import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';
import type { AnalyzeIdOutput } from '../textract-compat/analyze-id-response.js';
import { verifySignature, type CompatCredentials } from '../textract-compat/sigv4-verify.js';
import { TextractError } from '../textract-compat/textract-errors.js';

export interface TextractRoutesOptions {
  credentials: CompatCredentials;
  /** Largest body accepted: two pages of base64 and the JSON around them. */
  bodyLimit: number;
  /** Requests one client address may make per minute. */
  requestsPerMinute: number;
  analyze(body: unknown): Promise<AnalyzeIdOutput>;
}

const JSON_1_1 = 'application/x-amz-json-1.1';
const OPERATION = 'Textract.AnalyzeID';

/**
 * `POST /` spoken as Amazon Textract's JSON protocol, so a Textract client whose endpoint is this
 * service's root URL reads with our reader: the operation is in X-Amz-Target, every request is
 * signed (SigV4) with the configured key pair, and every failure, down to an oversized or
 * unparsable body, answers in Textract's error shape.
 */
export async function textractRoutes(app: FastifyInstance, options: TextractRoutesOptions) {
  // Any body, raw: the signature covers its bytes, and a wrong content type must still answer as Textract.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: options.bodyLimit }, (_request, body, done) =>
    done(null, body),
  );
  app.setErrorHandler((error: FastifyError, _request, reply) => {
    if (error instanceof TextractError) return sendError(reply, error);
    if (error.statusCode === 413) {
      return sendError(
        reply,
        new TextractError('DocumentTooLargeException', 'The request body is too large.'),
      );
    }
    if (error.statusCode === 429) {
      return sendError(reply, new TextractError('ThrottlingException', 'Rate exceeded.'));
    }
    if (error.statusCode && error.statusCode < 500) {
      return sendError(reply, new TextractError('SerializationException', 'The request could not be read.'));
    }
    reply.log.error({ err: error.message }, 'textract-compatible request failed');
    return sendError(reply, new TextractError('InternalServerError', 'Internal error.'));
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
      const signature = await verifySignature(
        { method: request.method, url: request.url, headers: request.headers, body },
        options.credentials,
      );
      if (!signature.ok) throw new TextractError(signature.type, signature.message);
      const target = request.headers['x-amz-target'];
      if (target !== OPERATION) {
        throw new TextractError(
          'UnknownOperationException',
          `This endpoint answers ${OPERATION} only${typeof target === 'string' ? `, not ${target}` : ''}.`,
        );
      }
      let parsed: unknown;
      try {
        parsed = JSON.parse(body.toString('utf8'));
      } catch {
        throw new TextractError('SerializationException', 'The request body is not JSON.');
      }
      const output = await options.analyze(parsed);
      return reply.header('content-type', JSON_1_1).header('x-amzn-requestid', randomUUID()).send(output);
    },
  );
}

function sendError(reply: FastifyReply, error: TextractError) {
  return reply
    .status(error.status)
    .header('content-type', JSON_1_1)
    .header('x-amzn-requestid', randomUUID())
    .header('x-amzn-errortype', error.type)
    .send({ __type: error.type, message: error.message });
}
