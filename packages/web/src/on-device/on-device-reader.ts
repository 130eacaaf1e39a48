import type { ReaderAnswer, ReaderRequest } from './reader-messages';

type Pending = (answer: ReaderAnswer) => void;

/** Each kind of request without its id (distributed over the kinds): the reader numbers them. */
type WithoutId<T> = T extends unknown ? Omit<T, 'id'> : never;
type Request = WithoutId<ReaderRequest>;

/**
 * The page's side of the on-device reader: one worker (started on first use, so the page does not
 * load the models until someone reads on the device or opens the camera), requests answered in
 * order. A camera frame is handed over, not copied.
 */
export class OnDeviceReader {
  private worker: Worker | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();

  read(request: Request): Promise<ReaderAnswer> {
    const worker = this.start();
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      const message = { ...request, id } as ReaderRequest;
      worker.postMessage(message, message.kind === 'frame' ? [message.image] : []);
    });
  }

  /** Ends the worker; reads still waiting are answered as failed. */
  stop(): void {
    this.worker?.terminate();
    this.worker = null;
    for (const [id, resolve] of this.pending) {
      resolve({
        id,
        ms: 0,
        ok: false,
        error: { code: 'PROCESSING_FAILED', message: 'The reading was stopped.' },
      });
    }
    this.pending.clear();
  }

  private start(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(new URL('./reader.worker.ts', import.meta.url), {
      type: 'module',
      name: 'on-device reader',
    });
    worker.onmessage = (event: MessageEvent<ReaderAnswer>) => {
      const resolve = this.pending.get(event.data.id);
      this.pending.delete(event.data.id);
      resolve?.(event.data);
    };
    worker.onerror = (event) => {
      event.preventDefault();
      const message = `The reader on this device could not start${event.message ? `: ${event.message}` : ''}.`;
      for (const [id, resolve] of this.pending) {
        resolve({ id, ms: 0, ok: false, error: { code: 'PROCESSING_FAILED', message } });
      }
      this.pending.clear();
      this.worker = null;
      worker.terminate();
    };
    this.worker = worker;
    return worker;
  }
}

/** One reader for the page: the worker and its loaded models are shared by the camera and the picker. */
export const onDeviceReader = new OnDeviceReader();
