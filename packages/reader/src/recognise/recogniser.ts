import { fileURLToPath } from 'node:url';
import * as ort from 'onnxruntime-node';
import { MRZ_ALPHABET, type LineCandidates } from '@passport-reader/mrz';
import { CELL_WIDTH, CROP_HEIGHT } from '../rectify/line-crop.js';

/** The OCR-B line model shipped in the repository (packages/reader/training rebuilds it). */
export const DEFAULT_MODEL_PATH = fileURLToPath(new URL('../../models/mrz-ocr.onnx', import.meta.url));

/** Candidates kept per character: enough for the corrector's confusions, few enough to search. */
const CANDIDATES_PER_CHAR = 4;
const MIN_CANDIDATE_P = 0.002;

export interface RecogniserOptions {
  modelPath?: string;
  /** Threads ONNX Runtime may use inside one inference; 1 in worker pools, where parallelism is across images. */
  threads?: number;
}

/** Reads rectified line crops (see rectify/line-crop) into per-character candidates. */
export class Recogniser {
  private constructor(private readonly session: ort.InferenceSession) {}

  static async load(options: RecogniserOptions = {}): Promise<Recogniser> {
    const session = await ort.InferenceSession.create(options.modelPath ?? DEFAULT_MODEL_PATH, {
      intraOpNumThreads: options.threads ?? 1,
      interOpNumThreads: 1,
      executionMode: 'sequential',
      graphOptimizationLevel: 'all',
    });
    return new Recogniser(session);
  }

  /** Recognises crops that all have `cells` character cells, in one batch. */
  async recognise(crops: Float32Array[], cells: number): Promise<LineCandidates[]> {
    if (crops.length === 0) return [];
    const width = CELL_WIDTH * cells;
    const batch = new Float32Array(crops.length * width * CROP_HEIGHT);
    crops.forEach((crop, i) => batch.set(crop, i * width * CROP_HEIGHT));
    const input = new ort.Tensor('float32', batch, [crops.length, 1, CROP_HEIGHT, width]);
    const output = await this.session.run({ image: input });
    const logits = output.logits.data as Float32Array;
    const classes = MRZ_ALPHABET.length;
    return crops.map((_, b) =>
      Array.from({ length: cells }, (_, i) => candidates(logits, (b * cells + i) * classes, classes)),
    );
  }

  async close(): Promise<void> {
    await this.session.release();
  }
}

function candidates(logits: Float32Array, offset: number, classes: number): LineCandidates[number] {
  let max = -Infinity;
  for (let k = 0; k < classes; k++) max = Math.max(max, logits[offset + k]);
  // The few likeliest classes by insertion: sorting all 37 per character was a measurable share of a read.
  const top: number[] = [];
  const p = new Float64Array(classes);
  let sum = 0;
  for (let k = 0; k < classes; k++) {
    sum += p[k] = Math.exp(logits[offset + k] - max);
    if (top.length === CANDIDATES_PER_CHAR && p[k] <= p[top[top.length - 1]]) continue;
    let at = top.length;
    while (at > 0 && p[top[at - 1]] < p[k]) at--;
    top.splice(at, 0, k);
    if (top.length > CANDIDATES_PER_CHAR) top.pop();
  }
  return top
    .filter((k, rank) => rank === 0 || p[k] / sum >= MIN_CANDIDATE_P)
    .map((k) => ({ char: MRZ_ALPHABET[k], p: p[k] / sum }));
}
