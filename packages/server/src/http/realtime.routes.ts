import { errorBodyOf } from '@passport-reader/contract';
import type { FastifyInstance } from 'fastify';
import type { ScanHub } from '../realtime/scan-hub.js';
import type { ScanService } from '../scans/scan-service.js';

interface WsQuery {
  scan?: string;
  token?: string;
}

/**
 * GET /ws?scan=ID&token=TOKEN upgrades to a WebSocket that receives {"type":"status"} messages and then
 * {"type":"result","scan":...}. A wrong token or unknown scan gets 404 before the upgrade.
 */
export async function realtimeRoutes(
  app: FastifyInstance,
  opts: { scans: ScanService; hub: ScanHub; allowedOrigins: string[]; scanReadsPerMinute: number },
) {
  app.get<{ Querystring: WsQuery }>(
    '/ws',
    {
      websocket: true,
      config: { rateLimit: { max: opts.scanReadsPerMinute, timeWindow: '1 minute' } },
      schema: {
        summary: 'Live status and result of one scan (WebSocket)',
        querystring: {
          type: 'object',
          properties: { scan: { type: 'string' }, token: { type: 'string' } },
        },
      },
      preValidation: async (request, reply) => {
        // A browser says which page opens the socket; a page of another site must not watch a
        // scan through a visitor's browser. Clients that are not browsers send no Origin.
        const origin = request.headers.origin;
        if (
          origin !== undefined &&
          !sameOrigin(origin, request.headers.host) &&
          !opts.allowedOrigins.includes(origin)
        ) {
          return reply.status(403).send(errorBodyOf('FORBIDDEN_ORIGIN'));
        }
        const { scan, token } = request.query;
        const view = scan ? await opts.scans.get(scan, token) : null;
        if (!view) return reply.status(404).send(errorBodyOf('NOT_FOUND'));
        if (!opts.hub.hasRoomFor(view.id, request.ip)) {
          return reply.status(429).header('retry-after', '5').send(errorBodyOf('TOO_MANY_SOCKETS'));
        }
      },
    },
    (socket, request) => {
      void opts.hub.watch(request.query.scan!, socket, request.ip).catch((error: Error) => {
        request.log.error({ err: error.message }, 'websocket watch failed');
        socket.close(1011);
      });
    },
  );
}

/** Whether `origin` is the page's own: the same host (and port) the request came to. */
function sameOrigin(origin: string, host: string | undefined): boolean {
  try {
    return host !== undefined && new URL(origin).host === host;
  } catch {
    return false;
  }
}
