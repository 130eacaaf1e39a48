import { isReadError, loadRecogniser, readDocument, type Recogniser } from '@passport-reader/reader';
import type { ExtractOutcome, Extractor } from '../ports.js';
import { scanError } from '../scans/error-messages.js';

/**
 * The built-in offline MRZ reader on the calling thread, for hosts that run one scan at a time (AWS
 * Lambda): no worker threads to spawn or bundle. The model loads once, on first use.
 */
export class InProcessReaderExtractor implements Extractor {
  private recogniser: Promise<Recogniser> | null = null;

  constructor(private readonly options: { modelPath?: string } = {}) {}

  /** Loads the model now (at cold start) rather than on the first scan. */
  async warm(): Promise<void> {
    await this.load();
  }

  private load(): Promise<Recogniser> {
    this.recogniser ??= loadRecogniser({ modelPath: this.options.modelPath, threads: 1, eager: true }).catch(
      (error) => {
        this.recogniser = null;
        throw error;
      },
    );
    return this.recogniser;
  }

  async extract(bytes: Uint8Array): Promise<ExtractOutcome> {
    const recogniser = await this.load();
    try {
      return { ok: true, result: await readDocument(bytes, recogniser) };
    } catch (error) {
      if (isReadError(error)) return { ok: false, error: scanError(error.code, error.diagnostics) };
      throw error;
    }
  }

  async close(): Promise<void> {
    const recogniser = await this.recogniser?.catch(() => null);
    await recogniser?.close();
    this.recogniser = null;
  }
}
