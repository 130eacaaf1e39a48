import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { DeleteMessageCommand } from '@aws-sdk/client-sqs';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { WebSocketServer, type WebSocket } from 'ws';
import type { createApiHandlers } from '../../src/lambda/api.js';
import type { createExtractHandler } from '../../src/lambda/extract.js';
import type { createS3UploadedHandler } from '../../src/lambda/s3-uploaded.js';
import type { createTextractHandler } from '../../src/lambda/textract.js';
import type { createWebSocketHandlers } from '../../src/lambda/websocket.js';
import { receive, s3ObjectCreatedEvent, sqsEvent, type AwsResources, type Emulator } from './aws-harness.js';

/** The deployed stack's handlers, as the test builds them over one runtime. */
export interface StackHandlers {
  api: ReturnType<typeof createApiHandlers>;
  s3Uploaded: ReturnType<typeof createS3UploadedHandler>;
  extract: ReturnType<typeof createExtractHandler>;
  ws: ReturnType<typeof createWebSocketHandlers>;
  textract: ReturnType<typeof createTextractHandler>;
}

const STAGE = 'test';
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
};

/**
 * What AWS puts in front of the Lambda functions, on one loopback origin, as CloudFront does for
 * the page and the API: the built page; the HTTP API's routes turned into payload-2.0 events for
 * the handlers; the image bucket (the S3 emulator behind it, so the presigned upload is
 * same-origin), whose ObjectCreated events go to s3Uploaded; the work queue delivered to extract
 * as the event source mapping does (and deleted when it succeeds); and the WebSocket API at
 * /{stage} with its management endpoint (POST /{stage}/@connections/{id}).
 */
