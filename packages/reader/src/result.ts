import type { MrzChecks, MrzFields, MrzFormat } from '@passport-reader/mrz';
import type { ReadDiagnostics } from './diagnostics.js';

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
  /** Per field: the least likely of its characters, and whether a check digit protects it (absent from Textract). */
  fieldConfidence?: Record<string, FieldConfidence>;
  diagnostics?: ReadDiagnostics;
  timingsMs: ReadTimings;
}

export interface FieldConfidence {
  /** Lowest probability among the field's characters as read (after averaging the re-reads). */
  min: number;
  /** Whether a check digit covers the field, so a misreading of it shows as a failed check. */
  checked: boolean;
}
