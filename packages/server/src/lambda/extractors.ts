import { InProcessReaderExtractor } from '../adapters/in-process-reader-extractor.js';
import { TextractExtractor } from '../adapters/textract-extractor.js';
import type { Extractor } from '../ports.js';
import type { LambdaConfig } from './config.js';

/**
 * EXTRACTOR=reader (default): the built-in reader, in process. EXTRACTOR=textract: Amazon Textract
 * AnalyzeID. Only the extract function imports this module, so only it loads the OCR model and its
 * native runtime.
 */
export function createExtractorFor(config: LambdaConfig): Extractor {
  switch (config.EXTRACTOR) {
    case 'reader':
      return new InProcessReaderExtractor({ modelPath: config.MODEL_PATH });
    case 'textract':
      return new TextractExtractor({ region: config.AWS_REGION, endpoint: config.TEXTRACT_ENDPOINT });
  }
}
