import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { JobQueue, ScanRepository } from './ports.js';

export interface ServiceMetrics {
  registry: Registry;
  observeOutcome(outcome: 'done' | 'failed', code: string | null, seconds: number): void;
  /** A request named a scan with a token that does not open it (or a scan that does not exist). */
  observeRefusedToken(): void;
}

/** Prometheus metrics: queue depth and scans by status (read at scrape time), outcomes and read latency. */
export function createMetrics(deps: { queue: JobQueue; scans: ScanRepository }): ServiceMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  new Gauge({
    name: 'passport_reader_queue_depth',
    help: 'Scan jobs waiting in the queue.',
    registers: [registry],
    async collect() {
      this.set(await deps.queue.depth().catch(() => -1));
    },
  });
  new Gauge({
    name: 'passport_reader_scans',
    help: 'Scans in the database by status.',
    labelNames: ['status'],
    registers: [registry],
    async collect() {
      const counts = await deps.scans.countByStatus().catch(() => null);
      if (!counts) return;
      for (const [status, n] of Object.entries(counts)) this.set({ status }, n);
    },
  });
  const outcomes = new Counter({
    name: 'passport_reader_scan_outcomes_total',
    help: 'Scans finished by this process, by outcome and error code.',
    labelNames: ['outcome', 'code'],
    registers: [registry],
  });
  const latency = new Histogram({
    name: 'passport_reader_read_seconds',
    help: 'Time to load and read one image in a worker.',
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30],
    registers: [registry],
  });
  const refused = new Counter({
    name: 'passport_reader_refused_tokens_total',
    help: 'Scan reads, deletes and sockets refused for a wrong or missing token, or an unknown scan.',
    registers: [registry],
  });
  return {
    registry,
    observeRefusedToken: () => refused.inc(),
    observeOutcome(outcome, code, seconds) {
      outcomes.inc({ outcome, code: code ?? '' });
      latency.observe(seconds);
    },
  };
}
