import { AppError } from '../errors.js';
import { SNIFF_BYTES, sizeRefusal, typeRefusal } from './upload-policy.js';

/**
 * An upload's bytes as they arrive, checked on the way (upload-policy.ts): the type is sniffed
 * from the first bytes and refused before any byte is passed on, and the size is counted so that
 * the stream fails the moment it passes `maxBytes` (the store then discards what it had written).
 * An empty body fails at its end. Errors are AppErrors with the upload's codes.
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
    if (sizeRefusal(total, maxBytes) === 'TOO_LARGE') {
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
  if (sizeRefusal(total, maxBytes) === 'EMPTY_FILE') throw new AppError('EMPTY_FILE');
  if (head.length > 0) yield refuseUnlessAccepted(head);
}

function refuseUnlessAccepted(chunks: Uint8Array[]): Uint8Array {
  const bytes = Buffer.concat(chunks);
  const refusal = typeRefusal(bytes);
  if (refusal) throw new AppError(refusal);
  return bytes;
}
