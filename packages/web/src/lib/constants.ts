/** Largest upload accepted, in bytes. Mirrors the server's default MAX_UPLOAD_BYTES (15 MiB). */
export const MAX_UPLOAD_BYTES = 15 * 1024 * 1024;

/** Image types the reader accepts, with the file extensions used when the browser gives no type. */
export const ACCEPTED_TYPES: Readonly<Record<string, readonly string[]>> = {
  'image/jpeg': ['.jpg', '.jpeg', '.jfif'],
  'image/png': ['.png'],
  'image/webp': ['.webp'],
  'image/tiff': ['.tif', '.tiff'],
  'image/heic': ['.heic'],
  'image/heif': ['.heif'],
};

/** Value for `<input type="file" accept>`. */
export const ACCEPT_ATTRIBUTE = Object.entries(ACCEPTED_TYPES)
  .flatMap(([type, exts]) => [type, ...exts])
  .join(',');

/** Key under which recent scans (id + token) are kept in localStorage. */
export const RECENT_SCANS_KEY = 'passport-reader:recent-scans';
/**
 * Recent scans listed on the page; older ones are kept (their tokens are the only way to delete
 * them) and counted under the list, and "Delete all my scans" reaches them too.
 */
export const RECENT_SCANS_SHOWN = 10;
