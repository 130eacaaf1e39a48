/**
 * The reader's own pipeline in a Web Worker, so reading never freezes the page: the browser
 * decodes, onnxruntime-web (WebAssembly, one thread) runs the same int8 models the server uses.
 * Everything it loads is served by the page itself; nothing leaves the device.
 */
import cellModelUrl from '@passport-reader/reader/models/mrz-ocr.int8.onnx?url';
import sequenceModelUrl from '@passport-reader/reader/models/mrz-sequence.int8.onnx?url';
import {
  isReadError,
  ReadDeadlineExceeded,
  readInBrowser,
  Recogniser,
} from '@passport-reader/reader/browser';
import * as ort from 'onnxruntime-web/wasm';
import wasmUrl from 'onnxruntime-web/ort-wasm-simd-threaded.wasm?url';
import type { ReaderAnswer, ReaderRequest } from './reader-messages';

// Threads would need a cross-origin isolated page (SharedArrayBuffer); the page is not, and one
// image at a time on one thread is what the camera's pace needs.
ort.env.wasm.numThreads = 1;
ort.env.wasm.wasmPaths = { wasm: wasmUrl };

const recogniser = Recogniser.create(ort, { cell: cellModelUrl, sequence: sequenceModelUrl });

const scope = self as unknown as {
  onmessage: ((event: MessageEvent<ReaderRequest>) => void) | null;
  postMessage(answer: ReaderAnswer): void;
};

async function answer(request: ReaderRequest): Promise<ReaderAnswer> {
  const started = performance.now();
  const ms = () => Math.round(performance.now() - started);
  const deadline = request.kind === 'frame' ? Date.now() + request.budgetMs : undefined;
  try {
    const result = await readInBrowser(request.image, recogniser, { deadline });
    return { id: request.id, ms: ms(), ok: true, result };
  } catch (error) {
    if (error instanceof ReadDeadlineExceeded) return { id: request.id, ms: ms(), ok: false, timedOut: true };
    if (isReadError(error)) {
      const { code, message, diagnostics } = error;
      return { id: request.id, ms: ms(), ok: false, error: { code, message, diagnostics } };
    }
    throw error;
  } finally {
    if (request.kind === 'frame') request.image.close();
  }
}

// One read at a time: the page sends the next frame only after this one's answer.
scope.onmessage = (event) => {
  void answer(event.data).then(
    (reply) => scope.postMessage(reply),
    (error: unknown) =>
      scope.postMessage({
        id: event.data.id,
        ms: 0,
        ok: false,
        error: {
          code: 'PROCESSING_FAILED',
          message: `The reader on this device stopped: ${error instanceof Error ? error.message : String(error)}`,
        },
      }),
  );
};
