import { errorBodyOf } from '@passport-reader/contract';
import { publicConfig } from '../config/public-config.js';
import { configRoutes } from './config.routes.js';
import fastifyHelmet from '@fastify/helmet';
import fastifyMultipart from '@fastify/multipart';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import fastifyWebsocket from '@fastify/websocket';
import { createServer } from 'node:http';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import type { ScanHub } from '../realtime/scan-hub.js';
import type { ScanService } from '../scans/scan-service.js';
import { isAdminToken } from '../scans/tokens.js';
import { bearerToken } from './bearer.js';
import { registerErrorHandler } from './errors.js';
import { pathUnder } from './path-prefix.js';
import { healthRoutes, type HealthChecks } from './health.routes.js';
import { realtimeRoutes } from './realtime.routes.js';
import { scanRoutes } from './scans.routes.js';
import { textractRoutes, type TextractRoutesOptions } from './textract.routes.js';
import { webAppRoutes } from './web-app.js';

export interface HttpAppOptions {
  log: Logger;
  checks: HealthChecks;
  registry: Registry;
  /** Present in the api role; a worker-only process serves health and metrics only. */
  api?: {
    scans: ScanService;
    hub: ScanHub;
    maxUploadBytes: number;
    maxConcurrentUploads: number;
    /** Reads, deletes and sockets of scans one client address may make per minute. */
    scanReadsPerMinute: number;
    imageRetentionHours: number;
    resultRetentionHours: number;
  };
  /** Present when the Textract-compatible endpoint is on (TEXTRACT_COMPAT_* set); needs `api`. */
  textract?: Omit<TextractRoutesOptions, 'requestsPerMinute'>;
  /** The longest a client may take to send a whole request (headers and body); then the connection is closed. */
  requestTimeoutMs: number;
  /** Web origins besides the service's own whose pages may open its WebSockets. */
  allowedOrigins: string[];
  /** When set, /metrics and /docs answer only requests bearing it. */
  adminToken?: string;
}

/** Strips the query string (it carries WebSocket tokens) from request logs. */
function safeUrl(url: string): string {
  const q = url.indexOf('?');
  return q === -1 ? url : url.slice(0, q);
}

export async function buildHttpApp(options: HttpAppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: options.log.child(
      { component: 'http' },
      {
        serializers: {
          req: (req: { method: string; url: string }) => ({ method: req.method, url: safeUrl(req.url) }),
        },
      },
    ) as FastifyBaseLogger,
    bodyLimit: (options.api?.maxUploadBytes ?? 1024 * 1024) + 1024 * 1024,
    forceCloseConnections: 'idle',
    // A client that sends headers and then trickles (or withholds) the body would hold its
    // connection for ever (Fastify turns Node's request timeout off): Node answers 408 and closes
    // it once the request has taken this long, checked a few times per timeout.
    serverFactory: (handler) =>
      createServer(
        {
          requestTimeout: options.requestTimeoutMs,
          headersTimeout: Math.min(60_000, options.requestTimeoutMs),
          connectionsCheckingInterval: Math.max(250, Math.min(30_000, options.requestTimeoutMs / 4)),
        },
        handler,
      ),
  });
  registerErrorHandler(app);
  // Security headers on every response. The page (packages/web) loads only its own scripts and
  // styles (React sets styles through the DOM, which a CSP allows) and shows the chosen photo from
  // a blob: URL; /docs brings its own CSP (swagger-ui's staticCSP), which replaces this one there.
  // 'wasm-unsafe-eval' lets the page compile WebAssembly (the on-device reader's ONNX runtime, served
  // from the page's own assets) without allowing eval of JavaScript.
  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'", "'wasm-unsafe-eval'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    referrerPolicy: { policy: 'no-referrer' },
  });
  // What only the operator should see (the load, the API's shape) when an operator token is set.
  if (options.adminToken) {
    const adminToken = options.adminToken;
    app.addHook('onRequest', async (request, reply) => {
      if (pathUnder(request.url, ['/metrics', '/docs']) && !isAdminToken(bearerToken(request), adminToken)) {
        return reply.status(401).header('www-authenticate', 'Bearer').send(errorBodyOf('UNAUTHORIZED'));
      }
    });
  }
  // Scans carry personal data: no browser or proxy may keep a copy.
  app.addHook('onSend', async (request, reply) => {
    if (request.url.startsWith('/api/')) reply.header('cache-control', 'no-store');
  });
  await app.register(fastifySwagger, {
    openapi: {
      info: {
        title: 'borderless-passport-reader',
        description: 'Upload a passport, ID card or visa image; get its machine-readable zone read.',
        version: '0.1.0',
      },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
    },
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/docs', staticCSP: true });
  await app.register(healthRoutes, { checks: options.checks, registry: options.registry });
  if (options.api) {
    // Limits are set per route (the scan routes); none applies elsewhere.
    await app.register(fastifyRateLimit, {
      global: false,
      errorResponseBuilder: (_request, context) => ({
        statusCode: 429,
        code: 'RATE_LIMITED',
        message: `Too many requests from this address; try again in ${Math.ceil(context.ttl / 1000)} s.`,
      }),
    });
    await app.register(fastifyMultipart, {
      limits: { fileSize: options.api.maxUploadBytes, files: 1, fields: 10 },
    });
    await app.register(fastifyWebsocket, { options: { maxPayload: 64 * 1024 } });
    await app.register(scanRoutes, {
      scanReadsPerMinute: options.api.scanReadsPerMinute,
      scans: options.api.scans,
      maxUploadBytes: options.api.maxUploadBytes,
      maxConcurrentUploads: options.api.maxConcurrentUploads,
    });
    await app.register(realtimeRoutes, {
      scanReadsPerMinute: options.api.scanReadsPerMinute,
      scans: options.api.scans,
      hub: options.api.hub,
      allowedOrigins: options.allowedOrigins,
    });
    await app.register(
      configRoutes,
      publicConfig({
        uploadMode: 'multipart',
        maxUploadBytes: options.api.maxUploadBytes,
        imageRetentionHours: options.api.imageRetentionHours,
        resultRetentionHours: options.api.resultRetentionHours,
      }),
    );
    if (options.textract) {
      await app.register(textractRoutes, {
        ...options.textract,
        requestsPerMinute: options.api.scanReadsPerMinute,
      });
    }
    await app.register(webAppRoutes); // packages/web at `/`
  }
  return app;
}
