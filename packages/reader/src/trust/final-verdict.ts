import type { ReadDiagnostics } from '@passport-reader/contract';
import { CUT_MESSAGE, diagnose, type ImageSize } from '../diagnostics.js';
import { ReadError } from '../errors.js';
import type { Pyramid } from '../image/grey-image.js';
import { rawCrop, type LineGeometry } from '../rectify/line-crop.js';
import { gridMatchesInk } from './grid-matches-ink.js';

/** What the verdict looks at in a reading (read/reading.ts's Reading has it). */
export interface Judged {
  trusted: boolean;
  by: 'cells' | 'sequence';
  pyramid: Pyramid;
  geometries: LineGeometry[];
}

/**
 * The last stage: the winning reading looked at as a whole, on the ink it was read from. Trust it
 * earned from its check digits and certainty is withdrawn where the grid does not sit on the
 * characters, and a reading not trusted of lines cut off at the edge is no reading at all.
 */
export function finalVerdict<R extends Judged>(
  best: R,
  size: ImageSize,
): { reading: R; diagnostics: ReadDiagnostics } {
  const { pyramid, geometries } = best;
  const raw = geometries.map((g) => rawCrop(pyramid, g));
  const diagnostics = diagnose(size, geometries, raw);
  // A grid that lost its place reads an empty cell as a filler, or stops short of the line's end
  // (an MRV-A read as MRV-B keeps every check digit): such a reading is never vouched for.
  const reading =
    best.trusted && best.by === 'cells' && !gridMatchesInk(pyramid, geometries, raw)
      ? { ...best, trusted: false }
      : best;
  if (!reading.trusted && diagnostics.cutAtEdge) {
    // A line that runs into the edge was stretched to the format's length: its reading is noise.
    throw new ReadError('NO_MRZ', CUT_MESSAGE, diagnostics);
  }
  return { reading, diagnostics };
}
