import { availableParallelism } from 'node:os';
import { Piscina } from 'piscina';
import { ReadDeadlineExceeded, ReadError, type ReadErrorCode } from '../errors.js';
import type { ReadResult } from '@passport-reader/contract';
import type { ReadTask, ReadTaskOutcome } from './read-task.js';

export interface ReaderPoolOptions {
  /** Worker threads; one per core by default, since reading is CPU-bound. */
  threads?: number;
}

/** Runs the reader in worker threads so a server's event loop never blocks on pixels. */
export class ReaderPool {
  private readonly piscina: Piscina<ReadTask, ReadTaskOutcome | null>;

  constructor(options: ReaderPoolOptions = {}) {
    const threads = options.threads ?? availableParallelism();
    this.piscina = new Piscina({
      // Resolved through dist/ so the same path works from the compiled module and from sources under test.
      filename: new URL('../../dist/pool/read-task.js', import.meta.url).href,
      minThreads: threads,
      maxThreads: threads,
    });
  }

  get threads(): number {
    return this.piscina.threads.length;
  }

  /** Resolves once every thread has loaded the model and warmed up (rejects if the model cannot load). */
  async warm(): Promise<void> {
    await Promise.all(Array.from({ length: this.threads }, () => this.piscina.run({ warmUp: true })));
  }

  /**
   * Reads one image; rejects with ReadError (contract codes) when there is no readable MRZ, and
   * with ReadDeadlineExceeded once `deadline` (epoch ms) has passed: the thread stops the read at
   * its next checkpoint (it is never ended from outside, see ReadOptions.deadline).
   */
  async read(bytes: Uint8Array, today?: Date, deadline?: number): Promise<ReadResult> {
    const outcome = (await this.piscina.run({ bytes, today, deadline }))!;
    if ('deadlineExceeded' in outcome) throw new ReadDeadlineExceeded();
    if (outcome.ok) return outcome.result;
    throw new ReadError(outcome.code as ReadErrorCode, outcome.message, outcome.diagnostics);
  }

  async close(): Promise<void> {
    await this.piscina.destroy();
  }
}
