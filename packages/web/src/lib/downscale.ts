/** JPEG quality of a photo made smaller: high enough that the code's characters keep their edges. */
const JPEG_QUALITY = 0.92;
/** Encodings tried before giving up. */
const ATTEMPTS = 6;
/** Aim a little under the limit: a JPEG's size follows its pixel count only roughly. */
const MARGIN = 0.9;

/**
 * The next scale to try when an encoding at `scale` came out `bytes` long: JPEG size grows about
 * with the pixel count, so the side shrinks with the square root (by 5 % at least, thanks to the margin).
 */
export function nextScale(scale: number, bytes: number, maxBytes: number): number {
  return scale * Math.sqrt((MARGIN * maxBytes) / bytes);
}

/** "IMG_1234.HEIC" → "IMG_1234.jpg". */
export function jpegName(name: string): string {
  const dot = name.lastIndexOf('.');
  return `${dot > 0 ? name.slice(0, dot) : name}.jpg`;
}

function encodeJpeg(image: ImageBitmap, scale: number): Promise<Blob | null> {
  const canvas = document.createElement('canvas');
  canvas.width = Math.max(1, Math.round(image.width * scale));
  canvas.height = Math.max(1, Math.round(image.height * scale));
  const context = canvas.getContext('2d');
  if (!context) return Promise.resolve(null);
  context.imageSmoothingQuality = 'high';
  context.drawImage(image, 0, 0, canvas.width, canvas.height);
  return new Promise((resolve) => canvas.toBlob(resolve, 'image/jpeg', JPEG_QUALITY));
}

/**
 * The photo re-encoded as a JPEG no larger than `maxBytes`, upright (its EXIF orientation applied),
 * or null when this browser cannot decode it (HEIC and TIFF in most) or it does not get small enough.
 */
export async function downscaleToFit(file: Blob & { name: string }, maxBytes: number): Promise<File | null> {
  let image: ImageBitmap;
  try {
    image = await createImageBitmap(file, { imageOrientation: 'from-image' });
  } catch {
    return null;
  }
  try {
    let scale = 1;
    for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
      const blob = await encodeJpeg(image, scale);
      if (!blob) return null;
      if (blob.size <= maxBytes) return new File([blob], jpegName(file.name), { type: 'image/jpeg' });
      scale = nextScale(scale, blob.size, maxBytes);
    }
    return null;
  } finally {
    image.close();
  }
}
