import type { FastifyInstance } from 'fastify';
import type { Registry } from 'prom-client';

export interface HealthChecks {
  database(): Promise<void>;
  queue(): Promise<void>;
  store(): Promise<void>;
}

/** /healthz (process up), /readyz (database, queue and store answer), /metrics (Prometheus). */
export async function healthRoutes(app: FastifyInstance, opts: { checks: HealthChecks; registry: Registry }) {
  app.get('/healthz', { schema: { summary: 'The process is up' } }, async () => ({ status: 'ok' }));

  app.get(
    '/readyz',
    { schema: { summary: 'Database, queue and object store answer' } },
    async (_request, reply) => {
      const results = await Promise.allSettled([
        opts.checks.database(),
        opts.checks.queue(),
        opts.checks.store(),
      ]);
      const [database, queue, store] = results.map((r) => (r.status === 'fulfilled' ? 'ok' : 'down'));
      const ready = results.every((r) => r.status === 'fulfilled');
      return reply
        .status(ready ? 200 : 503)
        .send({ status: ready ? 'ok' : 'unavailable', database, queue, store });
    },
  );

  app.get('/metrics', { schema: { summary: 'Prometheus metrics', hide: true } }, async (_request, reply) => {
    const body = await opts.registry.metrics();
    return reply.type(opts.registry.contentType).send(body);
  });
}
