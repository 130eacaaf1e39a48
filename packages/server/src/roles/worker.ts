import type { Logger } from 'pino';
import type { ServiceMetrics } from '../metrics.js';
import type { Extractor, JobQueue, Notifier, ObjectStore, ScanRepository } from '../ports.js';
import { attemptTimeoutMs, createScanProcessor } from '../scans/process-scan.js';
import { failAbandonedScans } from '../scans/abandoned-scans.js';
import { sweepExpiredImages, sweepExpiredScans } from '../scans/retention.js';

export interface WorkerDeps {
  store: ObjectStore;
  queue: JobQueue;
  scans: ScanRepository;
  notifier: Notifier;
  extractor: Extractor;
  metrics: ServiceMetrics;
  log: Logger;
  concurrency: number;
  retentionHours: number;
  /** Whole scans older than this are deleted; 0 keeps them until DELETE. */
  resultRetentionHours: number;
  retentionSweepSeconds: number;
  testDelayMs: number;
  /** The queue's job timeout: an attempt is cancelled a little before it. */
  jobTimeoutSeconds: number;
  maxAttempts: number;
}

/** The worker role: consumes scan jobs and runs the image retention sweep on a timer. */
export async function startWorker(deps: WorkerDeps): Promise<{ stop(): Promise<void> }> {
  const log = deps.log.child({ component: 'worker' });
  const processScan = createScanProcessor({
    store: deps.store,
    scans: deps.scans,
    notifier: deps.notifier,
    extractor: deps.extractor,
    log,
    onOutcome: (outcome, code, seconds) => deps.metrics.observeOutcome(outcome, code, seconds),
    testDelayMs: deps.testDelayMs,
    attemptTimeoutMs: attemptTimeoutMs(deps.jobTimeoutSeconds),
  });
  if (deps.testDelayMs > 0)
    log.warn({ ms: deps.testDelayMs }, 'PASSPORT_READER_TEST_JOB_DELAY_MS is set (test only)');
  await deps.queue.work(processScan, deps.concurrency);

  let sweeping: Promise<unknown> = Promise.resolve();
  const sweep = () => {
    sweeping = Promise.all([
      sweepExpiredImages(deps, deps.retentionHours).catch((error: Error) =>
        log.error({ err: error.message }, 'retention sweep failed'),
      ),
      sweepExpiredScans(deps, deps.resultRetentionHours).catch((error: Error) =>
        log.error({ err: error.message }, 'result retention sweep failed'),
      ),
      failAbandonedScans(deps, deps).catch((error: Error) =>
        log.error({ err: error.message }, 'abandoned-scan sweep failed'),
      ),
    ]);
  };
  sweep();
  const timer = setInterval(sweep, deps.retentionSweepSeconds * 1000);
  timer.unref();
  log.info({ concurrency: deps.concurrency }, 'worker started');

  return {
    async stop() {
      clearInterval(timer);
      await deps.queue.stopWorking();
      await sweeping;
      log.info('worker drained');
    },
  };
}
