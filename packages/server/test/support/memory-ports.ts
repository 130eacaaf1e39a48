import { Readable } from 'node:stream';
import { AppError } from '../../src/errors.js';
import type {
  JobHandler,
  JobQueue,
  Notifier,
  ObjectStore,
  ScanEvent,
  ScanJob,
  ScanOutcome,
  ScanRecord,
  ScanRepository,
  ScanStatus,
} from '../../src/ports.js';
import type { PresignedUpload, UploadSlots } from '../../src/scans/direct-upload-scans.js';
import { scanError } from '../../src/scans/error-messages.js';

/**
 * The ports in memory, for fast tests of the use cases. Each behaves as its real adapter does
 * (the ScanRepository contract test runs against this one and Postgres alike).
 */

export class MemoryObjectStore implements ObjectStore {
  readonly objects = new Map<string, Uint8Array>();
  /** Set to make the next writes fail as a full disk would. */
  failWrites = false;

  async put(key: string, body: Uint8Array | Readable): Promise<void> {
    const chunks: Uint8Array[] = [];
    if (body instanceof Uint8Array) chunks.push(body);
    else for await (const chunk of body) chunks.push(chunk as Uint8Array);
    if (this.failWrites) throw new Error('ENOSPC: no space left on device');
    this.objects.set(key, Buffer.concat(chunks));
  }

  async get(key: string): Promise<Uint8Array> {
    const bytes = this.objects.get(key);
    if (!bytes) throw new AppError('IMAGE_NOT_FOUND', 'No such object.');
    return bytes;
  }

  async delete(key: string): Promise<void> {
    this.objects.delete(key);
  }

  async ping(): Promise<void> {}
  async close(): Promise<void> {}
}

export class MemoryQueue implements JobQueue {
  readonly jobs: ScanJob[] = [];
  failEnqueue = false;

  async enqueue(job: ScanJob): Promise<void> {
    if (this.failEnqueue) throw new Error('connection refused');
    this.jobs.push(job);
  }

  async work(_handler: JobHandler, _concurrency: number): Promise<void> {}
  async stopWorking(): Promise<void> {}
  async depth(): Promise<number> {
    return this.jobs.length;
  }
  async ping(): Promise<void> {}
  async close(): Promise<void> {}
}

export class MemoryNotifier implements Notifier {
  readonly published: ScanEvent[] = [];
  private readonly listeners = new Set<(event: ScanEvent) => void>();

  async publish(event: ScanEvent): Promise<void> {
    this.published.push(event);
    for (const listener of this.listeners) listener(event);
  }

  subscribe(listener: (event: ScanEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async close(): Promise<void> {}
}

interface Row extends ScanRecord {
  attempts: number;
  updatedAt: Date;
}

const UNFINISHED: readonly ScanStatus[] = ['queued', 'processing'];

export class MemoryScanRepository implements ScanRepository {
  private readonly rows = new Map<string, Row>();

  /** Moves a scan's creation and last change back in time (what the sweeps look at). */
  age(id: string, ms: { created?: number; updated?: number }): void {
    const row = this.rows.get(id)!;
    if (ms.created) row.createdAt = new Date(row.createdAt.getTime() - ms.created);
    if (ms.updated) row.updatedAt = new Date(row.updatedAt.getTime() - ms.updated);
  }

  async create(scan: { id: string; tokenHash: Buffer; imageKey: string }): Promise<void> {
    const now = new Date();
    this.rows.set(scan.id, {
      ...scan,
      status: 'queued',
      error: null,
      result: null,
      createdAt: now,
      completedAt: null,
      attempts: 0,
      updatedAt: now,
    });
  }

  async get(id: string): Promise<ScanRecord | null> {
    const row = this.rows.get(id);
    if (!row) return null;
    const { id: scanId, tokenHash, status, imageKey, error, result, createdAt, completedAt } = row;
    const copy = structuredClone({ id: scanId, status, imageKey, error, result, createdAt, completedAt });
    return { ...copy, tokenHash };
  }

  async markProcessing(id: string): Promise<boolean> {
    const row = this.rows.get(id);
    if (!row || !UNFINISHED.includes(row.status)) return false;
    Object.assign(row, { status: 'processing', attempts: row.attempts + 1, updatedAt: new Date() });
    return true;
  }

  async finish(id: string, outcome: ScanOutcome): Promise<boolean> {
    const row = this.rows.get(id);
    if (!row || !UNFINISHED.includes(row.status)) return false;
    const now = new Date();
    Object.assign(row, {
      status: outcome.status,
      // as Postgres keeps it: the code and diagnostics, the message the code's own
      error: outcome.status === 'failed' ? scanError(outcome.error.code, outcome.error.diagnostics) : null,
      result: outcome.status === 'done' ? structuredClone(outcome.result) : null,
      completedAt: now,
      updatedAt: now,
    });
    return true;
  }

  async delete(id: string): Promise<{ imageKey: string | null } | undefined> {
    const row = this.rows.get(id);
    if (!row) return undefined;
    this.rows.delete(id);
    return { imageKey: row.imageKey };
  }

  async withImagesOlderThan(before: Date, limit: number): Promise<{ id: string; imageKey: string }[]> {
    return this.sorted((r) => r.createdAt)
      .filter((r) => r.imageKey !== null && r.createdAt < before)
      .slice(0, limit)
      .map((r) => ({ id: r.id, imageKey: r.imageKey! }));
  }

  async clearImage(id: string, imageKey: string): Promise<void> {
    const row = this.rows.get(id);
    if (row?.imageKey === imageKey) Object.assign(row, { imageKey: null, updatedAt: new Date() });
  }

  async createdBefore(before: Date, limit: number): Promise<{ id: string; imageKey: string | null }[]> {
    return this.sorted((r) => r.createdAt)
      .filter((r) => r.createdAt < before)
      .slice(0, limit)
      .map((r) => ({ id: r.id, imageKey: r.imageKey }));
  }

  async abandoned(before: Date, minAttempts: number, limit: number): Promise<string[]> {
    return this.sorted((r) => r.updatedAt)
      .filter((r) => r.status === 'processing' && r.attempts >= minAttempts && r.updatedAt < before)
      .slice(0, limit)
      .map((r) => r.id);
  }

  async countByStatus(): Promise<Record<ScanStatus, number>> {
    const counts: Record<ScanStatus, number> = { queued: 0, processing: 0, done: 0, failed: 0 };
    for (const row of this.rows.values()) counts[row.status]++;
    return counts;
  }

  async ping(): Promise<void> {}

  private sorted(key: (row: Row) => Date): Row[] {
    return [...this.rows.values()].sort((a, b) => key(a).getTime() - key(b).getTime());
  }
}

/** Presigned uploads into the in-memory store: what "arrives" is whatever a test puts there. */
export class MemoryUploadSlots implements UploadSlots {
  constructor(private readonly store: MemoryObjectStore) {}

  async presign(imageKey: string): Promise<PresignedUpload> {
    return {
      method: 'PUT',
      url: `memory://${imageKey}`,
      headers: {},
      expiresAt: new Date(Date.now() + 60_000).toISOString(),
    };
  }

  async inspect(imageKey: string): Promise<{ size: number; head: Uint8Array } | null> {
    const bytes = this.store.objects.get(imageKey);
    return bytes ? { size: bytes.length, head: bytes.subarray(0, 16) } : null;
  }
}

export function memoryPorts() {
  return {
    store: new MemoryObjectStore(),
    queue: new MemoryQueue(),
    scans: new MemoryScanRepository(),
    notifier: new MemoryNotifier(),
  };
}
