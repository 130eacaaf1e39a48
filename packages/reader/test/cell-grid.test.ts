import { describe, expect, it } from 'vitest';
import { Pyramid, type GreyImage } from '../src/image/grey-image.js';
import { fitCells } from '../src/rectify/cell-grid.js';
import type { LineGeometry } from '../src/rectify/line-crop.js';

/**
 * A line of `cells` dark glyph-sized boxes whose pitch grows along the line (perspective) and
 * whose middle sags (curl), optionally blurred so the gaps between glyphs fill in.
 */
function drawLine(cells: number, pitch0: number, growth: number, sag: number, blur: number) {
  const centres = Array.from({ length: cells }, (_, i) => 40 + i * pitch0 + (growth * pitch0 * i * i) / 2);
  const width = Math.ceil(centres[cells - 1] + 40);
  const height = 80;
  const mid = (i: number) => 40 + sag * ((2 * i) / (cells - 1) - 1) ** 2;
  const ink = new Float32Array(width * height);
  centres.forEach((cx, i) => {
    const p = pitch0 * (1 + growth * i);
    for (let y = 0; y < height; y++)
      for (let x = 0; x < width; x++)
        if (Math.abs(x - cx) <= 0.3 * p && Math.abs(y - mid(i)) <= 0.45 * p) ink[y * width + x] = 1;
  });
  const data = new Uint8Array(width * height);
  const r = Math.ceil(2 * blur);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      let sum = 0;
      let n = 0;
      for (let dx = -r; dx <= r; dx++) {
        const xx = Math.min(width - 1, Math.max(0, x + dx));
        const w = blur > 0 ? Math.exp(-(dx * dx) / (2 * blur * blur)) : dx === 0 ? 1 : 0;
        sum += w * ink[y * width + xx];
        n += w;
      }
      data[y * width + x] = Math.round(235 - 200 * (sum / n));
    }
  const image: GreyImage = { width, height, data };
  const mean = (centres[cells - 1] - centres[0]) / (cells - 1);
  // The straight geometry a measured extent gives: right ends, one mean pitch, no sag.
  const straight: LineGeometry = { x0: centres[0], y0: 40, ux: 1, uy: 0, pitch: mean, cells };
  return { image, centres, mid, straight };
}

describe('fitCells', () => {
  it('follows a pitch that grows 25% along a 44-character line, where the straight grid is half a cell off', () => {
    const { image, centres, straight } = drawLine(44, 12, 0.25 / 43, 0, 0);
    const worst = Math.max(...centres.map((c, i) => Math.abs(straight.x0 + i * straight.pitch - c)));
    expect(worst).toBeGreaterThan(0.3 * straight.pitch);
    const fit = fitCells(new Pyramid(image), straight)!;
    expect(fit).not.toBeNull();
    centres.forEach((c, i) => expect(Math.abs(fit.x[i] - c)).toBeLessThan(0.15 * straight.pitch));
  });

  it('follows a line that sags by half a pitch in its middle', () => {
    const { image, mid, straight } = drawLine(30, 12, 0, 6, 0);
    const fit = fitCells(new Pyramid(image), { ...straight, y0: mid(0) })!;
    expect(fit).not.toBeNull();
    for (let i = 0; i < 30; i++) expect(Math.abs(fit.y[i] - mid(i))).toBeLessThan(0.15 * 12);
  });

  it('finds the centres from the phase when blur fills the gaps between glyphs', () => {
    const { image, centres, straight } = drawLine(36, 6, 0.15 / 35, 0, 1.5);
    const fit = fitCells(new Pyramid(image), straight)!;
    expect(fit).not.toBeNull();
    centres.forEach((c, i) => expect(Math.abs(fit.x[i] - c)).toBeLessThan(0.2 * straight.pitch));
  });

  it('follows a blurred line whose pitch grows by 35% (a card tilted 25°), where the phase slips at the ends', () => {
    const { image, centres, straight } = drawLine(30, 6, 0.35 / 29, 0, 1.5);
    const fit = fitCells(new Pyramid(image), straight)!;
    expect(fit).not.toBeNull();
    centres.forEach((c, i) => expect(Math.abs(fit.x[i] - c)).toBeLessThan(0.2 * straight.pitch));
  });

  it('refuses a cell count the line does not have', () => {
    const { image, straight } = drawLine(36, 12, 0, 0, 0);
    const squeezed = { ...straight, cells: 44, pitch: (straight.pitch * 35) / 43 };
    expect(fitCells(new Pyramid(image), squeezed)).toBeNull();
  });
});
