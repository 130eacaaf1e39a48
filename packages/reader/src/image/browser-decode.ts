import { ReadError } from '../errors.js';
import { decodableType, type DecodedImage, type DecodeLimits, type Tone } from './decoded-image.js';
import { greyFromColour } from './grey-from-colour.js';
import type { ImageType } from './sniff.js';

/** What the browser reader takes: an image file, or a frame already decoded (a camera frame). */
export type BrowserImage = Blob | ImageBitmap;

interface Pixels {
  type: ImageType | 'pixels';
  width: number;
  height: number;
  rgba: Uint8ClampedArray;
}

/**
 * The decoded pixels of each source, kept while the source is: the pipeline asks for a second
 * tone of the same photo, which should not decode the file again.
 */
const decoded = new WeakMap<BrowserImage, Promise<Pixels>>();

/**
 * The browser's image decoder for the reader's pipeline (see ImageDecoder): the browser's own
 * codecs through createImageBitmap, EXIF orientation applied, transparency flattened onto white on
 * an OffscreenCanvas, then grey as the Node decoder makes it. Always decodes whole (`shrunk` 0):
 * the photos a phone takes fit in memory, and halving them is the pyramid's job.
 */
export async function decodeInBrowser(
  source: BrowserImage,
  limits: DecodeLimits,
  tone: Tone,
): Promise<DecodedImage> {
  let pixels = decoded.get(source);
  if (!pixels) {
    pixels = pixelsOf(source, limits);
    decoded.set(source, pixels);
  }
  const { type, width, height, rgba } = await pixels;
  return { type, image: greyFromColour(rgba, width, height, 4, tone), shrunk: 0, width, height };
}

async function pixelsOf(source: BrowserImage, limits: DecodeLimits): Promise<Pixels> {
  if (!(source instanceof Blob)) return { type: 'pixels', ...flatten(source, limits) };
  const head = new Uint8Array(await source.slice(0, 64).arrayBuffer());
  const type = decodableType(source.size, head, limits);
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(source, { imageOrientation: 'from-image' });
  } catch {
    throw new ReadError(
      'UNREADABLE_IMAGE',
      `This browser cannot decode this ${type.toUpperCase()} image (or it is corrupt): send it to be read on the server instead.`,
    );
  }
  try {
    return { type, ...flatten(bitmap, limits) };
  } finally {
    bitmap.close();
  }
}

function flatten(bitmap: ImageBitmap, limits: DecodeLimits): Omit<Pixels, 'type'> {
  const { width, height } = bitmap;
  if (width * height > limits.maxPixels) {
    throw new ReadError(
      'TOO_LARGE',
      `The image is ${width}×${height} pixels; the limit is ${limits.maxPixels} pixels.`,
    );
  }
  const canvas = new OffscreenCanvas(width, height);
  const context = canvas.getContext('2d', { willReadFrequently: true });
  if (!context)
    throw new ReadError('UNREADABLE_IMAGE', 'This browser gave no canvas to decode the image on.');
  context.fillStyle = '#ffffff';
  context.fillRect(0, 0, width, height);
  context.drawImage(bitmap, 0, 0);
  return { width, height, rgba: context.getImageData(0, 0, width, height).data };
}
