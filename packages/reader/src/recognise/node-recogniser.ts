import { fileURLToPath } from 'node:url';
import * as ort from 'onnxruntime-node';
import { Recogniser, type RecogniserOptions } from './recogniser.js';

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

export interface NodeRecogniserOptions extends RecogniserOptions {
  modelPath?: string;
  sequenceModelPath?: string;
}

/** The recogniser on ONNX Runtime for Node, with the models shipped in this package unless told others. */
export function loadRecogniser(options: NodeRecogniserOptions = {}): Promise<Recogniser> {
  return Recogniser.create(
    ort,
    {
      cell: options.modelPath ?? DEFAULT_MODEL_PATH,
      sequence: options.sequenceModelPath ?? DEFAULT_SEQUENCE_MODEL_PATH,
    },
    options,
  );
}
