import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import { ReadError } from '../errors.js';

/**
 * The bytes of one image file, never more than `maxBytes` of them: a file that is too large is
 * refused from its size before it is read, and what is not a regular file (a folder, a FIFO, a
 * device such as /dev/zero) is refused before a byte is read, since it may never end. Opened
 * without blocking, so a FIFO with no writer cannot hang the run either.
 */
export async function readImageFile(file: string, maxBytes: number): Promise<Uint8Array> {
  let handle;
  try {
    handle = await open(file, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    throw cannotOpen(error);
  }
  try {
    const info = await handle.stat();
    if (!info.isFile()) {
      throw new ReadError(
        'UNREADABLE_IMAGE',
        info.isDirectory() ? 'This is a folder, not an image file.' : 'This is not a regular file.',
      );
    }
    if (info.size > maxBytes) {
      throw new ReadError('TOO_LARGE', `The file is ${info.size} bytes; the limit is ${maxBytes}.`);
    }
    // One byte beyond the limit is asked for, so a file that grew since its size was read is still refused.
    const buffer = Buffer.alloc(info.size + 1);
    let filled = 0;
    while (filled < buffer.length) {
      const { bytesRead } = await handle.read(buffer, filled, buffer.length - filled, filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
      if (filled > maxBytes) {
        throw new ReadError('TOO_LARGE', `The file is over ${maxBytes} bytes, the limit.`);
      }
    }
    return buffer.subarray(0, Math.min(filled, info.size));
  } catch (error) {
    throw error instanceof ReadError ? error : cannotOpen(error);
  } finally {
    await handle.close();
  }
}

function cannotOpen(error: unknown): ReadError {
  const e = error as NodeJS.ErrnoException;
  return new ReadError('UNREADABLE_IMAGE', `Cannot open the file (${e.code ?? e.message}).`);
}
