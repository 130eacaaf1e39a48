import { describe, expect, it } from 'vitest';
import { uprightQuarterTurns } from './upright';

describe('showing a photo upright', () => {
  it('turns by the nearest quarter of the angle the reader turned it', () => {
    expect(uprightQuarterTurns(0)).toBe(0);
    expect(uprightQuarterTurns(0.9)).toBe(0);
    expect(uprightQuarterTurns(90)).toBe(1);
    expect(uprightQuarterTurns(92.5)).toBe(1);
    expect(uprightQuarterTurns(180)).toBe(2);
    expect(uprightQuarterTurns(270)).toBe(3);
    expect(uprightQuarterTurns(355)).toBe(0);
    expect(uprightQuarterTurns(-90)).toBe(3);
  });

  it('leaves a photo without an angle as it is', () => {
    expect(uprightQuarterTurns(undefined)).toBe(0);
    expect(uprightQuarterTurns(Number.NaN)).toBe(0);
  });
});
