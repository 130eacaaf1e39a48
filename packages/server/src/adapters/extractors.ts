import type { Extractor } from '../ports.js';
import { InProcessReaderExtractor } from './in-process-reader-extractor.js';
import { ReaderExtractor } from './reader-extractor.js';
import { TextractExtractor } from './textract-extractor.js';

/**
 * The extractors, chosen by EXTRACTOR in both entry points: `reader` (default), the built-in
 * reader, in worker threads for a long-running worker or in process for a Lambda (one scan per
 * invocation, no threads to start); `textract`, Amazon Textract AnalyzeID.
 */
export type ExtractorChoice =
  | { kind: 'reader'; threads: number | 'in-process'; modelPath?: string }
  | { kind: 'textract'; region: string; endpoint?: string };

export function createExtractor(choice: ExtractorChoice): Extractor {
  switch (choice.kind) {
    case 'reader':
      return choice.threads === 'in-process'
        ? new InProcessReaderExtractor({ modelPath: choice.modelPath })
        : new ReaderExtractor(choice.threads);
    case 'textract':
      return new TextractExtractor({ region: choice.region, endpoint: choice.endpoint });
  }
}
