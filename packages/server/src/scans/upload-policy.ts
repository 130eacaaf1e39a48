import { ACCEPTED_IMAGE_TYPES, type RequestErrorCode } from '@passport-reader/contract';
import { sniffImageType } from '@passport-reader/reader/sniff';

/**
 * The rules every upload meets, however it arrives (a multipart stream to this service, or a
 * presigned upload straight to the bucket): not empty, within the limit, and an accepted image
 * type as sniffed from its first bytes, never from its name or declared type.
 */
export type UploadRefusal = Extract<RequestErrorCode, 'EMPTY_FILE' | 'TOO_LARGE' | 'UNSUPPORTED_TYPE'>;

/** Enough bytes to tell every accepted type apart (the longest signature, ISO BMFF's brand, ends at 12). */
export const SNIFF_BYTES = 16;

export function sizeRefusal(size: number, maxBytes: number): UploadRefusal | null {
  if (size === 0) return 'EMPTY_FILE';
  return size > maxBytes ? 'TOO_LARGE' : null;
}

/** `head`: the upload's first SNIFF_BYTES bytes (or all of it, when shorter). */
export function typeRefusal(head: Uint8Array): UploadRefusal | null {
  const type = sniffImageType(head);
  return type !== null && ACCEPTED_IMAGE_TYPES.has(type) ? null : 'UNSUPPORTED_TYPE';
}
