import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { publicConfig, websocketUrlOf } from '../config/public-config.js';
import { bearer, errorResult, json, jsonBody, notFound, type HttpResult } from './http.js';
import { loadLambdaConfig, type LambdaConfig } from '../config/lambda-config.js';
import { sharedRuntime, type RuntimeProvider } from './runtime.js';

let ownConfig: LambdaConfig | undefined;

/**
 * HTTP API functions (API Gateway HTTP API, payload 2.0). createScan hands out a presigned upload instead
 * of taking the image: images go straight to S3, never through Lambda.
 */
export function createApiHandlers(
  runtime: RuntimeProvider,
  /** The environment alone: the config route needs no database, so it never opens one. */
  settings: () => LambdaConfig = () => (ownConfig ??= loadLambdaConfig(process.env)),
) {
  async function guarded(work: () => Promise<HttpResult>): Promise<HttpResult> {
    try {
      return await work();
    } catch (error) {
      const known = errorResult(error);
      if (known) return known;
      (await runtime()).log.error({ err: (error as Error).message?.slice(0, 300) }, 'request failed');
      return json(500, { error: { code: 'INTERNAL', message: 'Internal error.' } });
    }
  }

  return {
    /** GET /api/config: the deployment's shape for the page (presigned uploads, limits, the WebSocket URL). */
    getConfig: () =>
      guarded(async () => {
        const config = settings();
        return json(
          200,
          publicConfig({
            uploadMode: 'presigned',
            maxUploadBytes: config.MAX_UPLOAD_BYTES,
            imageRetentionHours: config.IMAGE_RETENTION_HOURS,
            resultRetentionHours: config.RESULT_RETENTION_HOURS,
            websocketUrl: websocketUrlOf(config.WEBSOCKET_ENDPOINT),
          }),
        );
      }),

    /** POST /api/scans {"contentType", "contentLength"} → 201 {id, token, status, upload}. */
    createScan: (event: APIGatewayProxyEventV2) =>
      guarded(async () => {
        const rt = await runtime();
        const body = jsonBody(event);
        const created = await rt.directUploads.create({
          contentType: typeof body.contentType === 'string' ? body.contentType : undefined,
          contentLength: typeof body.contentLength === 'number' ? body.contentLength : undefined,
        });
        rt.log.info({ scanId: created.id, method: created.upload.method }, 'scan created; awaiting upload');
        return json(201, created);
      }),

    /** GET /api/scans/{id} with the scan's bearer token; wrong token → 404, as in the embedded service. */
    getScan: (event: APIGatewayProxyEventV2) =>
      guarded(async () => {
        const rt = await runtime();
        const view = await rt.scanService.get(event.pathParameters?.id ?? '', bearer(event));
        return view ? json(200, view) : notFound();
      }),

    /** DELETE /api/scans/{id} with the token → 204; the image and the personal data are gone. */
    deleteScan: (event: APIGatewayProxyEventV2) =>
      guarded(async () => {
        const rt = await runtime();
        const id = event.pathParameters?.id ?? '';
        if (!(await rt.scanService.delete(id, bearer(event)))) return notFound();
        rt.log.info({ scanId: id }, 'scan deleted');
        return { statusCode: 204 };
      }),
  };
}

export const { getConfig, createScan, getScan, deleteScan } = createApiHandlers(sharedRuntime);
