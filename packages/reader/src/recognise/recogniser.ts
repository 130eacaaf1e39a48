import type { InferenceSession, Tensor } from 'onnxruntime-common';
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
 * The parts of an ONNX Runtime the recogniser uses: onnxruntime-node in Node
 * (recognise/node-recogniser.ts), onnxruntime-web in the browser. Both build on onnxruntime-common.
 */
export interface OnnxRuntime {
  InferenceSession: {
    create(model: string | Uint8Array, options?: InferenceSession.SessionOptions): Promise<InferenceSession>;
  };
  Tensor: new (type: 'float32', data: Float32Array, dims: readonly number[]) => Tensor;
}

/** The two models, each as a path (Node), a URL (browser) or the file's bytes. */
export interface RecogniserModels {
  /** The cell model, in its int8 form (training/quantize.py makes it from mrz-ocr.onnx). */
  cell: string | Uint8Array;
  /** The sequence (CTC) model, which reads a line without knowing where its cells are. */
  sequence: string | Uint8Array;
}

export interface RecogniserOptions {
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
  private sequenceSession: Promise<InferenceSession> | undefined;

  private constructor(
    private readonly runtime: OnnxRuntime,
    private readonly session: InferenceSession,
    private readonly loadSequence: () => Promise<InferenceSession>,
  ) {}

  static async create(
    runtime: OnnxRuntime,
    models: RecogniserModels,
    options: RecogniserOptions = {},
  ): Promise<Recogniser> {
    const settings: InferenceSession.SessionOptions = {
      intraOpNumThreads: options.threads ?? 1,
      interOpNumThreads: 1,
      executionMode: 'sequential',
      graphOptimizationLevel: 'all',
    };
    const session = await runtime.InferenceSession.create(models.cell, settings);
    const recogniser = new Recogniser(runtime, session, () =>
      runtime.InferenceSession.create(models.sequence, settings),
    );
    if (options.eager) await recogniser.sequence();
    return recogniser;
  }

  private sequence(): Promise<InferenceSession> {
    this.sequenceSession ??= this.loadSequence();
    return this.sequenceSession;
  }

  /** Recognises crops that all have `cells` character cells, in one batch. */
  async recognise(crops: Float32Array[], cells: number): Promise<LineCandidates[]> {
    if (crops.length === 0) return [];
    const width = CELL_WIDTH * cells;
    const batch = new Float32Array(crops.length * width * CROP_HEIGHT);
    crops.forEach((crop, i) => batch.set(crop, i * width * CROP_HEIGHT));
    const input = new this.runtime.Tensor('float32', batch, [crops.length, 1, CROP_HEIGHT, width]);
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
    const input = new this.runtime.Tensor('float32', batch, [strips.length, 1, CROP_HEIGHT, width]);
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
