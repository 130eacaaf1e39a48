/**
 * The reader in a browser (a Web Worker): the same pipeline as in Node, with images decoded by the
 * browser (image/browser-decode.ts) and the models run by the ONNX runtime the caller passes in
 * (onnxruntime-web). Nothing here touches Node.
 */
import { decodeInBrowser, type BrowserImage } from './image/browser-decode.js';
import { readImage, type ReadOptions } from './read-image.js';
import type { Recogniser } from './recognise/recogniser.js';
import type { ReadResult } from '@passport-reader/contract';

export {
  Recogniser,
  type OnnxRuntime,
  type RecogniserModels,
  type RecogniserOptions,
} from './recognise/recogniser.js';
export { ReadDeadlineExceeded, ReadError, isReadError, type ReadErrorCode } from './errors.js';
export { DEFAULT_DECODE_LIMITS, type DecodeLimits } from './image/decoded-image.js';
export type { BrowserImage, ReadOptions };

/** Reads the MRZ of an image file or a camera frame in the browser; see readImage. */
export function readInBrowser(
  image: BrowserImage,
  recogniser: Recogniser | Promise<Recogniser>,
  options: ReadOptions = {},
): Promise<ReadResult> {
  return readImage(image, decodeInBrowser, recogniser, options);
}
