import { ACCEPTED_TYPES, MAX_UPLOAD_BYTES } from './constants';
import { formatBytes } from './format';

export type FileCheck =
  { ok: true } | { ok: false; code: 'UNSUPPORTED_TYPE' | 'TOO_LARGE' | 'EMPTY'; message: string };

interface FileLike {
  name: string;
  type: string;
  size: number;
}

function hasAcceptedType(file: FileLike): boolean {
  const type = file.type.toLowerCase();
  if (type && type in ACCEPTED_TYPES) return true;
  // Some browsers give HEIC/TIFF files no MIME type: fall back to the extension.
  const name = file.name.toLowerCase();
  return Object.values(ACCEPTED_TYPES).some((exts) => exts.some((ext) => name.endsWith(ext)));
}

/** Checks an image before it is uploaded, so a wrong file costs no upload. */
export function checkFile(file: FileLike, maxBytes: number = MAX_UPLOAD_BYTES): FileCheck {
  if (!hasAcceptedType(file)) {
    return {
      ok: false,
      code: 'UNSUPPORTED_TYPE',
      message: `“${file.name}” is not a photo we can read. Please choose a JPEG, PNG, WebP, TIFF or HEIC image.`,
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
    return { ok: false, code: 'EMPTY', message: `“${file.name}” is empty. Please choose another photo.` };
  }
  return { ok: true };
}
