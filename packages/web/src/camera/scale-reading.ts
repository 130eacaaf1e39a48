import type { ReadResult } from '@passport-reader/contract';

/**
 * A reading of a frame read smaller than the photo taken from it, in the photo's pixels: where the
 * MRZ is and how far apart its characters are scale; the text and the verdict do not.
 */
export function inPhotoPixels(result: ReadResult, factor: number): ReadResult {
  if (factor === 1) return result;
  const { region, diagnostics } = result;
  const round = (v: number) => Math.round(v * factor);
  return {
    ...result,
    region: {
      ...region,
      x: round(region.x),
      y: round(region.y),
      width: round(region.width),
      height: round(region.height),
    },
    diagnostics: diagnostics && {
      ...diagnostics,
      pitchPx: diagnostics.pitchPx === null ? null : Math.round(diagnostics.pitchPx * factor * 10) / 10,
    },
  };
}
