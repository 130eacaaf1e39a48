import type { Extractor, JobPublisher, JobQueue, ObjectStore } from '../ports.js';
import { FolderObjectStore } from './folder-object-store.js';
import { PgBossQueue, type PgBossQueueOptions } from './pg-boss-queue.js';
import { S3ObjectStore, type S3ObjectStoreOptions } from './s3-object-store.js';
import { SqsPublisher, type SqsPublisherOptions } from './sqs-publisher.js';
import { SqsQueue, type SqsQueueOptions } from './sqs-queue.js';

/**
 * Every adapter either entry point can run on, by the name its configuration gives it: the service
 * (composition.ts) and the Lambda functions (lambda/runtime.ts) build their store, queue and
 * extractor here and nowhere else.
 */

export type ObjectStoreChoice = { kind: 'folder'; dir: string } | ({ kind: 's3' } & S3ObjectStoreOptions);

export function createObjectStore(choice: ObjectStoreChoice): ObjectStore & { start?(): Promise<void> } {
  switch (choice.kind) {
    case 'folder':
      return new FolderObjectStore(choice.dir);
    case 's3':
      return new S3ObjectStore(choice);
  }
}

export type JobQueueChoice = ({ kind: 'pg-boss' } & PgBossQueueOptions) | ({ kind: 'sqs' } & SqsQueueOptions);

/** A queue this process consumes too (the service's worker role). */
export function createJobQueue(choice: JobQueueChoice): JobQueue & { start(): Promise<void> } {
  switch (choice.kind) {
    case 'pg-boss':
      return new PgBossQueue(choice);
    case 'sqs':
      return new SqsQueue(choice);
  }
}

/** A queue this process only sends to (a Lambda: its event source mapping does the receiving). */
export function createJobPublisher(
  choice: { kind: 'sqs' } & SqsPublisherOptions,
): SqsPublisher & JobPublisher {
  return new SqsPublisher(choice);
}

/**
 * `reader` (default), the built-in reader, in worker threads for a long-running worker or in
 * process for a Lambda (one scan per invocation, no threads to start); `textract`, Amazon Textract
 * AnalyzeID.
 */
export type ExtractorChoice =
  | { kind: 'reader'; threads: number | 'in-process'; modelPath?: string }
  | { kind: 'textract'; region: string; endpoint?: string };

/**
 * Loaded on demand: the reader brings ONNX Runtime and sharp, native modules that only a process
 * that extracts may load (the API Lambda's bundle must not; scripts/build-lambda.mjs checks).
 */
export async function createExtractor(choice: ExtractorChoice): Promise<Extractor> {
  switch (choice.kind) {
    case 'reader':
      if (choice.threads === 'in-process') {
        const { InProcessReaderExtractor } = await import('./in-process-reader-extractor.js');
        return new InProcessReaderExtractor({ modelPath: choice.modelPath });
      } else {
        const { ReaderExtractor } = await import('./reader-extractor.js');
        return new ReaderExtractor(choice.threads);
      }
    case 'textract': {
      const { TextractExtractor } = await import('./textract-extractor.js');
      return new TextractExtractor({ region: choice.region, endpoint: choice.endpoint });
    }
  }
}
