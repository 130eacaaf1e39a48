import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { reverseGeometry, withCentres } from '../src/rectify/block-geometry.js';
import { cellCentres, shiftGeometry, type LineGeometry } from '../src/rectify/line-crop.js';
import { extendLine } from '../src/rectify/line-extension.js';

/** A straight line of cells at any position, angle and pitch, optionally with fitted centres. */
const geometry = fc
  .record({
    x0: fc.double({ min: 0, max: 4000, noNaN: true }),
    y0: fc.double({ min: 0, max: 4000, noNaN: true }),
    angle: fc.double({ min: -Math.PI, max: Math.PI, noNaN: true }),
    pitch: fc.double({ min: 4, max: 80, noNaN: true }),
    cells: fc.constantFrom(30, 36, 44),
    fitted: fc.boolean(),
  })
  .map(({ x0, y0, angle, pitch, cells, fitted }): LineGeometry => {
    const straight = { x0, y0, ux: Math.cos(angle), uy: Math.sin(angle), pitch, cells };
    if (!fitted) return straight;
    // pitch growing along the line, as under perspective
    const c = cellCentres(straight);
    const grown = c.pitch.map((p, i) => p * (1 + (0.2 * i) / cells));
    return withCentres(straight, { x: c.x, y: c.y, pitch: grown });
  });

const close = (a: ArrayLike<number>, b: ArrayLike<number>) =>
  Array.from(a).every((v, i) => Math.abs(v - b[i]) < 1e-6);

describe('line geometry', () => {
  it('a straight line puts its cells one pitch apart along its direction', () => {
    fc.assert(
      fc.property(geometry, (g) => {
        const c = cellCentres({ ...g, centres: undefined });
        for (let i = 1; i < g.cells; i++) {
          expect(Math.hypot(c.x[i] - c.x[i - 1], c.y[i] - c.y[i - 1])).toBeCloseTo(g.pitch, 6);
          expect((c.x[i] - c.x[i - 1]) * g.ux + (c.y[i] - c.y[i - 1]) * g.uy).toBeCloseTo(g.pitch, 6);
        }
      }),
    );
  });

  it('reversing a line twice gives it back; once, its first cell is the last and it runs the other way', () => {
    fc.assert(
      fc.property(
        geometry.filter((g) => g.centres !== undefined),
        (g) => {
          const once = reverseGeometry(g);
          const c = cellCentres(g);
          expect([once.x0, once.y0]).toEqual([c.x[g.cells - 1], c.y[g.cells - 1]]);
          expect([once.ux, once.uy]).toEqual([-g.ux, -g.uy]);
          const twice = cellCentres(reverseGeometry(once));
          expect(close(twice.x, c.x) && close(twice.y, c.y) && close(twice.pitch, c.pitch)).toBe(true);
        },
      ),
    );
  });

  it('a shift and the opposite shift cancel, each cell moving by its own pitch', () => {
    fc.assert(
      fc.property(
        geometry,
        fc.double({ min: -2, max: 2, noNaN: true }),
        fc.double({ min: -2, max: 2, noNaN: true }),
        (g, along, across) => {
          const moved = shiftGeometry(g, along, across);
          const back = cellCentres(shiftGeometry(moved, -along, -across));
          const c = cellCentres(g);
          expect(close(back.x, c.x) && close(back.y, c.y)).toBe(true);
          const m = cellCentres(moved);
          const last = g.cells - 1;
          expect(Math.hypot(m.x[last] - c.x[last], m.y[last] - c.y[last])).toBeCloseTo(
            Math.hypot(along, across) * c.pitch[last],
            6,
          );
        },
      ),
    );
  });

  it('a line carried on keeps its cells and adds the others at the pitch and in the direction of its ends', () => {
    fc.assert(
      fc.property(
        geometry,
        fc.integer({ min: 0, max: 8 }),
        fc.integer({ min: 0, max: 8 }),
        (g, before, after) => {
          const longer = extendLine(g, before, after);
          const c = cellCentres(g);
          const e = cellCentres(longer);
          expect(longer.cells).toBe(g.cells + before + after);
          expect(close(e.x.slice(before, before + g.cells), c.x)).toBe(true);
          expect(close(e.y.slice(before, before + g.cells), c.y)).toBe(true);
          const last = g.cells - 1;
          // each added cell one end-pitch further on from the last, along the end's direction
          for (let i = 1; i <= after; i++) {
            const k = before + last + i;
            const step = Math.hypot(e.x[k] - e.x[k - 1], e.y[k] - e.y[k - 1]);
            expect(step).toBeCloseTo(e.pitch[k], 6);
            expect((e.x[k] - e.x[k - 1]) * g.ux + (e.y[k] - e.y[k - 1]) * g.uy).toBeGreaterThan(0);
          }
          for (let i = 0; i < before; i++) {
            const step = Math.hypot(e.x[i + 1] - e.x[i], e.y[i + 1] - e.y[i]);
            expect(step).toBeCloseTo(e.pitch[i], 6);
            expect((e.x[i + 1] - e.x[i]) * g.ux + (e.y[i + 1] - e.y[i]) * g.uy).toBeGreaterThan(0);
          }
        },
      ),
    );
  });
});
