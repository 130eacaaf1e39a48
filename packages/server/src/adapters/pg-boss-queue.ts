import PgBoss from 'pg-boss';
import type { Logger } from 'pino';
import { scanJob } from '@passport-reader/contract';
import type { JobHandler, JobQueue, ScanJob } from '../ports.js';

export interface PgBossQueueOptions {
  connectionString: string;
  schema: string;
  queueName?: string;
  maxAttempts: number;
  retryDelaySeconds: number;
  /** A job active longer than this (a crashed worker) is failed and retried. */
  timeoutSeconds: number;
  pollIntervalMs: number;
  log: Logger;
}

/** Durable job queue in Postgres (pg-boss), on the service's own database by default. */
export class PgBossQueue implements JobQueue {
  private readonly boss: PgBoss;
  private readonly name: string;
  private inFlight = 0;
  private working = false;
  /** This process's consumers, and whether each is running a job. */
  private readonly consumers: Array<{ id?: string; busy: boolean }> = [];
  private closing = false;

  constructor(private readonly options: PgBossQueueOptions) {
    this.name = options.queueName ?? 'scan';
    this.boss = new PgBoss({
      connectionString: options.connectionString,
      schema: options.schema,
      max: 4,
      application_name: 'passport-reader-queue',
      // How often expired (crashed) jobs are found; at most half the job timeout.
      maintenanceIntervalSeconds: Math.max(1, Math.min(60, Math.floor(options.timeoutSeconds / 2))),
      monitorStateIntervalSeconds: 60,
    });
    this.boss.on('error', (error: Error & { code?: string }) => {
      // 57P01: the server is shutting down (embedded Postgres stops last); not worth an error line.
      if (this.closing && error.code === '57P01') return;
      options.log.error({ code: error.code, err: error.message }, 'queue error');
    });
  }

  async start(): Promise<void> {
    await this.boss.start();
    const queueOptions = {
      name: this.name,
      retryLimit: this.options.maxAttempts - 1,
      retryDelay: this.options.retryDelaySeconds,
      retryBackoff: this.options.retryDelaySeconds > 0,
      expireInSeconds: this.options.timeoutSeconds,
    };
    if (await this.boss.getQueue(this.name)) await this.boss.updateQueue(this.name, queueOptions);
    else
      await this.boss.createQueue(this.name, queueOptions).catch(async (error: unknown) => {
        // Another process created it at the same moment.
        if (!(await this.boss.getQueue(this.name))) throw error;
      });
  }

  async enqueue(job: ScanJob): Promise<void> {
    const id = await this.boss.send(this.name, job);
    if (!id) throw new Error('The queue did not accept the job.');
    // An idle consumer here would otherwise find the job only at its next poll (up to
    // QUEUE_POLL_INTERVAL_MS later, several times the read itself); consumers of other
    // processes still poll.
    for (const consumer of this.consumers)
      if (!consumer.busy && consumer.id) this.boss.notifyWorker(consumer.id);
  }

  async work(handler: JobHandler, concurrency: number): Promise<void> {
    this.working = true;
    const maxAttempts = this.options.maxAttempts;
    for (let i = 0; i < concurrency; i++) {
      // Filled in after registering: the first job may in principle start before work() returns.
      const worker: { id?: string; busy: boolean } = { busy: false };
      this.consumers.push(worker);
      worker.id = await this.boss.work<ScanJob>(
        this.name,
        { batchSize: 1, includeMetadata: true, pollingIntervalSeconds: this.options.pollIntervalMs / 1000 },
        async ([job]) => {
          this.inFlight++;
          worker.busy = true;
          try {
            // Failed like any attempt when it is not a scan job (pg-boss keeps it, failed, after the last).
            const data = scanJob.parse(job.data);
            await handler({ data, attempt: job.retryCount + 1, maxAttempts });
          } finally {
            this.inFlight--;
            worker.busy = false;
            // pg-boss waits out the polling interval after every job, even with a backlog; a job
            // shorter than the interval would cap each consumer at one job per interval.
            if (worker.id) this.boss.notifyWorker(worker.id);
          }
        },
      );
    }
  }

  async stopWorking(): Promise<void> {
    if (!this.working) return;
    this.working = false;
    this.consumers.length = 0;
    await this.boss.offWork(this.name);
    // offWork does not wait; a worker may be between fetching a job and running it, so settle twice.
    for (let quiet = 0; quiet < 3;) {
      await new Promise((r) => setTimeout(r, 100));
      quiet = this.inFlight === 0 ? quiet + 1 : 0;
    }
  }

  async depth(): Promise<number> {
    return this.boss.getQueueSize(this.name);
  }

  async ping(): Promise<void> {
    await this.boss.getQueueSize(this.name);
  }

  async close(): Promise<void> {
    this.closing = true;
    await this.stopWorking();
    await this.boss.stop({ graceful: true, wait: true, timeout: 30_000 });
  }
}
