import { randomUUID } from 'node:crypto';
import { sniffImageType, type ImageType } from '@passport-reader/reader';
import { AppError } from '../errors.js';
import type { JobQueue, Notifier, ObjectStore, ScanRepository } from '../ports.js';
import { toScanView, type ScanView } from './scan-view.js';
import { isAdminToken, newToken, tokenMatches } from './tokens.js';

/** Types the reader decodes. PDF, GIF and the rest are refused before anything is stored. */
export const ACCEPTED: ReadonlySet<ImageType> = new Set(['jpeg', 'png', 'webp', 'tiff', 'heic', 'avif']);

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface ScanServiceDeps {
  store: ObjectStore;
  queue: JobQueue;
  scans: ScanRepository;
  notifier: Notifier;
  /** The operator's token (ADMIN_TOKEN), which may delete any scan. */
  adminToken?: string;
  /** Called for every refused token (counted: someone guessing shows as a rising rate). */
  onRefusedToken?: () => void;
}

export interface CreatedScan {
  id: string;
  token: string;
  status: 'queued';
}

/** The API's use cases: accept an upload, show a scan to its token holder, delete it. */
export class ScanService {
  constructor(private readonly deps: ScanServiceDeps) {}

  async create(bytes: Uint8Array): Promise<CreatedScan> {
    if (bytes.length === 0) throw new AppError('EMPTY_FILE', 'The uploaded file is empty.');
    const type = sniffImageType(bytes);
    if (type === null || !ACCEPTED.has(type)) {
      throw new AppError('UNSUPPORTED_TYPE', 'Upload a JPEG, PNG, WebP, TIFF or HEIC image.');
    }
    const id = randomUUID();
    const { token, hash } = newToken();
    // The key comes from the scan id only, never from the uploader's file name.
    const imageKey = `scans/${id}`;
    try {
      await this.deps.store.put(imageKey, bytes);
    } catch (error) {
      // A full or read-only folder, an unreachable bucket: the service's fault, and passing.
      throw new AppError('STORE_UNAVAILABLE', 'The image could not be stored; try again later.', {
        cause: error,
      });
    }
    await this.deps.scans.create({ id, tokenHash: hash, imageKey });
    try {
      await this.deps.queue.enqueue({ scanId: id });
    } catch (error) {
      await this.deps.scans.finish(id, {
        status: 'failed',
        error: { code: 'QUEUE_UNAVAILABLE', message: 'The scan could not be queued.' },
      });
      throw new AppError('QUEUE_UNAVAILABLE', 'The scan could not be queued; try again.', { cause: error });
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
