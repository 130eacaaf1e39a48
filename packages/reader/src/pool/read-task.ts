import { isReadError, ReadDeadlineExceeded } from '../errors.js';
import { readDocument, type ReadOptions } from '../read-document.js';
import { loadRecogniser } from '../recognise/node-recogniser.js';
import type { Recogniser } from '../recognise/recogniser.js';
import type { ReadResult } from '@passport-reader/contract';
import type { ReadDiagnostics } from '@passport-reader/contract';
import { warmUp } from '../warm-up.js';

/** What crosses the thread boundary: plain data, since class instances do not survive cloning. */
export type ReadTaskOutcome =
  | { ok: true; result: ReadResult }
  | { ok: false; code: string; message: string; diagnostics?: ReadDiagnostics }
  | { ok: false; deadlineExceeded: true };

export type ReadTask =
  { warmUp: true } | { warmUp?: false; bytes: Uint8Array; today?: Date; deadline?: number };

/**
 * One recogniser per thread, loaded and warmed as the thread starts (piscina imports this module
 * then), so that the first scan pays neither. A warm-up that fails costs only speed.
 */
const ready: Promise<Recogniser> = loadRecogniser({ threads: 1, eager: true }).then(async (recogniser) => {
  await warmUp(recogniser).catch(() => undefined);
  return recogniser;
});
// A model that cannot load is reported by every task that needs it, not as an unhandled rejection.
ready.catch(() => undefined);

/** Worker-thread entry: reads one image; a warm-up task only waits for the thread to be ready. */
export default async function readTask(task: ReadTask): Promise<ReadTaskOutcome | null> {
  const recogniser = await ready;
  if (task.warmUp) return null;
  const options: ReadOptions = { today: task.today, deadline: task.deadline };
  try {
    return { ok: true, result: await readDocument(task.bytes, recogniser, options) };
  } catch (error) {
    if (isReadError(error))
      return { ok: false, code: error.code, message: error.message, diagnostics: error.diagnostics };
    if (error instanceof ReadDeadlineExceeded) return { ok: false, deadlineExceeded: true };
    throw error;
  }
}
