import { ACCEPTED_IMAGE_TYPES_TEXT, IMAGE_TYPES } from '@passport-reader/contract/images';
import type { RequestErrorCode } from '@passport-reader/contract/errors';
import { MAX_UPLOAD_BYTES } from './constants';
import { formatBytes } from './format';

export type FileCheck =
  | { ok: true }
  | {
      ok: false;
      code: Extract<RequestErrorCode, 'UNSUPPORTED_TYPE' | 'TOO_LARGE' | 'EMPTY_FILE'>;
      message: string;
    };

interface FileLike {
  name: string;
  type: string;
  size: number;
}

function hasAcceptedType(file: FileLike): boolean {
  const type = file.type.toLowerCase();
  const types = Object.values(IMAGE_TYPES);
  if (type && types.some((t) => (t.mimeTypes as readonly string[]).includes(type))) return true;
  // Some browsers give HEIC/TIFF files no MIME type: fall back to the extension.
  const name = file.name.toLowerCase();
  return types.some((t) => t.extensions.some((ext) => name.endsWith(ext)));
}

/** Checks an image before it is uploaded, so a wrong file costs no upload. */
export function checkFile(file: FileLike, maxBytes: number = MAX_UPLOAD_BYTES): FileCheck {
  if (!hasAcceptedType(file)) {
    return {
      ok: false,
      code: 'UNSUPPORTED_TYPE',
      message: `“${file.name}” is not a photo we can read. Please choose a ${ACCEPTED_IMAGE_TYPES_TEXT} image.`,
    };
  }
  if (file.size > maxBytes) {
    return {
      ok: false,
      code: 'TOO_LARGE',
      message: `This photo is ${formatBytes(file.size)}, larger than the ${formatBytes(maxBytes)} limit. Please choose a smaller photo, or take it again at a lower resolution.`,
    };
  }
  if (file.size === 0) {
    return {
      ok: false,
      code: 'EMPTY_FILE',
      message: `“${file.name}” is empty. Please choose another photo.`,
    };
  }
  return { ok: true };
}
