import sharp, { type Channels, type Metadata, type Sharp } from 'sharp';
import { ReadError } from '../errors.js';
import {
  decodableType,
  DECODABLE_TYPES,
  DEFAULT_DECODE_LIMITS,
  type DecodedImage,
  type DecodeLimits,
  type Tone,
} from './decoded-image.js';
import { greyFromColour } from './grey-from-colour.js';
import type { GreyImage } from './grey-image.js';
import type { ImageType } from './sniff.js';

export { DECODABLE_TYPES, DEFAULT_DECODE_LIMITS, type DecodedImage, type DecodeLimits, type Tone };

/**
 * A JPEG whose larger side passes `aboveSide` (20 MP and more) may be decoded at a quarter of its
 * size, with the decoder's own DCT scaling (two to three times faster than decoding it whole;
 * scaling by half is not faster): the coarse searches look only at levels of at most 1800 px,
 * which a quarter still holds, and the reader decodes it whole only where a finer search or a
 * small MRZ needs it. Below that size a document a third of the frame wide would need the whole
 * image for its crops anyway, and decoding twice would cost more than it saves.
 */
export const SHRINK = { levels: 2, aboveSide: 4800 };

/**
 * Decodes bytes into a grey image with the EXIF orientation applied and transparency flattened
 * onto white, after checking the declared size so a decompression bomb is refused before any
 * pixel is allocated.
 */
export async function decodeImage(
  bytes: Uint8Array,
  limits: DecodeLimits = DEFAULT_DECODE_LIMITS,
  tone: Tone = 'luma',
  { shrink = false }: { shrink?: boolean } = {},
): Promise<DecodedImage> {
  const type = decodableType(bytes.length, bytes, limits);
  const input = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (type === 'heic') {
    const image = await decodeHeic(input, limits, tone);
    return { type, image, shrunk: 0, width: image.width, height: image.height };
  }
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
  // EXIF orientations 5–8 turn the image by a quarter: its sides swap.
  const [fullWidth, fullHeight] = (metadata.orientation ?? 1) >= 5 ? [height, width] : [width, height];
  const shrunk = shrink && type === 'jpeg' && Math.max(width, height) > SHRINK.aboveSide ? SHRINK.levels : 0;
  try {
    let pipeline = sharp(input, {
      limitInputPixels: limits.maxPixels,
      failOn: 'error',
      ignoreIcc: true,
    }).rotate();
    if (shrunk > 0) {
      // Exactly the size of the pyramid level it stands for (sides halved, rounded down, each time).
      pipeline = pipeline.resize({ width: fullWidth >> shrunk, height: fullHeight >> shrunk, fit: 'fill' });
    }
    pipeline = pipeline.flatten({ background: '#ffffff' });
    // A large photo decoded whole is decoded again for the other tone rather than kept in colour.
    const image =
      shrunk > 0 || Math.max(width, height) <= SHRINK.aboveSide
        ? greyOf(await colourOf(bytes, shrunk, pipeline), tone)
        : await toGrey(pipeline, tone);
    return { type, image, shrunk, width: fullWidth, height: fullHeight };
  } catch (error) {
    throw unreadable(type, error);
  }
}

/** Decoded colour pixels (sRGB), as libvips hands them over. */
interface Colour {
  data: Buffer;
  info: { width: number; height: number; channels: Channels };
}

/**
 * A photo's colour pixels, by its bytes and how far it was shrunk, while its bytes are kept: the
 * second tone is made from them instead of decoding the file again (a decode costs a 2 MP photo
 * tens of milliseconds; making grey from colour a few).
 */
const colours = new WeakMap<Uint8Array, Map<number, Promise<Colour>>>();

function colourOf(bytes: Uint8Array, shrunk: number, pipeline: Sharp): Promise<Colour> {
  let byShrink = colours.get(bytes);
  if (!byShrink) colours.set(bytes, (byShrink = new Map()));
  let colour = byShrink.get(shrunk);
  if (!colour) {
    colour = pipeline.toColourspace('srgb').raw().toBuffer({ resolveWithObject: true });
    byShrink.set(shrunk, colour);
  }
  return colour;
}

/**
 * HEIC (HEVC inside HEIF) through libheif compiled to WebAssembly: the prebuilt libvips in sharp
 * leaves HEVC out for patent reasons, and phones produce HEIC by default.
 */
async function decodeHeic(input: Buffer, limits: DecodeLimits, tone: Tone): Promise<GreyImage> {
  // Loaded on the first HEIC only: compiling the WebAssembly costs every other read ~70 ms at start.
  const { default: heicDecode } = await import('heic-decode');
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
    const pipeline = sharp(Buffer.from(data.buffer, data.byteOffset, data.byteLength), {
      raw: { width, height, channels: 4 },
    }).flatten({ background: '#ffffff' });
    return await toGrey(pipeline, tone);
  } catch (error) {
    throw error instanceof ReadError ? error : unreadable('heic', error);
  } finally {
    images.dispose();
  }
}

async function toGrey(pipeline: Sharp, tone: Tone): Promise<GreyImage> {
  if (tone === 'luma') {
    const { data, info } = await pipeline.grayscale().raw().toBuffer({ resolveWithObject: true });
    if (info.channels !== 1) throw new Error(`expected 1 channel, got ${info.channels}`);
    return { width: info.width, height: info.height, data: new Uint8Array(data) };
  }
  return greyOf(await pipeline.toColourspace('srgb').raw().toBuffer({ resolveWithObject: true }), tone);
}

function greyOf({ data, info }: Colour, tone: Tone): GreyImage {
  return greyFromColour(data, info.width, info.height, info.channels, tone);
}

function unreadable(type: ImageType, error: unknown): ReadError {
  const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
  return new ReadError(
    'UNREADABLE_IMAGE',
    `The ${type.toUpperCase()} image is corrupt or truncated (${reason}).`,
  );
}
