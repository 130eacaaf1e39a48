import type { ImageType } from '@passport-reader/reader';

/** Types the reader decodes. PDF, GIF and the rest are refused before anything is stored. */
export const ACCEPTED_IMAGE_TYPES: ReadonlySet<ImageType> = new Set([
  'jpeg',
  'png',
  'webp',
  'tiff',
  'heic',
  'avif',
]);
