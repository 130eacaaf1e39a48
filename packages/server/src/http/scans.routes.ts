import { ACCEPTED_IMAGE_TYPES_TEXT, errorBodyOf } from '@passport-reader/contract';
import type { FastifyInstance } from 'fastify';
import { AppError, isAppError } from '../errors.js';
import { isKnownFastifyError } from './errors.js';
import type { ReceivedImage, ScanService } from '../scans/scan-service.js';
import { bearerToken } from './bearer.js';
import { bearerAuth, createdScan, errorBody, scanIdParams, scanView } from './schemas.js';

const notFound = errorBodyOf('NOT_FOUND');

/** POST /api/scans, GET /api/scans/:id, DELETE /api/scans/:id (DESIGN.md contract). */
export async function scanRoutes(
  app: FastifyInstance,
  opts: {
    scans: ScanService;
    maxUploadBytes: number;
    maxConcurrentUploads: number;
    scanReadsPerMinute: number;
  },
) {
  // Token guessing is hopeless (256 bits), but a client hammering scans is throttled all the same.
  const throttled = { rateLimit: { max: opts.scanReadsPerMinute, timeWindow: '1 minute' } };
  // Each upload in flight holds a connection, a file or multipart upload in the store and a chunk
  // of memory: past this many at once, new ones are turned away (503 and Retry-After).
  let uploading = 0;
  app.post(
    '/api/scans',
    {
      schema: {
        summary: 'Upload an image of a document',
        description: `multipart/form-data with one field "file" (${ACCEPTED_IMAGE_TYPES_TEXT}; at most ${opts.maxUploadBytes} bytes). The type is sniffed from the bytes.`,
        consumes: ['multipart/form-data'],
        body: {
          type: 'object',
          properties: { file: { type: 'string', format: 'binary' } },
          required: ['file'],
        },
        response: { 202: createdScan, 400: errorBody, 413: errorBody, 415: errorBody, 503: errorBody },
      },
      // The body is a stream read below; the schema above documents it.
      validatorCompiler: () => () => true,
      onRequest: async (request, reply) => {
        if (uploading >= opts.maxConcurrentUploads) {
          return reply.status(503).header('retry-after', '2').send(errorBodyOf('BUSY'));
        }
        uploading++;
        reply.raw.once('close', () => uploading--);
      },
    },
    async (request, reply) => {
      let image: ReceivedImage | undefined;
      try {
        // The file is streamed to the store as it arrives (ScanService counts it against the limit;
        // busboy's own limit, one byte further, is only a backstop). Every part is read, so a
        // second file is refused (TOO_MANY_FILES) rather than dropped.
        const parts = request.parts({ limits: { fileSize: opts.maxUploadBytes + 1, files: 1, fields: 8 } });
        for await (const part of parts) {
          if (part.type !== 'file') continue;
          if (part.fieldname !== 'file') {
            throw new AppError('NO_FILE');
          }
          image = await opts.scans.receiveImage(part.file);
        }
      } catch (error) {
        if (image) await opts.scans.dropImage(image);
        if (isAppError(error) || isKnownFastifyError(error)) throw error;
        // busboy's own errors: no boundary, a wrong one, a body that ends mid-part
        throw new AppError(
          'BAD_MULTIPART',
          `The multipart body cannot be read: ${(error as Error).message}.`,
        );
      }
      if (!image) throw new AppError('NO_FILE');
      if (request.raw.socket.destroyed) {
        await opts.scans.dropImage(image);
        return reply;
      }
      const created = await opts.scans.create(image);
      if (request.raw.socket.destroyed) {
        // The client went away before it could learn the token: no one could ever read or delete
        // this scan, so it is not kept.
        await opts.scans.discard(created.id);
        request.log.info({ scanId: created.id }, 'upload abandoned by its client: scan discarded');
        return reply;
      }
      request.log.info({ scanId: created.id, bytes: image.bytes }, 'scan accepted');
      return reply.status(202).send(created);
    },
  );

  app.get<{ Params: { id: string } }>(
    '/api/scans/:id',
    {
      schema: {
        summary: 'A scan, its status and its result',
        params: scanIdParams,
        security: bearerAuth,
        response: { 200: scanView, 404: errorBody, 429: errorBody },
      },
      config: throttled,
    },
    async (request, reply) => {
      const view = await opts.scans.get(request.params.id, bearerToken(request));
      if (!view) return reply.status(404).send(notFound);
      return view;
    },
  );

  app.delete<{ Params: { id: string } }>(
    '/api/scans/:id',
    {
      schema: {
        summary: 'Delete a scan: its image and its personal data',
        params: scanIdParams,
        security: bearerAuth,
        response: { 204: { type: 'null' }, 404: errorBody, 429: errorBody },
      },
      config: throttled,
    },
    async (request, reply) => {
      if (!(await opts.scans.delete(request.params.id, bearerToken(request))))
        return reply.status(404).send(notFound);
      request.log.info({ scanId: request.params.id }, 'scan deleted');
      return reply.status(204).send();
    },
  );
}
