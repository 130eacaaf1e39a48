import { fileURLToPath } from 'node:url';
import * as ort from 'onnxruntime-node';
import { MRZ_ALPHABET, type LineCandidates } from '@passport-reader/mrz';
import { CELL_WIDTH, CROP_HEIGHT } from '../rectify/line-crop.js';
import { topCandidates } from './candidates.js';
import { SEQUENCE_CLASSES } from './exact-length-ctc.js';

/** The sequence model's reading of one strip: per frame, the probabilities of 37 characters and the blank. */
export interface StripFrames {
  probs: Float32Array;
  frames: number;
}

/**
 * The cell model shipped in the repository, in its int8 form (training/quantize.py makes it from
 * mrz-ocr.onnx, which training/train.py rebuilds): a sixth faster end to end, with the same
 * readings of the specimens.
 */
export const DEFAULT_MODEL_PATH = fileURLToPath(new URL('../../models/mrz-ocr.int8.onnx', import.meta.url));
/** The sequence (CTC) model beside it, which reads a line without knowing where its cells are. */
export const DEFAULT_SEQUENCE_MODEL_PATH = fileURLToPath(
  new URL('../../models/mrz-sequence.int8.onnx', import.meta.url),
);

export interface RecogniserOptions {
  modelPath?: string;
  sequenceModelPath?: string;
  /** Threads ONNX Runtime may use inside one inference; 1 in worker pools, where parallelism is across images. */
  threads?: number;
  /**
   * Create the sequence model's session now rather than at its first use. Most images never need
   * it (5 of the 42 specimens), so a one-shot process (the CLI) leaves it until asked; a service
   * thread loads it up front so no scan waits for it.
   */
  eager?: boolean;
}

/** Reads rectified line crops (see rectify/line-crop) into per-character candidates. */
export class Recogniser {
  private sequenceSession: Promise<ort.InferenceSession> | undefined;

  private constructor(
    private readonly session: ort.InferenceSession,
    private readonly loadSequence: () => Promise<ort.InferenceSession>,
  ) {}

  static async load(options: RecogniserOptions = {}): Promise<Recogniser> {
    const settings: ort.InferenceSession.SessionOptions = {
      intraOpNumThreads: options.threads ?? 1,
      interOpNumThreads: 1,
      executionMode: 'sequential',
      graphOptimizationLevel: 'all',
    };
    const session = await ort.InferenceSession.create(options.modelPath ?? DEFAULT_MODEL_PATH, settings);
    const recogniser = new Recogniser(session, () =>
      ort.InferenceSession.create(options.sequenceModelPath ?? DEFAULT_SEQUENCE_MODEL_PATH, settings),
    );
    if (options.eager) await recogniser.sequence();
    return recogniser;
  }

  private sequence(): Promise<ort.InferenceSession> {
    this.sequenceSession ??= this.loadSequence();
    return this.sequenceSession;
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

  /** Reads line strips (see rectify/line-crop `cropStrip`, all of one width) into frame probabilities. */
  async readStrips(strips: Float32Array[]): Promise<StripFrames[]> {
    if (strips.length === 0) return [];
    const width = strips[0].length / CROP_HEIGHT;
    const batch = new Float32Array(strips.length * strips[0].length);
    strips.forEach((strip, i) => batch.set(strip, i * strip.length));
    const input = new ort.Tensor('float32', batch, [strips.length, 1, CROP_HEIGHT, width]);
    const output = await (await this.sequence()).run({ image: input });
    const logits = output.logits.data as Float32Array;
    const frames = output.logits.dims[1];
    return strips.map((_, b) => ({
      probs: softmaxRows(logits.subarray(b * frames * SEQUENCE_CLASSES, (b + 1) * frames * SEQUENCE_CLASSES)),
      frames,
    }));
  }

  async close(): Promise<void> {
    const sequence = await this.sequenceSession;
    await Promise.all([this.session.release(), sequence?.release()]);
  }
}

function candidates(logits: Float32Array, offset: number, classes: number): LineCandidates[number] {
  let max = -Infinity;
  for (let k = 0; k < classes; k++) max = Math.max(max, logits[offset + k]);
  const p = new Float64Array(classes);
  let sum = 0;
  for (let k = 0; k < classes; k++) sum += p[k] = Math.exp(logits[offset + k] - max);
  return topCandidates(p, sum);
}

function softmaxRows(logits: Float32Array): Float32Array {
  const out = new Float32Array(logits.length);
  for (let row = 0; row < logits.length; row += SEQUENCE_CLASSES) {
    let max = -Infinity;
    for (let k = 0; k < SEQUENCE_CLASSES; k++) max = Math.max(max, logits[row + k]);
    let sum = 0;
    for (let k = 0; k < SEQUENCE_CLASSES; k++) sum += out[row + k] = Math.exp(logits[row + k] - max);
    for (let k = 0; k < SEQUENCE_CLASSES; k++) out[row + k] /= sum;
  }
  return out;
}
