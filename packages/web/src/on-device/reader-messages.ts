import type { ReadResult, ScanError } from '@passport-reader/contract';

/** What the page asks the on-device reader: a photo file, or a camera frame to read within a time budget. */
export type ReaderRequest =
  | { id: number; kind: 'file'; image: Blob }
  | { id: number; kind: 'frame'; image: ImageBitmap; budgetMs: number };

/**
 * The reader's answer: the result or the same error a scan would end with; `timedOut` for a frame
 * whose budget ran out before the read finished (a frame with no MRZ in it, usually).
 */
export type ReaderAnswer = { id: number; ms: number } & (
  { ok: true; result: ReadResult } | { ok: false; error: ScanError } | { ok: false; timedOut: true }
);
