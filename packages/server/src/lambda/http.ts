import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { errorBodyOf, isRequestErrorCode, REQUEST_ERRORS } from '@passport-reader/contract';
import { isAppError } from '../errors.js';

export type HttpResult = APIGatewayProxyStructuredResultV2;

export function json(statusCode: number, body: unknown): HttpResult {
  return {
    statusCode,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
    body: JSON.stringify(body),
  };
}

export const notFound = (): HttpResult => json(404, errorBodyOf('NOT_FOUND'));

/** Same statuses and error bodies as the embedded HTTP API (http/errors.ts); null for the service's own errors. */
export function errorResult(error: unknown): HttpResult | null {
  const code = isAppError(error) ? error.code : (error as { code?: string }).code;
  if (!code || !isRequestErrorCode(code)) return null;
  return json(REQUEST_ERRORS[code].status, errorBodyOf(code, (error as Error).message));
}

export function bearer(event: APIGatewayProxyEventV2): string | undefined {
  const header = event.headers?.authorization ?? event.headers?.Authorization;
  const match = header ? /^Bearer\s+(\S+)$/i.exec(header) : null;
  return match?.[1];
}

export function jsonBody(event: APIGatewayProxyEventV2): Record<string, unknown> {
  if (!event.body) return {};
  const text = event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
  try {
    const value: unknown = JSON.parse(text);
    if (value && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    // fall through
  }
  throw Object.assign(
    new Error('Send a JSON object: {"contentType": "image/jpeg", "contentLength": 12345}.'),
    {
      code: 'BAD_REQUEST',
    },
  );
}
