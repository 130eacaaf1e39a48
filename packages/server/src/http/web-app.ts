import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { pathUnder } from './path-prefix.js';

/** packages/web/dist, found from both src/http (tsx, vitest) and dist/http (built). */
export const DEFAULT_WEB_ROOT = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../web/dist',
);

/** Paths that belong to the service, never to the web app: unknown ones stay JSON 404s. */
const SERVICE_PREFIXES = ['/api', '/ws', '/docs', '/metrics', '/healthz', '/readyz'];

/**
 * Serves the uploader (packages/web production build) at `/`, with a single-page-app fallback to
 * index.html for other GET paths outside the service's own. Does nothing when the web app is not built.
 */
export async function webAppRoutes(app: FastifyInstance, opts: { root?: string } = {}): Promise<void> {
  const root = opts.root ?? DEFAULT_WEB_ROOT;
  if (!existsSync(path.join(root, 'index.html'))) {
    app.log.warn('web app not built (npm run build -w packages/web): not serving it at /');
    return;
  }
  await app.register(fastifyStatic, {
    root,
    serve: false, // only reply.sendFile: the route below decides what each path gets
    // The build writes .br and .gz copies of its scripts, styles and WebAssembly (packages/web/vite.config.ts).
    preCompressed: true,
    setHeaders(reply, filePath) {
      // Vite puts a content hash in every asset name; index.html must always be revalidated.
      reply.header(
        'Cache-Control',
        filePath.includes(`${path.sep}assets${path.sep}`)
          ? 'public, max-age=31536000, immutable'
          : 'no-cache',
      );
    },
  });
  app.get('/*', { schema: { hide: true } }, (request, reply) => {
    if (pathUnder(request.url, SERVICE_PREFIXES)) return reply.callNotFound();
    let pathname: string;
    try {
      pathname = decodeURIComponent(request.url.split('?', 1)[0]);
    } catch {
      return reply.callNotFound();
    }
    // A file name (has an extension) is served from the build, or 404s; any other path is an app route.
    const last = pathname.slice(pathname.lastIndexOf('/') + 1);
    return reply.sendFile(last.includes('.') ? pathname : 'index.html');
  });
}
