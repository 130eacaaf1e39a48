import { sniffImageType } from '@passport-reader/reader/sniff';
import { AppError } from '../errors.js';
import { ACCEPTED_IMAGE_TYPES } from '@passport-reader/contract';

/** Enough bytes to tell every accepted type apart (the longest signature, ISO BMFF's brand, ends at 12). */
const SNIFF_BYTES = 16;

/**
 * An upload's bytes as they arrive, checked on the way: the type is sniffed from the first bytes
 * and refused before any byte is passed on, and the size is counted so that the stream fails the
 * moment it passes `maxBytes` (the store then discards what it had written). An empty body fails
 * at its end. Errors are AppErrors with the upload's codes.
 */
export async function* checkedUpload(
  body: AsyncIterable<Uint8Array>,
  maxBytes: number,
): AsyncGenerator<Uint8Array> {
  let head: Uint8Array[] = [];
  let headBytes = 0;
  let total = 0;
  for await (const chunk of body) {
    total += chunk.length;
    if (total > maxBytes) {
      throw new AppError('TOO_LARGE', `The file is larger than the upload limit (${maxBytes} bytes).`);
    }
    if (head.length === 0 && headBytes > 0) {
      yield chunk;
      continue;
    }
    head.push(chunk);
    headBytes += chunk.length;
    if (headBytes >= SNIFF_BYTES) {
      yield refuseUnlessAccepted(head);
      head = [];
    }
  }
  if (total === 0) throw new AppError('EMPTY_FILE');
  if (head.length > 0) yield refuseUnlessAccepted(head);
}

function refuseUnlessAccepted(chunks: Uint8Array[]): Uint8Array {
  const bytes = Buffer.concat(chunks);
  const type = sniffImageType(bytes);
  if (type === null || !ACCEPTED_IMAGE_TYPES.has(type)) {
    throw new AppError('UNSUPPORTED_TYPE');
  }
  return bytes;
}