export async function startLocalGateway(options: {
  webDist: string;
  emulator: Emulator;
  resources: AwsResources;
  handlers: () => StackHandlers;
}) {
  const { resources, emulator } = options;
  const sockets = new Map<string, WebSocket>();
  const seen: string[] = [];
  const emulatorUrl = new URL(emulator.address);

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://gateway');
    seen.push(`${req.method} ${url.pathname}`);
    const done = (status: number, body = '', headers: Record<string, string> = {}) =>
      res.writeHead(status, headers).end(body);
    readBody(req)
      .then(async (body) => {
        if (req.method === 'POST' && url.pathname === `/${resources.bucket}`) {
          return postObject(req, body, res);
        }
        if (url.pathname.startsWith(`/${resources.bucket}/`)) return proxyToBucket(req, url, body, res);
        const connection = new RegExp(`^/${STAGE}/@connections/([^/]+)$`).exec(
          decodeURIComponent(url.pathname),
        );
        if (connection) {
          const socket = sockets.get(connection[1]);
          if (!socket) return done(410, '{"message":"Gone"}', { 'x-amzn-errortype': 'GoneException' });
          if (req.method === 'POST') socket.send(body.toString('utf8'));
          else if (req.method === 'DELETE') socket.close(1000);
          return done(200, '{}');
        }
        if (url.pathname.startsWith('/api/')) return callApi(req, url, body, res);
        if (req.method === 'POST' && url.pathname === '/') {
          const result = await options.handlers().textract(httpEvent(req, url, body));
          return done(result.statusCode ?? 200, result.body ?? '', result.headers as Record<string, string>);
        }
        return servePage(url.pathname, res);
      })
      .catch((error: Error) => done(500, error.message));
  });

  async function callApi(req: http.IncomingMessage, url: URL, body: Buffer, res: http.ServerResponse) {
    const { api } = options.handlers();
    const id = /^\/api\/scans\/([^/]+)$/.exec(url.pathname)?.[1];
    const event = httpEvent(req, url, body, id);
    const route = `${req.method} ${id ? '/api/scans/{id}' : url.pathname}`;
    const handler = {
      'GET /api/config': api.getConfig,
      'POST /api/scans': api.createScan,
      'GET /api/scans/{id}': api.getScan,
      'DELETE /api/scans/{id}': api.deleteScan,
    }[route];
    if (!handler)
      return res.writeHead(404, { 'content-type': 'application/json' }).end('{"message":"Not Found"}');
    const result = await handler(event);
    res.writeHead(result.statusCode ?? 200, result.headers as Record<string, string>).end(result.body ?? '');
  }

  async function proxyToBucket(req: http.IncomingMessage, url: URL, body: Buffer, res: http.ServerResponse) {
    const answer = await new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }>(
      (resolve, reject) => {
        const forwarded = http.request(
          {
            host: emulatorUrl.hostname,
            port: emulatorUrl.port,
            method: req.method,
            path: `${url.pathname}${url.search}`,
            headers: { ...req.headers, host: emulatorUrl.host },
          },
          (response) => {
            readBody(response).then(
              (b) => resolve({ status: response.statusCode ?? 500, headers: response.headers, body: b }),
              reject,
            );
          },
        );
        forwarded.on('error', reject);
        forwarded.end(body);
      },
    );
    res.writeHead(answer.status, answer.headers).end(answer.body);
    // S3 notifies s3Uploaded of a new object under scans/ (serverless.yml's event rule).
    const key =
      req.method === 'PUT' ? decodeURIComponent(url.pathname.slice(resources.bucket.length + 2)) : undefined;
    if (answer.status < 300 && key?.startsWith('scans/')) {
      await options.handlers().s3Uploaded(s3ObjectCreatedEvent(resources.bucket, key, body.length));
    }
  }

  /**
   * S3's browser form upload (POST object), which the emulator lacks: the policy's conditions are
   * checked as S3 checks them (size range, exact or prefix fields, expiry; the signature is the
   * emulator's to accept, and it accepts any), the object stored, and S3's 204 answered.
   */
  async function postObject(req: http.IncomingMessage, body: Buffer, res: http.ServerResponse) {
    const form = await new Request('http://gateway/', {
      method: 'POST',
      headers: { 'content-type': String(req.headers['content-type'] ?? '') },
      body: new Uint8Array(body),
    }).formData();
    const file = form.get('file');
    const field = (name: string) => {
      const value = form.get(name);
      return typeof value === 'string' ? value : undefined;
    };
    const refuse = (message: string) =>
      res
        .writeHead(403, { 'content-type': 'application/xml' })
        .end(`<Error><Code>AccessDenied</Code><Message>${message}</Message></Error>`);
    if (!(file instanceof Blob)) return refuse('no file');
    const policy = JSON.parse(Buffer.from(field('Policy') ?? '', 'base64').toString('utf8')) as {
      expiration: string;
      conditions: Array<Record<string, string> | [string, string | number, string | number]>;
    };
    if (Date.parse(policy.expiration) < Date.now()) return refuse('Policy expired');
    for (const condition of policy.conditions) {
      if (!Array.isArray(condition)) {
        for (const [name, value] of Object.entries(condition)) {
          const actual = name === 'bucket' ? resources.bucket : field(name);
          if (actual !== value) return refuse(`Policy Condition failed: ${name}`);
        }
      } else if (condition[0] === 'content-length-range') {
        if (file.size < Number(condition[1]) || file.size > Number(condition[2]))
          return refuse('EntityTooLarge');
      } else {
        const [op, name, value] = condition as [string, string, string];
        const actual = field(name.replace(/^\$/, '')) ?? '';
        if (op === 'eq' ? actual !== value : !actual.startsWith(value))
          return refuse(`Policy Condition failed: ${name}`);
      }
    }
    const key = field('key')!;
    await resources.s3.send(
      new PutObjectCommand({
        Bucket: resources.bucket,
        Key: key,
        Body: new Uint8Array(await file.arrayBuffer()),
        ContentType: field('Content-Type'),
      }),
    );
    res.writeHead(204).end();
    if (key.startsWith('scans/')) {
      await options.handlers().s3Uploaded(s3ObjectCreatedEvent(resources.bucket, key, file.size));
    }
  }

  async function servePage(pathname: string, res: http.ServerResponse) {
    const file = path.join(options.webDist, path.normalize(pathname).replace(/^(\.\.[/\\])+/, ''));
    const chosen =
      path.extname(file) && file.startsWith(options.webDist)
        ? file
        : path.join(options.webDist, 'index.html');
    try {
      const bytes = await readFile(chosen);
      res
        .writeHead(200, { 'content-type': TYPES[path.extname(chosen)] ?? 'application/octet-stream' })
        .end(bytes);
    } catch {
      res.writeHead(404).end();
    }
  }

  const wss = new WebSocketServer({ noServer: true });
  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://gateway');
    if (url.pathname !== `/${STAGE}`) return socket.destroy();
    const connectionId = `${randomUUID().slice(0, 8)}=`;
    const queryStringParameters = Object.fromEntries(url.searchParams);
    void options
      .handlers()
      .ws.connect({ requestContext: { connectionId, routeKey: '$connect' }, queryStringParameters })
      .then((result) => {
        if (result.statusCode !== 200) {
          socket.end(`HTTP/1.1 ${result.statusCode} Refused\r\n\r\n`);
          return;
        }
        wss.handleUpgrade(req, socket, head, (ws) => {
          sockets.set(connectionId, ws);
          ws.on('message', (data) => {
            void options.handlers().ws.subscribe({
              requestContext: { connectionId, routeKey: 'subscribe' },
              body: String(data),
            });
          });
          ws.on('close', () => {
            sockets.delete(connectionId);
            void options
              .handlers()
              .ws.disconnect({ requestContext: { connectionId, routeKey: '$disconnect' } });
          });
        });
      });
  });

  // The event source mapping: batches from the queue to extract; what it reports failed stays on the queue.
  let pumping = true;
  const pump = (async () => {
    while (pumping) {
      const messages = await receive(resources).catch(() => []);
      if (messages.length === 0) continue;
      const { batchItemFailures } = await options.handlers().extract(sqsEvent(messages, resources.queueArn));
      const failed = new Set(batchItemFailures.map((f) => f.itemIdentifier));
      for (const m of messages.filter((m) => !failed.has(m.MessageId!))) {
        await resources.sqs.send(
          new DeleteMessageCommand({ QueueUrl: resources.queueUrl, ReceiptHandle: m.ReceiptHandle }),
        );
      }
    }
  })();

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    /** The WebSocket API's management endpoint (WEBSOCKET_ENDPOINT). */
    websocketEndpoint: `${origin}/${STAGE}`,
    /** Every request that reached the gateway, as "METHOD /path". */
    seen,
    close: async () => {
      pumping = false;
      for (const socket of sockets.values()) socket.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await pump;
    },
  };
}

function readBody(stream: NodeJS.ReadableStream): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('end', () => resolve(Buffer.concat(chunks)));
    stream.on('error', reject);
  });
}

function httpEvent(req: http.IncomingMessage, url: URL, body: Buffer, id?: string): APIGatewayProxyEventV2 {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(',') : value;
  }
  const method = req.method ?? 'GET';
  return {
    version: '2.0',
    routeKey: `${method} ${url.pathname}`,
    rawPath: url.pathname,
    rawQueryString: url.search.slice(1),
    headers,
    pathParameters: id ? { id } : undefined,
    requestContext: {
      accountId: '123456789012',
      apiId: 'local',
      domainName: url.host,
      domainPrefix: 'local',
      http: {
        method,
        path: url.pathname,
        protocol: 'HTTP/1.1',
        sourceIp: '127.0.0.1',
        userAgent: headers['user-agent'] ?? '',
      },
      requestId: randomUUID(),
      routeKey: `${method} ${url.pathname}`,
      stage: '$default',
      time: new Date().toUTCString(),
      timeEpoch: Date.now(),
    },
    // Binary-safe, as API Gateway passes a body it does not know as text.
    body: body.length > 0 ? body.toString('base64') : undefined,
    isBase64Encoded: body.length > 0,
  };
}
