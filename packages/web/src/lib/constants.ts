import { DEFAULT_MAX_UPLOAD_BYTES, IMAGE_TYPES } from '@passport-reader/contract/images';

/** Largest upload accepted, in bytes: the server's default MAX_UPLOAD_BYTES. */
export const MAX_UPLOAD_BYTES = DEFAULT_MAX_UPLOAD_BYTES;

/** Value for `<input type="file" accept>`: the MIME types and, for browsers that give none, the name endings. */
export const ACCEPT_ATTRIBUTE = Object.values(IMAGE_TYPES)
  .flatMap((type) => [...type.mimeTypes, ...type.extensions])
  .join(',');

/** Key under which recent scans (id + token) are kept in localStorage. */
export const RECENT_SCANS_KEY = 'passport-reader:recent-scans';
/**
 * Recent scans listed on the page; older ones are kept (their tokens are the only way to delete
 * them) and counted under the list, and "Delete all my scans" reaches them too.
 */
export const RECENT_SCANS_SHOWN = 10;

/** Key under which the id of the scan being waited for is kept, to take it up again after a reload. */
export const IN_FLIGHT_KEY = 'passport-reader:in-flight';
