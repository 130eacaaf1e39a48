import { isReadError, ReaderPool } from '@passport-reader/reader';
import type { ExtractOutcome, Extractor } from '../ports.js';
import { scanError } from '../scans/error-messages.js';

/** The built-in offline MRZ reader, in a pool of worker threads. */
export class ReaderExtractor implements Extractor {
  private readonly pool: ReaderPool;

  constructor(threads: number) {
    this.pool = new ReaderPool({ threads });
  }

  /** Every thread loads the model and warms up, so the first scan after start-up waits for neither. */
  async warm(): Promise<void> {
    await this.pool.warm();
  }

  async extract(bytes: Uint8Array, { deadline }: { deadline?: number } = {}): Promise<ExtractOutcome> {
    try {
      return { ok: true, result: await this.pool.read(bytes, undefined, deadline) };
    } catch (error) {
      if (isReadError(error)) return { ok: false, error: scanError(error.code, error.diagnostics) };
      throw error;
    }
  }

  async close(): Promise<void> {
    await this.pool.close();
  }
}
