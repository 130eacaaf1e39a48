import type { MrzChecks, MrzFields, MrzFormat } from '@passport-reader/mrz';

/** Where the MRZ was found: a box in the original image's pixels (after EXIF orientation). */
export interface MrzRegion {
  x: number;
  y: number;
  width: number;
  height: number;
  /**
   * Degrees [0, 360) the image was turned counter-clockwise to read the MRZ upright; equally, how far
   * clockwise the document lies turned in the image (90: its text runs top to bottom).
   */
  rotation: number;
}

export interface ReadTimings {
  total: number;
  decode: number;
  locate: number;
  rectify: number;
  recognise: number;
  correct: number;
}

/** The result schema of DESIGN.md (contract). */
export interface ReadResult {
  format: MrzFormat;
  mrz: string[];
  /** Every check digit holds and no character outside their protection was read with low confidence. */
  valid: boolean;
  checks: MrzChecks;
  fields: MrzFields;
  confidence: number;
  region: MrzRegion;
  timingsMs: ReadTimings;
}
