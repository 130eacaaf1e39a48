import { describe, expect, it } from 'vitest';
import { BLURRY_BELOW, exposureOf, measureFrame, type GreyPixels } from './frame-measures';

/** Dark bars 20 px apart on paper, like characters; each edge a ramp `edge` pixels wide. */
function bars(paper: number, ink: number, edge: number, width = 400, height = 60): GreyPixels {
  const data = new Uint8Array(width * height);
  for (let x = 0; x < width; x++) {
    // distance to the nearest bar centre (bars 8 px wide, every 20 px)
    const d = Math.abs((((x % 20) + 20) % 20) - 10) - 4;
    const t = edge <= 1 ? (d <= 0 ? 1 : 0) : Math.min(1, Math.max(0, 0.5 - d / edge));
    const v = Math.round(paper + (ink - paper) * t);
    for (let y = 0; y < height; y++) data[y * width + x] = v;
  }
  return { width, height, data };
}

describe('measureFrame', () => {
  it('finds sharp edges sharp and spread ones blurry, whatever the contrast', () => {
    expect(measureFrame(bars(210, 40, 1)).sharpness).toBeGreaterThan(0.8);
    expect(measureFrame(bars(120, 80, 1)).sharpness).toBeGreaterThan(0.8);
    expect(measureFrame(bars(210, 40, 3)).sharpness).toBeGreaterThan(BLURRY_BELOW);
    expect(measureFrame(bars(210, 40, 8)).sharpness).toBeLessThan(BLURRY_BELOW);
  });

  it('takes a plain page as not sharp, rather than dividing by no contrast', () => {
    expect(measureFrame(bars(200, 200, 1)).sharpness).toBe(0);
    expect(measureFrame({ width: 0, height: 0, data: new Uint8Array(0) })).toEqual({
      paper: 0,
      washedOut: 0,
      sharpness: 0,
    });
  });

  it("reads the paper's level and the washed-out share", () => {
    const page = bars(200, 40, 1);
    expect(measureFrame(page).paper).toBe(200);
    expect(measureFrame(page).washedOut).toBe(0);
    // a reflection over a tenth of the band
    for (let i = 0; i < page.data.length / 10; i++) page.data[i] = 255;
    expect(measureFrame(page).washedOut).toBeCloseTo(0.1, 2);
  });
});

describe('exposureOf', () => {
  it('tells shadow, overexposure, a reflection and good light apart', () => {
    expect(exposureOf({ paper: 60, washedOut: 0, sharpness: 1 })).toBe('dark');
    expect(exposureOf({ paper: 255, washedOut: 0.8, sharpness: 1 })).toBe('overexposed');
    expect(exposureOf({ paper: 255, washedOut: 0.1, sharpness: 1 })).toBe('glare');
    expect(exposureOf({ paper: 210, washedOut: 0.01, sharpness: 1 })).toBe('good');
  });
});
