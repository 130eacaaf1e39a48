import { decodeImage } from './image/decode.js';
import { readImage, type ReadOptions } from './read-image.js';
import type { Recogniser } from './recognise/recogniser.js';
import type { ReadResult } from '@passport-reader/contract';

export type { ReadOptions };

/** Reads the MRZ of an image file's bytes in Node (decoded with sharp); see readImage. */
export function readDocument(
  bytes: Uint8Array,
  recogniser: Recogniser | Promise<Recogniser>,
  options: ReadOptions = {},
): Promise<ReadResult> {
  return readImage(bytes, decodeImage, recogniser, options);
}
