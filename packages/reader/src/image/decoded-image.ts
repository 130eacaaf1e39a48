import { ACCEPTED_IMAGE_TYPES_TEXT } from '@passport-reader/contract/images';
import { ReadError } from '../errors.js';
import type { GreyImage } from './grey-image.js';
import { sniffImageType, type ImageType } from './sniff.js';

export interface DecodeLimits {
  /** Largest accepted file, in bytes. */
  maxBytes: number;
  /** Largest accepted image, in pixels (width × height as declared by the header). */
  maxPixels: number;
}

/** 100 MP admits 35-megapixel camera images with margin, and caps memory at roughly 100 MB per grey copy. */
export const DEFAULT_DECODE_LIMITS: DecodeLimits = { maxBytes: 50 * 1024 * 1024, maxPixels: 100_000_000 };

/** The types the reader decodes (GIF only as a still; PDF not at all). */
export const DECODABLE_TYPES: ReadonlySet<ImageType> = new Set([
  'jpeg',
  'png',
  'webp',
  'tiff',
  'avif',
  'gif',
  'heic',
]);

/**
 * The checks every decoder makes before decoding a byte: not empty, within the size limit, and a
 * type the reader decodes, told by the file's first bytes (`head`); the type, or a ReadError.
 */
export function decodableType(size: number, head: Uint8Array, limits: DecodeLimits): ImageType {
  if (size === 0) throw new ReadError('UNREADABLE_IMAGE', 'The file is empty.');
  if (size > limits.maxBytes) {
    throw new ReadError('TOO_LARGE', `The file is ${size} bytes; the limit is ${limits.maxBytes}.`);
  }
  const type = sniffImageType(head);
  if (type === null || !DECODABLE_TYPES.has(type)) {
    throw new ReadError(
      'UNSUPPORTED_TYPE',
      type === null
        ? 'The file is not an image in a supported format (JPEG, PNG, WebP, TIFF, HEIC, AVIF, GIF).'
        : `${type.toUpperCase()} files are not supported; send a ${ACCEPTED_IMAGE_TYPES_TEXT} image.`,
    );
  }
  return type;
}

/**
 * How colour becomes grey. `luma` is the eye's brightness. `brightest` is the brightest of red,
 * green and blue: black or dark blue ink stays dark in it while coloured print (a red stamp, a
 * blue guilloche, a highlighter) turns almost as light as the paper.
 */
export type Tone = 'luma' | 'brightest';

export interface DecodedImage {
  /** The file's type; `pixels` for a frame handed over already decoded (a camera frame in the browser). */
  type: ImageType | 'pixels';
  image: GreyImage;
  /** The image is the original halved this many times (a large JPEG decoded shrunk); 0 when whole. */
  shrunk: number;
  /** The original's size, after EXIF orientation. */
  width: number;
  height: number;
}

/**
 * Turns the reader's input into a grey image in one tone, upright (EXIF orientation applied) and
 * with transparency flattened onto white; throws ReadError (TOO_LARGE, UNSUPPORTED_TYPE,
 * UNREADABLE_IMAGE) for input it cannot take. `shrink` allows a decoder to return a large image
 * halved (see DecodedImage.shrunk), to be decoded whole later only where needed. The one part of
 * the pipeline that differs between Node (image/decode.ts, sharp) and the browser
 * (image/browser-decode.ts, createImageBitmap).
 */
export type ImageDecoder<Source> = (
  source: Source,
  limits: DecodeLimits,
  tone: Tone,
  options?: { shrink?: boolean },
) => Promise<DecodedImage>;
