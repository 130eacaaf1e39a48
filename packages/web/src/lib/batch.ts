import type { CreatedScan, ScanView as Scan } from '@passport-reader/contract';
import type { UploadHandle } from './api';
import type { PreparedUpload } from './prepare-upload';

export type BatchItemState =
  'waiting' | 'uploading' | 'reading' | 'finished' | 'failed' | 'refused' | 'cancelled';

/** One photo of several chosen at once: each becomes a scan of its own. */
export interface BatchItem {
  name: string;
  state: BatchItemState;
  /** Once uploaded. */
  scanId?: string;
  /** Once read, or failed to be read. */
  scan?: Scan;
  /** Why it was refused or could not be sent. */
  message?: string;
}

/** What the runner needs from the page, so that it can be tested without one. */
export interface BatchSteps {
  prepare(file: File): Promise<PreparedUpload>;
  upload(file: File): UploadHandle;
  /** The scan exists on the server: the page keeps its token from now on. */
  created(file: File, created: CreatedScan): void;
  watch(id: string, token: string): { promise: Promise<Scan>; stop(): void };
  /** The scan is finished (read or not). */
  finished(id: string, scan: Scan): void;
}

export interface BatchRun {
  /** Stops after the photo in hand; what was uploaded stays listed, the rest is not sent. */
  cancel(): void;
  /** Settles once every photo has an outcome, or at once on cancel. */
  done: Promise<void>;
}

const UNSETTLED: readonly BatchItemState[] = ['waiting', 'uploading', 'reading'];

export function isSettled(item: BatchItem): boolean {
  return !UNSETTLED.includes(item.state);
}

/** Sends the photos one after the other, each read before the next is sent, and reports every change. */
export function runBatch(files: File[], steps: BatchSteps, onChange: (items: BatchItem[]) => void): BatchRun {
  let items: BatchItem[] = files.map((file) => ({ name: file.name, state: 'waiting' }));
  let cancelled = false;
  let stopCurrent: (() => void) | null = null;
  let endEarly: () => void = () => {};
  const ended = new Promise<void>((resolve) => (endEarly = resolve));
  const update = (index: number, patch: Partial<BatchItem>) => {
    items = items.map((item, i) => (i === index ? { ...item, ...patch } : item));
    onChange(items);
  };
  onChange(items);

  const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error));

  async function one(index: number): Promise<void> {
    const prepared = await steps.prepare(files[index]);
    if (cancelled) return;
    if (!prepared.ok) return update(index, { state: 'refused', message: prepared.message });
    update(index, { state: 'uploading' });
    const upload = steps.upload(prepared.file);
    stopCurrent = upload.abort;
    let created: CreatedScan;
    try {
      created = await upload.promise;
    } catch (error) {
      if (!cancelled) update(index, { state: 'failed', message: errorText(error) });
      return;
    }
    steps.created(prepared.file, created);
    if (cancelled) return;
    update(index, { state: 'reading', scanId: created.id });
    const watch = steps.watch(created.id, created.token);
    stopCurrent = watch.stop;
    try {
      const scan = await watch.promise;
      steps.finished(created.id, scan);
      if (!cancelled) update(index, { state: scan.status === 'done' ? 'finished' : 'failed', scan });
    } catch (error) {
      if (!cancelled) update(index, { state: 'failed', message: errorText(error) });
    }
  }

  const all = (async () => {
    for (let i = 0; i < files.length && !cancelled; i++) await one(i);
  })();

  return {
    cancel() {
      if (cancelled) return;
      cancelled = true;
      stopCurrent?.();
      items = items.map((item) => (isSettled(item) ? item : { ...item, state: 'cancelled' }));
      onChange(items);
      endEarly();
    },
    done: Promise.race([all, ended]),
  };
}
