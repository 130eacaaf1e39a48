import heicDecode from 'heic-decode';
import sharp, { type Metadata } from 'sharp';
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

const DECODABLE: ReadonlySet<ImageType> = new Set(['jpeg', 'png', 'webp', 'tiff', 'avif', 'gif', 'heic']);

export interface DecodedImage {
  type: ImageType;
  image: GreyImage;
}

/**
 * Decodes bytes into a grey image with the EXIF orientation applied and transparency flattened
 * onto white, after checking the declared size so a decompression bomb is refused before any
 * pixel is allocated.
 */
export async function decodeImage(
  bytes: Uint8Array,
  limits: DecodeLimits = DEFAULT_DECODE_LIMITS,
): Promise<DecodedImage> {
  if (bytes.length === 0) throw new ReadError('UNREADABLE_IMAGE', 'The file is empty.');
  if (bytes.length > limits.maxBytes) {
    throw new ReadError('TOO_LARGE', `The file is ${bytes.length} bytes; the limit is ${limits.maxBytes}.`);
  }
  const type = sniffImageType(bytes);
  if (type === null || !DECODABLE.has(type)) {
    throw new ReadError(
      'UNSUPPORTED_TYPE',
      type === null
        ? 'The file is not an image in a supported format (JPEG, PNG, WebP, TIFF, HEIC, AVIF, GIF).'
        : `${type.toUpperCase()} files are not supported; send a JPEG, PNG, WebP, TIFF or HEIC image.`,
    );
  }
  const input = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (type === 'heic') return { type, image: await decodeHeic(input, limits) };
  let metadata: Metadata;
  try {
    // Only the header is read here, so sharp's own pixel limit is lifted: ours is checked next, with a clearer error.
    metadata = await sharp(input, { limitInputPixels: false }).metadata();
  } catch (error) {
    throw unreadable(type, error);
  }
  const { width = 0, height = 0 } = metadata;
  if (width * height > limits.maxPixels) {
    throw new ReadError(
      'TOO_LARGE',
      `The image declares ${width}×${height} pixels; the limit is ${limits.maxPixels} pixels.`,
    );
  }
  try {
    const { data, info } = await sharp(input, { limitInputPixels: limits.maxPixels, failOn: 'error' })
      .rotate()
      .flatten({ background: '#ffffff' })
      .grayscale()
      .raw()
      .toBuffer({ resolveWithObject: true });
    if (info.channels !== 1) throw new Error(`expected 1 channel, got ${info.channels}`);
    return { type, image: { width: info.width, height: info.height, data: new Uint8Array(data) } };
  } catch (error) {
    throw unreadable(type, error);
  }
}

/**
 * HEIC (HEVC inside HEIF) through libheif compiled to WebAssembly: the prebuilt libvips in sharp
 * leaves HEVC out for patent reasons, and phones produce HEIC by default.
 */
async function decodeHeic(input: Buffer, limits: DecodeLimits): Promise<GreyImage> {
  let images: Awaited<ReturnType<typeof heicDecode.all>>;
  try {
    images = await heicDecode.all({ buffer: input });
  } catch (error) {
    throw unreadable('heic', error);
  }
  try {
    const [primary] = images;
    if (primary.width * primary.height > limits.maxPixels) {
      throw new ReadError(
        'TOO_LARGE',
        `The image declares ${primary.width}×${primary.height} pixels; the limit is ${limits.maxPixels} pixels.`,
      );
    }
    const { width, height, data } = await primary.decode();
    const grey = await sharp(Buffer.from(data.buffer, data.byteOffset, data.byteLength), {
      raw: { width, height, channels: 4 },
    })
      .flatten({ background: '#ffffff' })
      .grayscale()
      .raw()
      .toBuffer();
    return { width, height, data: new Uint8Array(grey) };
  } catch (error) {
    throw error instanceof ReadError ? error : unreadable('heic', error);
  } finally {
    images.dispose();
  }
}

function unreadable(type: ImageType, error: unknown): ReadError {
  const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
  return new ReadError(
    'UNREADABLE_IMAGE',
    `The ${type.toUpperCase()} image is corrupt or truncated (${reason}).`,
  );
}
