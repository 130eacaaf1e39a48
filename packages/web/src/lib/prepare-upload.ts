import { downscaleToFit } from './downscale';
import { checkFile } from './validate-file';

export type PreparedUpload = { ok: true; file: File } | { ok: false; message: string };

/**
 * The file to upload for a chosen photo: the photo itself when the server takes it, a smaller JPEG
 * made in the browser when it is over the server's limit, or why it cannot be sent.
 */
export async function prepareUpload(
  file: File,
  maxBytes: number,
  shrink: (file: File, maxBytes: number) => Promise<File | null> = downscaleToFit,
): Promise<PreparedUpload> {
  const check = checkFile(file, maxBytes);
  if (check.ok) return { ok: true, file };
  if (check.code !== 'TOO_LARGE') return { ok: false, message: check.message };
  const smaller = await shrink(file, maxBytes);
  return smaller
    ? { ok: true, file: smaller }
    : { ok: false, message: `${check.message} This browser could not make it smaller.` };
}
