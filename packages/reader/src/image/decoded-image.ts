import type { GreyImage } from './grey-image.js';
import type { ImageType } from './sniff.js';

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
