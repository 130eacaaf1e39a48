import type { FastifyInstance } from 'fastify';
import type { Registry } from 'prom-client';

export interface HealthChecks {
  database(): Promise<void>;
  queue(): Promise<void>;
  store(): Promise<void>;
}

/** A readiness check that has not answered in this long counts as down: a stalled database must not hang /readyz. */
export const CHECK_DEADLINE_MS = 2_000;

/** Rejects when `check` has not settled within `ms`. */
async function within<T>(check: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([check, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

/** /healthz (process up), /readyz (database, queue and store answer), /metrics (Prometheus). */
export async function healthRoutes(app: FastifyInstance, opts: { checks: HealthChecks; registry: Registry }) {
  app.get('/healthz', { schema: { summary: 'The process is up' } }, async () => ({ status: 'ok' }));

  app.get(
    '/readyz',
    { schema: { summary: 'Database, queue and object store answer' } },
    async (_request, reply) => {
      const results = await Promise.allSettled(
        [opts.checks.database, opts.checks.queue, opts.checks.store].map((check) =>
          within(check(), CHECK_DEADLINE_MS),
        ),
      );
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
