import { IMAGE_TYPES, type ServiceConfig } from '@passport-reader/contract';

/** What GET /api/config tells the page, on either entry point: public, no personal data. */
export function publicConfig(settings: Omit<ServiceConfig, 'acceptedTypes'>): ServiceConfig {
  return { ...settings, acceptedTypes: Object.keys(IMAGE_TYPES) };
}

/**
 * The URL clients open for API Gateway's WebSocket: the management endpoint the functions post to
 * (https://{api-id}.execute-api.{region}.amazonaws.com/{stage}) in its ws(s) scheme.
 */
export function websocketUrlOf(managementEndpoint: string): string {
  const url = new URL(managementEndpoint);
  url.protocol = url.protocol === 'http:' ? 'ws:' : 'wss:';
  return url.href.replace(/\/$/, '');
}
