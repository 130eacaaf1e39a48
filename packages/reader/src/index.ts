export { readDocument, type ReadOptions } from './read-document.js';
export { readImage } from './read-image.js';
export { Recogniser, type RecogniserOptions } from './recognise/recogniser.js';
export {
  loadRecogniser,
  DEFAULT_MODEL_PATH,
  type NodeRecogniserOptions,
} from './recognise/node-recogniser.js';
export { ReadDeadlineExceeded, ReadError, isReadError, type ReadErrorCode } from './errors.js';
export { DEFAULT_DECODE_LIMITS, type DecodeLimits } from './image/decoded-image.js';
export { sniffImageType, type ImageType } from './image/sniff.js';
export type {
  DiagnosticHint,
  FieldConfidence,
  MrzRegion,
  ReadDiagnostics,
  ReadResult,
  ReadTimings,
} from '@passport-reader/contract';
export { ReaderPool, type ReaderPoolOptions } from './pool/reader-pool.js';
export { main as readerCli } from './cli/main.js';
