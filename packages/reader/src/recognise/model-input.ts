import { MRZ_ALPHABET } from '@passport-reader/mrz';
import modelInput from '../../models/model-input.json' with { type: 'json' };

/**
 * The models' input contract (packages/reader/models/model-input.json), the one file the Python
 * training reads too: the class order, the cell and crop geometry, the contrast normalisation.
 */
interface ModelInput {
  alphabet: string;
  cellWidth: number;
  cropHeight: number;
  cropHeightInPitches: number;
  sequenceStride: number;
  /** Low and high percentiles of a crop's grey levels, stretched to black and white. */
  normalisePercentiles: number[];
}

// Imported rather than read from disk, so the browser's bundle carries it as the Node build does.
const MODEL_INPUT: ModelInput = modelInput;

// The MRZ library orders its characters as the networks' classes; a model trained on another
// order would read every character as another.
if (MODEL_INPUT.alphabet !== MRZ_ALPHABET) {
  throw new Error('models/model-input.json: the alphabet is not the MRZ library’s class order');
}

export const CELL_WIDTH = MODEL_INPUT.cellWidth;
export const CROP_HEIGHT = MODEL_INPUT.cropHeight;
export const CROP_HEIGHT_IN_PITCHES = MODEL_INPUT.cropHeightInPitches;
export const SEQUENCE_STRIDE = MODEL_INPUT.sequenceStride;
export const NORMALISE_PERCENTILES = MODEL_INPUT.normalisePercentiles;
