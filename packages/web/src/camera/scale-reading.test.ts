import { describe, expect, it } from 'vitest';
import type { ReadResult } from '@passport-reader/contract';
import { inPhotoPixels } from './scale-reading';

const reading = {
  format: 'TD3',
  mrz: ['P<UTO', 'L898902C3'],
  valid: true,
  region: { x: 100, y: 401, width: 800, height: 90, rotation: 0 },
  diagnostics: {
    located: true,
    pitchPx: 18.4,
    blur: 0.1,
    glare: 0,
    skewDegrees: 1,
    perspective: 1,
    cutAtEdge: false,
    hints: [],
  },
} as unknown as ReadResult;

describe('inPhotoPixels', () => {
  it("scales the region and the character pitch to the photo's pixels, and nothing else", () => {
    const scaled = inPhotoPixels(reading, 2);
    expect(scaled.region).toEqual({ x: 200, y: 802, width: 1600, height: 180, rotation: 0 });
    expect(scaled.diagnostics?.pitchPx).toBe(36.8);
    expect(scaled.diagnostics?.blur).toBe(0.1);
    expect(scaled.mrz).toBe(reading.mrz);
    expect(scaled.valid).toBe(true);
  });

  it('keeps a reading of a frame read whole as it is', () => {
    expect(inPhotoPixels(reading, 1)).toBe(reading);
  });
});
