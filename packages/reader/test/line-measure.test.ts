import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Pyramid, type GreyImage } from '../src/image/grey-image.js';
import type { TextLine } from '../src/locate/text-lines.js';
import { fitBlock } from '../src/rectify/block-geometry.js';
import { lineGeometry, measureLine } from '../src/rectify/line-geometry.js';

/**
 * A printed line drawn to order: `cells` dark glyphs (0.6 pitch wide, 1.3 pitch tall, each
 * with a notch so that neighbours never merge) one pitch apart on white, turned by `angle`.
 */
interface DrawnLine {
  image: GreyImage;
  /** The true centre of each character. */
  centres: Array<{ x: number; y: number }>;
  pitch: number;
  ux: number;
  uy: number;
}

function drawLine(cells: number, pitch: number, angle: number, gaps: number[] = []): DrawnLine {
  const ux = Math.cos(angle);
  const uy = Math.sin(angle);
  const length = cells * pitch;
  const width = Math.ceil(Math.abs(length * ux) + 8 * pitch);
  const height = Math.ceil(Math.abs(length * uy) + 8 * pitch);
  const cx = width / 2;
  const cy = height / 2;
  const centres = Array.from({ length: cells }, (_, i) => {
    const along = (i - (cells - 1) / 2) * pitch;
    return { x: cx + along * ux, y: cy + along * uy };
  });
  const data = new Uint8Array(width * height).fill(235);
  const halfW = 0.3 * pitch;
  const halfH = 0.65 * pitch;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const dx = x + 0.5 - cx;
      const dy = y + 0.5 - cy;
      const along = dx * ux + dy * uy + ((cells - 1) / 2) * pitch;
      const across = -dx * uy + dy * ux;
      const i = Math.round(along / pitch);
      if (i < 0 || i >= cells || gaps.includes(i)) continue;
      const within = along - i * pitch;
      if (
        Math.abs(within) <= halfW &&
        Math.abs(across) <= halfH &&
        !(Math.abs(across) < 0.15 * pitch && within > 0)
      ) {
        data[y * width + x] = 25;
      }
    }
  }
  return { image: { width, height, data }, centres, pitch, ux, uy };
}

/** The line as the locator would hand it over: roughly placed, ends and middle a little off. */
function locatedLine(drawn: DrawnLine, slack: { ends: number; across: number }): TextLine {
  const { centres, pitch, ux, uy } = drawn;
  const mid = {
    x: (centres[0].x + centres[centres.length - 1].x) / 2 - slack.across * pitch * uy,
    y: (centres[0].y + centres[centres.length - 1].y) / 2 + slack.across * pitch * ux,
  };
  const half = ((centres.length - 1) / 2) * pitch + 0.3 * pitch;
  return {
    cx: mid.x,
    cy: mid.y,
    ux,
    uy,
    start: -half + slack.ends * pitch,
    end: half - slack.ends * pitch,
    thickness: 1.3 * pitch,
  };
}

const printedLine = fc.record({
  cells: fc.constantFrom(30, 36, 44),
  pitch: fc.double({ min: 8, max: 20, noNaN: true }),
  angle: fc.double({ min: -0.15, max: 0.15, noNaN: true }),
  ends: fc.double({ min: -0.4, max: 0.4, noNaN: true }),
  across: fc.double({ min: -0.2, max: 0.2, noNaN: true }),
});

describe('measuring a located line on the image', () => {
  it('finds the first and last ink and the band of the text, wherever the locator left them', () => {
    fc.assert(
      fc.property(printedLine, ({ cells, pitch, angle, ends, across }) => {
        const drawn = drawLine(cells, pitch, angle);
        const line = locatedLine(drawn, { ends, across });
        const extent = measureLine(new Pyramid(drawn.image, null), line);
        expect(extent).not.toBeNull();
        const trueHalf = ((cells - 1) / 2) * pitch + 0.3 * pitch;
        expect(Math.abs(extent!.first + trueHalf)).toBeLessThan(0.15 * pitch + 1);
        expect(Math.abs(extent!.last - trueHalf)).toBeLessThan(0.15 * pitch + 1);
        // the text's middle is where the located line's centre was moved off it, to within a pixel or so
        expect(Math.abs(extent!.middle + across * pitch)).toBeLessThan(0.15 * pitch + 1);
        // one grid of the right count then puts every cell on its character
        const grid = lineGeometry(line, extent!, cells, false);
        expect(Math.abs(grid.pitch - pitch)).toBeLessThan(0.02 * pitch);
        expect(Math.hypot(grid.x0 - drawn.centres[0].x, grid.y0 - drawn.centres[0].y)).toBeLessThan(
          0.25 * pitch,
        );
      }),
      { numRuns: 25 },
    );
  });

  it('finds nothing on a blank image', () => {
    const blank = { width: 400, height: 100, data: new Uint8Array(400 * 100).fill(235) };
    const line: TextLine = { cx: 200, cy: 50, ux: 1, uy: 0, start: -150, end: 150, thickness: 12 };
    expect(measureLine(new Pyramid(blank, null), line)).toBeNull();
  });
});

describe('fitting cells to the characters of a block', () => {
  it('puts each cell on its character', () => {
    fc.assert(
      fc.property(printedLine, ({ cells, pitch, angle }) => {
        const top = drawLine(cells, pitch, angle);
        const grid = lineGeometry(
          locatedLine(top, { ends: 0, across: 0 }),
          {
            first: -((cells - 1) / 2 + 0.3) * pitch,
            last: ((cells - 1) / 2 + 0.3) * pitch,
            middle: 0,
            height: 1.3 * pitch,
          },
          cells,
          false,
        );
        const fitted = fitBlock(new Pyramid(top.image, null), [grid]);
        expect(fitted).not.toBeNull();
        const [centres] = fitted!;
        for (let i = 0; i < cells; i++) {
          expect(Math.hypot(centres.x[i] - top.centres[i].x, centres.y[i] - top.centres[i].y)).toBeLessThan(
            0.25 * pitch,
          );
        }
      }),
      { numRuns: 15 },
    );
  });
});
