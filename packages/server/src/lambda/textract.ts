import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { createExtractor, createObjectStore } from '../adapters/registry.js';
import { loadLambdaConfig, type LambdaConfig } from '../config/lambda-config.js';
import { createLogger } from '../logging.js';
import { analyzeId } from '../textract-compat/analyze-id.js';
import type { CompatCredentials } from '../textract-compat/sigv4-verify.js';
import { answerTextractRequest } from '../textract-compat/textract-request.js';
import { extractorChoice } from './extract.js';
import type { HttpResult } from './http.js';
import { readSecretParameter } from './runtime.js';

interface TextractRuntime {
  credentials: CompatCredentials;
  analyze(body: unknown): Promise<Awaited<ReturnType<typeof analyzeId>>>;
}

/**
 * POST / of the HTTP API as Textract AnalyzeID (the embedded service's `POST /`, same protocol
 * core): stateless, no database; reads with the built-in reader in process, and S3Object pages from
 * the stack's image bucket. Off (404) unless TEXTRACT_COMPAT_ACCESS_KEY_ID is set.
 */
export function createTextractHandler(settings: () => LambdaConfig = () => loadLambdaConfig(process.env)) {
  let ready: Promise<TextractRuntime | null> | undefined;

  async function build(): Promise<TextractRuntime | null> {
    const config = settings();
    const accessKeyId = config.TEXTRACT_COMPAT_ACCESS_KEY_ID;
    if (!accessKeyId) return null;
    const secretAccessKey =
      config.TEXTRACT_COMPAT_SECRET_ACCESS_KEY ??
      (await readSecretParameter(
        config.TEXTRACT_COMPAT_SECRET_PARAMETER,
        config.AWS_REGION,
        'Textract key secret',
      ));
    const store = createObjectStore({
      kind: 's3',
      bucket: config.IMAGE_BUCKET,
      prefix: config.S3_PREFIX,
      region: config.AWS_REGION,
      endpoint: config.S3_ENDPOINT,
      forcePathStyle: config.S3_FORCE_PATH_STYLE,
    });
    // Always the built-in reader: this route is for callers leaving Textract.
    const extractor = await createExtractor(extractorChoice({ ...config, EXTRACTOR: 'reader' }));
    const deps = {
      extractor,
      maxPageBytes: config.MAX_UPLOAD_BYTES,
      bucket: { bucket: config.IMAGE_BUCKET, prefix: config.S3_PREFIX, store },
    };
    return { credentials: { accessKeyId, secretAccessKey }, analyze: (body) => analyzeId(body, deps) };
  }

  return async (event: APIGatewayProxyEventV2): Promise<HttpResult> => {
    ready ??= build().catch((error: unknown) => {
      ready = undefined;
      throw error;
    });
    try {
      const runtime = await ready;
      if (!runtime) return { statusCode: 404, body: '{"message":"Not Found"}' };
      const answer = await answerTextractRequest(
        {
          method: event.requestContext.http.method,
          url: `${event.rawPath}${event.rawQueryString ? `?${event.rawQueryString}` : ''}`,
          headers: event.headers ?? {},
          body: Buffer.from(event.body ?? '', event.isBase64Encoded ? 'base64' : 'utf8'),
        },
        runtime.credentials,
        runtime.analyze,
      );
      return { statusCode: answer.status, headers: answer.headers, body: answer.body };
    } catch (error) {
      createLogger(settings().LOG_LEVEL).error(
        { err: (error as Error).message?.slice(0, 300) },
        'textract-compatible request failed',
      );
      return {
        statusCode: 500,
        headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-errortype': 'InternalServerError' },
        body: '{"__type":"InternalServerError","message":"Internal error."}',
      };
    }
  };
}

export const analyzeIdRoute = createTextractHandler();
