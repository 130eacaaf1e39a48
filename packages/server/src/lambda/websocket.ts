import { errorBodyOf, parseJson, subscribeMessage } from '@passport-reader/contract';
import { sharedRuntime, type RuntimeProvider } from './runtime.js';

/** The parts of an API Gateway WebSocket event these routes read. */
export interface WebSocketEvent {
  requestContext: { connectionId?: string; routeKey?: string };
  queryStringParameters?: Record<string, string | undefined> | null;
  body?: string | null;
  isBase64Encoded?: boolean;
}

export interface WebSocketResult {
  statusCode: number;
  body?: string;
}

const ok = (): WebSocketResult => ({ statusCode: 200 });
const notFound = (): WebSocketResult => ({
  statusCode: 404,
  body: JSON.stringify(errorBodyOf('NOT_FOUND')),
});

/**
 * API Gateway WebSocket routes. A client connects to `wss://…/{stage}?scan=<id>&token=<token>` (checked
 * like GET /api/scans/:id: wrong token → 404, refused) and sends `{"action":"subscribe","scan":<id>,
 * "token":<token>}`; it then receives the embedded service's messages: `{"type":"status"}` and finally
 * `{"type":"result","scan":…}`, at once if the scan is already finished. Subscriptions live in Postgres.
 */
export function createWebSocketHandlers(runtime: RuntimeProvider) {
  async function watch(connectionId: string, scanId: string, token: string | undefined, push: boolean) {
    const rt = await runtime();
    const view = await rt.scanService.get(scanId, token);
    if (!view) return notFound();
    await rt.subscriptions.add(connectionId, scanId);
    // Read again after subscribing, so a result written in between is not missed.
    if (push) {
      const current = await rt.scanService.get(scanId, token);
      if (current) await rt.notifier.sendCurrent(connectionId, current);
    }
    return ok();
  }

  return {
    connect: async (event: WebSocketEvent): Promise<WebSocketResult> => {
      const connectionId = event.requestContext.connectionId ?? '';
      const scan = event.queryStringParameters?.scan;
      if (!scan) return ok();
      // Nothing can be sent before $connect returns: the client's subscribe message gets the current state.
      return watch(connectionId, scan, event.queryStringParameters?.token, false);
    },

    disconnect: async (event: WebSocketEvent): Promise<WebSocketResult> => {
      const rt = await runtime();
      await rt.subscriptions.removeConnection(event.requestContext.connectionId ?? '');
      return ok();
    },

    subscribe: async (event: WebSocketEvent): Promise<WebSocketResult> => {
      const text = event.isBase64Encoded
        ? Buffer.from(event.body ?? '', 'base64').toString('utf8')
        : (event.body ?? '');
      const message = parseJson(subscribeMessage, text);
      if (!message) {
        return {
          statusCode: 400,
          body: JSON.stringify(
            errorBodyOf('BAD_REQUEST', 'Send {"action":"subscribe","scan":<id>,"token":<token>}.'),
          ),
        };
      }
      return watch(event.requestContext.connectionId ?? '', message.scan, message.token, true);
    },
  };
}

export const { connect, disconnect, subscribe } = createWebSocketHandlers(sharedRuntime);
