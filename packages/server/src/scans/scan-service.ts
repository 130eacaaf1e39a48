import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import type { CreatedScan } from '@passport-reader/contract';
import { AppError, isAppError } from '../errors.js';
import type { JobPublisher, Notifier, ObjectStore, ScanRepository } from '../ports.js';
import { checkedUpload } from './checked-upload.js';
import { scanError } from './error-messages.js';
import { toScanView, type ScanView } from './scan-view.js';
import { isAdminToken, newToken, tokenMatches } from './tokens.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface ScanServiceDeps {
  store: ObjectStore;
  queue: JobPublisher;
  scans: ScanRepository;
  notifier: Notifier;
  /** MAX_UPLOAD_BYTES: an upload is refused the moment it passes this. */
  maxUploadBytes: number;
  /** The operator's token (ADMIN_TOKEN), which may delete any scan. */
  adminToken?: string;
  /** Called for every refused token (counted: someone guessing shows as a rising rate). */
  onRefusedToken?: () => void;
}

/** An uploaded image in the store, not yet a scan (the rest of the request may still be refused). */
export interface ReceivedImage {
  id: string;
  imageKey: string;
  bytes: number;
}

export type { CreatedScan };

class UploadBodyError extends Error {
  constructor(readonly original: unknown) {
    super('the upload body failed');
  }
}

/** The upload's own error, also where a store's client wrapped it (AWS SDK) as a cause. */
function findCause(error: unknown): unknown {
  for (let e = error, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    if (e instanceof UploadBodyError || isAppError(e)) return e;
  }
  return error;
}

/** The API's use cases: accept an upload, show a scan to its token holder, delete it. */
export class ScanService {
  constructor(private readonly deps: ScanServiceDeps) {}

  /**
   * Streams an upload into the store as it arrives, checking its type from the first bytes and its
   * size as it goes; on any failure nothing is left in the store. Memory stays at a chunk per
   * upload however large the limit.
   */
  async receiveImage(body: AsyncIterable<Uint8Array>): Promise<ReceivedImage> {
    const id = randomUUID();
    // The key comes from the scan id only, never from the uploader's file name.
    const imageKey = `scans/${id}`;
    let bytes = 0;
    // The body's own failures (a client gone, a malformed form) are told apart from the store's.
    const fromClient = async function* () {
      try {
        for await (const chunk of body) {
          bytes += chunk.length;
          yield chunk;
        }
      } catch (error) {
        throw new UploadBodyError(error);
      }
    };
    try {
      await this.deps.store.put(
        imageKey,
        Readable.from(checkedUpload(fromClient(), this.deps.maxUploadBytes)),
      );
    } catch (error) {
      const cause = findCause(error);
      if (cause instanceof UploadBodyError) throw cause.original;
      if (isAppError(cause)) throw cause;
      // A full or read-only folder, an unreachable bucket: the service's fault, and passing.
      throw new AppError('STORE_UNAVAILABLE', undefined, { cause: error });
    }
    return { id, imageKey, bytes };
  }

  /** Removes an image received for a request that was then refused. */
  async dropImage(image: ReceivedImage): Promise<void> {
    await this.deps.store.delete(image.imageKey);
  }

  /** Makes a received image a scan: its row, its token and its job. */
  async create(image: ReceivedImage): Promise<CreatedScan> {
    const { id, imageKey } = image;
    const { token, hash } = newToken();
    await this.deps.scans.create({ id, tokenHash: hash, imageKey });
    try {
      await this.deps.queue.enqueue({ scanId: id });
    } catch (error) {
      await this.deps.scans.finish(id, {
        status: 'failed',
        error: scanError('QUEUE_UNAVAILABLE'),
      });
      throw new AppError('QUEUE_UNAVAILABLE', undefined, { cause: error });
    }
    return { id, token, status: 'queued' };
  }

  /** The scan if the token fits; null for a wrong token and for an unknown id alike. */
  async get(id: string, token: string | undefined): Promise<ScanView | null> {
    if (!UUID.test(id)) return null;
    const scan = await this.deps.scans.get(id);
    if (!tokenMatches(token, scan?.tokenHash) || !scan) {
      this.deps.onRefusedToken?.();
      return null;
    }
    return toScanView(scan);
  }

  /** Removes a scan no one holds the token of (its upload's client went away before the answer). */
  async discard(id: string): Promise<void> {
    const scan = await this.deps.scans.get(id);
    if (scan?.imageKey) await this.deps.store.delete(scan.imageKey);
    await this.deps.scans.delete(id);
  }

  /**
   * Removes the image and the personal data; false for a wrong token or unknown id. The
   * operator's token (ADMIN_TOKEN) deletes any scan.
   */
  async delete(id: string, token: string | undefined): Promise<boolean> {
    if (!UUID.test(id)) return false;
    const scan = await this.deps.scans.get(id);
    const allowed = tokenMatches(token, scan?.tokenHash) || isAdminToken(token, this.deps.adminToken);
    if (!allowed || !scan) {
      this.deps.onRefusedToken?.();
      return false;
    }
    if (scan.imageKey) await this.deps.store.delete(scan.imageKey);
    await this.deps.scans.delete(id);
    return true;
  }
}
