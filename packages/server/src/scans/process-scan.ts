import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from 'pino';
import { isAppError } from '../errors.js';
import type { Extractor, Notifier, ObjectStore, ReceivedJob, ScanOutcome, ScanRepository } from '../ports.js';
import { scanError } from './error-messages.js';

export interface ProcessScanDeps {
  store: ObjectStore;
  scans: ScanRepository;
  notifier: Notifier;
  extractor: Extractor;
  log: Logger;
  /** Called with the outcome and the read time, for metrics. */
  onOutcome?: (outcome: ScanOutcome['status'], code: string | null, seconds: number) => void;
  /** TEST ONLY (PASSPORT_READER_TEST_JOB_DELAY_MS): wait after claiming a job, to observe it in flight. */
  testDelayMs?: number;
  /**
   * How long an attempt may take (a little less than the queue's job timeout): then it is
   * cancelled, the read with it (at its next checkpoint), and fails like any infrastructure error
   * (retried, or PROCESSING_FAILED on the last attempt). Without it, the queue would start the job
   * again while the first attempt still ran.
   */
  attemptTimeoutMs?: number;
}

/**
 * The worker's use case. Idempotent: a redelivered job for a finished (or deleted) scan is acknowledged
 * without doing anything, and `finish` writes at most one outcome per scan.
 * A reader error (NO_MRZ, ...) is final; anything else is thrown for the queue to retry, and on the last
 * attempt the scan is failed with PROCESSING_FAILED.
 */
export function createScanProcessor(deps: ProcessScanDeps) {
  const { store, scans, notifier, extractor, log } = deps;

  /** False when another attempt (or the sweep) finished the scan first: then nothing is written. */
  async function finish(scanId: string, outcome: ScanOutcome): Promise<boolean> {
    if (!(await scans.finish(scanId, outcome))) return false;
    await notifier.publish({ scanId, status: outcome.status });
    return true;
  }

  return async function processScan(job: ReceivedJob): Promise<void> {
    const { scanId } = job.data;
    const jobLog = log.child({ scanId, attempt: job.attempt });
    if (!(await scans.markProcessing(scanId))) {
      jobLog.info('scan already finished or deleted; job acknowledged');
      return;
    }
    await notifier.publish({ scanId, status: 'processing' });
    const started = performance.now();
    const deadline = earliest(
      job.deadline,
      deps.attemptTimeoutMs ? Date.now() + deps.attemptTimeoutMs : undefined,
    );
    const pastDeadline = () => deadline !== undefined && Date.now() >= deadline;
    try {
      if (deps.testDelayMs) {
        await sleep(Math.min(deps.testDelayMs, deadline === undefined ? Infinity : deadline - Date.now()));
        if (pastDeadline()) throw new Error('the attempt passed its deadline');
      }
      const scan = await scans.get(scanId);
      if (!scan) return;
      if (!scan.imageKey) {
        await finish(scanId, {
          status: 'failed',
          error: scanError('IMAGE_NOT_FOUND'),
        });
        return;
      }
      let bytes: Uint8Array;
      try {
        bytes = await store.get(scan.imageKey);
      } catch (error) {
        if (!isAppError(error, 'IMAGE_NOT_FOUND')) throw error;
        await finish(scanId, {
          status: 'failed',
          error: scanError('IMAGE_NOT_FOUND'),
        });
        return;
      }
      const extracted = await extractor.extract(bytes, { deadline });
      const seconds = (performance.now() - started) / 1000;
      const outcome: ScanOutcome = extracted.ok
        ? { status: 'done', result: extracted.result }
        : { status: 'failed', error: extracted.error };
      // Counted and logged once per scan: only by the attempt whose outcome was written.
      if (!(await finish(scanId, outcome))) {
        jobLog.info('scan finished meanwhile by another attempt; this outcome is dropped');
        return;
      }
      deps.onOutcome?.(outcome.status, extracted.ok ? null : extracted.error.code, seconds);
      jobLog.info(
        { status: outcome.status, code: extracted.ok ? undefined : extracted.error.code, seconds },
        'scan processed',
      );
    } catch (error) {
      const code = pastDeadline()
        ? 'READ_TIMEOUT'
        : isAppError(error)
          ? error.code
          : ((error as { code?: string }).code ?? 'INTERNAL');
      // Infrastructure errors (database, store, model file) carry no personal data.
      const err = (error as Error).message?.slice(0, 300);
      if (job.attempt >= job.maxAttempts) {
        if (await finish(scanId, { status: 'failed', error: scanError('PROCESSING_FAILED') })) {
          jobLog.error({ code, err }, 'scan failed on its last attempt');
          deps.onOutcome?.('failed', 'PROCESSING_FAILED', (performance.now() - started) / 1000);
        }
        return;
      }
      jobLog.warn({ code, err }, 'scan attempt failed; will retry');
      throw error;
    }
  };
}

function earliest(a: number | undefined, b: number | undefined): number | undefined {
  return a === undefined ? b : b === undefined ? a : Math.min(a, b);
}

/** An attempt ends a tenth (at most ten seconds) before the queue would take the job back. */
export function attemptTimeoutMs(jobTimeoutSeconds: number): number {
  return Math.max(500, jobTimeoutSeconds * 1000 - Math.min(10_000, jobTimeoutSeconds * 100));
}
