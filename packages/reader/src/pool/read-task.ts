import { isReadError } from '../errors.js';
import { readDocument, type ReadOptions } from '../read-document.js';
import { Recogniser } from '../recognise/recogniser.js';
import type { ReadResult } from '../result.js';
import type { ReadDiagnostics } from '../diagnostics.js';

/** What crosses the thread boundary: plain data, since class instances do not survive cloning. */
export type ReadTaskOutcome =
  | { ok: true; result: ReadResult }
  | { ok: false; code: string; message: string; diagnostics?: ReadDiagnostics };

export interface ReadTask {
  bytes: Uint8Array;
  today?: Date;
}

let recogniser: Promise<Recogniser> | undefined;

/** Worker-thread entry: one recogniser per thread, loaded on the first task. */
export default async function readTask({ bytes, today }: ReadTask): Promise<ReadTaskOutcome> {
  recogniser ??= Recogniser.load({ threads: 1 });
  const options: ReadOptions = { today };
  try {
    return { ok: true, result: await readDocument(bytes, await recogniser, options) };
  } catch (error) {
    if (isReadError(error))
      return { ok: false, code: error.code, message: error.message, diagnostics: error.diagnostics };
    throw error;
  }
}
