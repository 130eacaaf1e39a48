import { randomUUID } from 'node:crypto';
import { imageTypeOfMime, type CreatedDirectScan, type PresignedUpload } from '@passport-reader/contract';
import { AppError } from '../errors.js';
import type { JobPublisher, Notifier, ObjectStore, ScanRepository } from '../ports.js';
import { scanError } from './error-messages.js';
import { newToken } from './tokens.js';
import { sizeRefusal, typeRefusal } from './upload-policy.js';

export type { PresignedUpload };

/** Where uploads go straight from the client (S3 presigned POST or PUT), and what arrived there. */
export interface UploadSlots {
  presign(
    imageKey: string,
    limits: { contentType: string; contentLength?: number; maxBytes: number },
  ): Promise<PresignedUpload>;
  /** Size and first bytes of an uploaded object; null when it is not there. */
  inspect(imageKey: string): Promise<{ size: number; head: Uint8Array } | null>;
}

export interface DirectUploadDeps {
  store: ObjectStore;
  queue: JobPublisher;
  scans: ScanRepository;
  notifier: Notifier;
  uploads: UploadSlots;
  maxUploadBytes: number;
}

/** The contract's createdDirectScan: the API Lambda answers it as it is. */
export type CreatedDirectUpload = CreatedDirectScan;

export type UploadVerdict = 'enqueued' | 'rejected' | 'ignored';

/**
 * Scans whose image the client uploads straight to the object store (the AWS deployment: images never
 * pass through Lambda). `create` makes the scan row and its token and hands out a presigned upload;
 * `accept`, on the store's upload event, checks what arrived (size, sniffed type) with the same rules as
 * ScanService.create and queues the scan. Reading, tokens, get and delete are ScanService's, unchanged.
 */
export class DirectUploadScans {
  constructor(private readonly deps: DirectUploadDeps) {}

  async create(request: { contentType?: string; contentLength?: number }): Promise<CreatedDirectUpload> {
    // The announced type only decides what is presigned; what arrives is sniffed again (accept).
    const contentType = (request.contentType ?? '').toLowerCase();
    if (!imageTypeOfMime(contentType)) throw new AppError('UNSUPPORTED_TYPE');
    if (request.contentLength !== undefined) {
      if (!Number.isInteger(request.contentLength) || request.contentLength <= 0)
        throw new AppError('EMPTY_FILE');
      if (request.contentLength > this.deps.maxUploadBytes) throw new AppError('TOO_LARGE');
    }
    const id = randomUUID();
    const { token, hash } = newToken();
    const imageKey = `scans/${id}`;
    await this.deps.scans.create({ id, tokenHash: hash, imageKey });
    const upload = await this.deps.uploads.presign(imageKey, {
      contentType,
      contentLength: request.contentLength,
      maxBytes: this.deps.maxUploadBytes,
    });
    return { id, token, status: 'queued', upload };
  }

  /** Called once per upload event (events may repeat): validates the object and queues its scan. */
  async accept(imageKey: string): Promise<UploadVerdict> {
    const match = /^scans\/([0-9a-f-]{36})$/i.exec(imageKey);
    if (!match) return 'ignored';
    const scanId = match[1];
    const scan = await this.deps.scans.get(scanId);
    if (!scan) {
      // The scan was deleted before its image arrived: the image must not stay.
      await this.deps.store.delete(imageKey);
      return 'ignored';
    }
    if (scan.status !== 'queued' || scan.imageKey !== imageKey) return 'ignored';
    const object = await this.deps.uploads.inspect(imageKey);
    if (!object) return 'ignored';
    const refusal = sizeRefusal(object.size, this.deps.maxUploadBytes) ?? typeRefusal(object.head);
    if (refusal) return this.reject(scanId, imageKey, refusal);
    await this.deps.queue.enqueue({ scanId });
    return 'enqueued';
  }

  private async reject(scanId: string, imageKey: string, code: string): Promise<UploadVerdict> {
    await this.deps.store.delete(imageKey);
    await this.deps.scans.clearImage(scanId, imageKey);
    if (
      await this.deps.scans.finish(scanId, {
        status: 'failed',
        error: scanError(code),
      })
    ) {
      await this.deps.notifier.publish({ scanId, status: 'failed' });
    }
    return 'rejected';
  }
}
