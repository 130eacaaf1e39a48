/**
 * The image types a scan may be, as the reader sniffs them from the bytes, with the MIME types
 * and file name endings a browser or a file system gives them. PDF, GIF and the rest are refused.
 */
export const IMAGE_TYPES = {
  jpeg: { label: 'JPEG', mimeTypes: ['image/jpeg'], extensions: ['.jpg', '.jpeg', '.jfif'] },
  png: { label: 'PNG', mimeTypes: ['image/png'], extensions: ['.png'] },
  webp: { label: 'WebP', mimeTypes: ['image/webp'], extensions: ['.webp'] },
  tiff: { label: 'TIFF', mimeTypes: ['image/tiff'], extensions: ['.tif', '.tiff'] },
  heic: { label: 'HEIC', mimeTypes: ['image/heic', 'image/heif'], extensions: ['.heic', '.heif'] },
  avif: { label: 'AVIF', mimeTypes: ['image/avif'], extensions: ['.avif'] },
} as const satisfies Record<
  string,
  { label: string; mimeTypes: readonly string[]; extensions: readonly string[] }
>;

export type AcceptedImageType = keyof typeof IMAGE_TYPES;

export const ACCEPTED_IMAGE_TYPES: ReadonlySet<string> = new Set(Object.keys(IMAGE_TYPES));

/** "JPEG, PNG, WebP, TIFF, HEIC or AVIF", for messages. */
export const ACCEPTED_IMAGE_TYPES_TEXT = ((labels: string[]) =>
  `${labels.slice(0, -1).join(', ')} or ${labels.at(-1)}`)(Object.values(IMAGE_TYPES).map((t) => t.label));

/** Largest upload by default (MAX_UPLOAD_BYTES): 15 MiB. */
export const DEFAULT_MAX_UPLOAD_BYTES = 15 * 1024 * 1024;

/** The accepted type a MIME type names (`image/heif` is HEIC), or null. */
export function imageTypeOfMime(mimeType: string): AcceptedImageType | null {
  const mime = mimeType.toLowerCase();
  const found = Object.entries(IMAGE_TYPES).find(([, t]) =>
    (t.mimeTypes as readonly string[]).includes(mime),
  );
  return found ? (found[0] as AcceptedImageType) : null;
}
