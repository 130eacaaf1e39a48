import { describe, expect, it } from 'vitest';
import { guideFrame } from './guide-frame';

describe('guideFrame', () => {
  it('fits a passport page to a landscape frame by its height, centred, the band at its foot', () => {
    const { page, band } = guideFrame(1280, 720);
    expect(page.height).toBeCloseTo(648, 5);
    expect(page.width).toBeCloseTo((648 * 125) / 88, 5);
    expect(page.x).toBeCloseTo((1280 - page.width) / 2, 5);
    expect(band.y + band.height).toBeCloseTo(page.y + page.height, 5);
    expect(band.width).toBe(page.width);
  });

  it('fits a portrait frame by its width', () => {
    const { page } = guideFrame(1080, 1920);
    expect(page.width).toBeCloseTo(972, 5);
    expect(page.y).toBeGreaterThan(0);
  });
});
