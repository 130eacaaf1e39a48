import type { Readable } from 'node:stream';
import type { ReadResult, ScanError, ScanEvent, ScanJob, ScanStatus } from '@passport-reader/contract';

/** The small interfaces the use cases talk to; adapters implement them, composition.ts picks them. */

export type { ScanError, ScanEvent, ScanJob, ScanStatus };

export interface ObjectStore {
  /**
   * A stream is written as it arrives, never held whole; when it fails, nothing is left under the
   * key (or anywhere else) and the promise rejects with the stream's error.
   */
  put(key: string, body: Uint8Array | Readable): Promise<void>;
  /** Rejects with an AppError of code IMAGE_NOT_FOUND when the key is absent. */
  get(key: string): Promise<Uint8Array>;
  /** Deleting an absent key is not an error. */
  delete(key: string): Promise<void>;
  ping(): Promise<void>;
  close(): Promise<void>;
}

export interface ReceivedJob {
  data: ScanJob;
  /** 1 on first delivery. */
  attempt: number;
  maxAttempts: number;
  /**
   * Epoch ms by which this attempt must be over, when the delivery itself ends then (a Lambda
   * invocation); otherwise the worker's own attempt timeout applies.
   */
  deadline?: number;
}

/** Resolving acknowledges the job; rejecting has it redelivered later, with backoff, until maxAttempts. */
export type JobHandler = (job: ReceivedJob) => Promise<void>;

/** The sending half of a queue: all the use cases that create scans need. */
export interface JobPublisher {
  enqueue(job: ScanJob): Promise<void>;
  close(): Promise<void>;
}

/** A queue this process also consumes (the service's worker role). */
export interface JobQueue extends JobPublisher {
  /** Starts `concurrency` consumers. */
  work(handler: JobHandler, concurrency: number): Promise<void>;
  /** Stops taking new jobs and waits for those in flight. */
  stopWorking(): Promise<void>;
  /** Jobs waiting (not yet taken). */
  depth(): Promise<number>;
  ping(): Promise<void>;
}

export interface ScanRecord {
  id: string;
  tokenHash: Buffer;
  status: ScanStatus;
  imageKey: string | null;
  error: ScanError | null;
  result: ReadResult | null;
  createdAt: Date;
  completedAt: Date | null;
}

export type ScanOutcome = { status: 'done'; result: ReadResult } | { status: 'failed'; error: ScanError };

export interface ScanRepository {
  create(scan: { id: string; tokenHash: Buffer; imageKey: string }): Promise<void>;
  get(id: string): Promise<ScanRecord | null>;
  /** queued/processing → processing; false when the scan is finished or gone. */
  markProcessing(id: string): Promise<boolean>;
  /** Writes the outcome and the status in one transaction; false (and no write) if already finished or gone. */
  finish(id: string, outcome: ScanOutcome): Promise<boolean>;
  /** Deletes the scan and its result; returns its image key (if any) or undefined when there was no scan. */
  delete(id: string): Promise<{ imageKey: string | null } | undefined>;
  /** Scans created before `before` that still hold an image. */
  withImagesOlderThan(before: Date, limit: number): Promise<{ id: string; imageKey: string }[]>;
  clearImage(id: string, imageKey: string): Promise<void>;
  /** Scans created before `before`, oldest first, with their image key if they still hold one. */
  createdBefore(before: Date, limit: number): Promise<{ id: string; imageKey: string | null }[]>;
  /** Scans still processing after `minAttempts` attempts, the last started before `before`. */
  abandoned(before: Date, minAttempts: number, limit: number): Promise<string[]>;
  countByStatus(): Promise<Record<ScanStatus, number>>;
  ping(): Promise<void>;
}

export interface Notifier {
  publish(event: ScanEvent): Promise<void>;
  subscribe(listener: (event: ScanEvent) => void): () => void;
  close(): Promise<void>;
}

export type ExtractOutcome = { ok: true; result: ReadResult } | { ok: false; error: ScanError };

export interface Extractor {
  /** Resolves final outcomes (including "no MRZ"); rejects only on infrastructure errors (retried). */
  /** `deadline` (epoch ms): past it the extraction stops and rejects (an infrastructure failure, retried). */
  extract(bytes: Uint8Array, options?: { deadline?: number }): Promise<ExtractOutcome>;
  /** Loads what the first extraction would otherwise wait for (a model), where there is any. */
  warm?(): Promise<void>;
  close(): Promise<void>;
}
