import { type Pyramid, sampleBilinear } from '../image/grey-image.js';
import { sampleStrip } from './sample-strip.js';

import {
  CELL_WIDTH,
  CROP_HEIGHT,
  CROP_HEIGHT_IN_PITCHES,
  NORMALISE_PERCENTILES,
  SEQUENCE_STRIDE,
} from '../recognise/model-input.js';

/** The model input geometry (recognise/model-input.ts), for the modules that crop for the models. */
export { CELL_WIDTH, CROP_HEIGHT, CROP_HEIGHT_IN_PITCHES, SEQUENCE_STRIDE };
/**
 * A sequence strip reaches this many pitches beyond each end cell, so a character the measured
 * extent missed (the way a grid slips one cell) is still in it; the model was trained with up to 1.8
 * pitches of margin beyond the glyphs (training/README.md).
 */
const STRIP_MARGIN_CELLS = 1.25;

/** Where each character of a line was found: centres in original pixels and the local pitch. */
export interface CellCentres {
  x: Float64Array;
  y: Float64Array;
  pitch: Float64Array;
}

/** Where the characters of one MRZ line sit, in the original image's pixels. */
export interface LineGeometry {
  /** Centre of the first character cell in reading order. */
  x0: number;
  y0: number;
  /** Unit vector in reading direction. */
  ux: number;
  uy: number;
  /** Distance between neighbouring character centres (the mean, when `centres` is set). */
  pitch: number;
  cells: number;
  /** Cell centres fitted to the characters (perspective, curl); a straight uniform line without. */
  centres?: CellCentres;
}

/** Cell centres of a geometry: the fitted ones, or those of the straight uniform line. */
export function cellCentres(g: LineGeometry): CellCentres {
  if (g.centres) return g.centres;
  const x = new Float64Array(g.cells);
  const y = new Float64Array(g.cells);
  for (let i = 0; i < g.cells; i++) {
    x[i] = g.x0 + i * g.pitch * g.ux;
    y[i] = g.y0 + i * g.pitch * g.uy;
  }
  return { x, y, pitch: new Float64Array(g.cells).fill(g.pitch) };
}

/** The same geometry moved by (along, across) local pitches. */
export function shiftGeometry(g: LineGeometry, along: number, across: number): LineGeometry {
  const dx = along * g.ux - across * g.uy;
  const dy = along * g.uy + across * g.ux;
  const c = cellCentres(g);
  return {
    ...g,
    x0: g.x0 + dx * g.pitch,
    y0: g.y0 + dy * g.pitch,
    centres: g.centres && {
      x: c.x.map((x, i) => x + dx * c.pitch[i]),
      y: c.y.map((y, i) => y + dy * c.pitch[i]),
      pitch: c.pitch,
    },
  };
}

/**
 * Resamples one line into the recogniser's input: N cells become 16N×32 pixels, each cell from
 * its own centre and pitch, grey values stretched so the 2nd/98th percentiles map to 0 (ink) and
 * 1 (paper). Samples from the pyramid level closest above the target resolution, so downscaling
 * averages instead of aliasing.
 */
export function cropLine(pyramid: Pyramid, g: LineGeometry): Float32Array {
  return normaliseContrast(rawCrop(pyramid, g));
}

/**
 * Resamples one line, with a margin beyond both ends, into the sequence model's input: 16
 * columns per (mean) pitch on the straight line through the geometry, 32 rows, normalised as for
 * the cell model. Where the characters are along it does not matter.
 */
export function cropStrip(pyramid: Pyramid, g: LineGeometry): Float32Array {
  const margin = STRIP_MARGIN_CELLS * CELL_WIDTH;
  return normaliseContrast(
    sampleStrip(pyramid, {
      cx: g.x0,
      cy: g.y0,
      ux: g.ux,
      uy: g.uy,
      along: -g.pitch / 2 - (margin / CELL_WIDTH) * g.pitch,
      across: (-CROP_HEIGHT_IN_PITCHES * g.pitch) / 2,
      stepAlong: g.pitch / CELL_WIDTH,
      stepAcross: (CROP_HEIGHT_IN_PITCHES * g.pitch) / CROP_HEIGHT,
      cols: CELL_WIDTH * g.cells + 2 * margin,
      rows: CROP_HEIGHT,
    }),
  );
}

/** Where a frame position of a strip (see cropStrip) lies along its line, in pixels from the first cell centre. */
export function stripAlong(g: LineGeometry, frame: number): number {
  return (-0.5 - STRIP_MARGIN_CELLS + (frame * SEQUENCE_STRIDE) / CELL_WIDTH) * g.pitch;
}

/** The crop's grey values 0–255 before normalisation (diagnostics measure glare on them). */
export function rawCrop(pyramid: Pyramid, g: LineGeometry): Float32Array {
  if (!g.centres) {
    return sampleStrip(pyramid, {
      cx: g.x0,
      cy: g.y0,
      ux: g.ux,
      uy: g.uy,
      along: -g.pitch / 2,
      across: (-CROP_HEIGHT_IN_PITCHES * g.pitch) / 2,
      stepAlong: g.pitch / CELL_WIDTH,
      stepAcross: (CROP_HEIGHT_IN_PITCHES * g.pitch) / CROP_HEIGHT,
      cols: CELL_WIDTH * g.cells,
      rows: CROP_HEIGHT,
    });
  }
  const { x, y, pitch } = g.centres;
  const smallest = Math.min(...pitch);
  const { image, level } = pyramid.levelAtLeast(
    Math.max(0, Math.floor(Math.log2(Math.max(smallest / CELL_WIDTH, 1)))),
  );
  const scale = 2 ** level;
  const nx = -g.uy;
  const ny = g.ux;
  const cols = CELL_WIDTH * g.cells;
  const out = new Float32Array(cols * CROP_HEIGHT);
  for (let i = 0; i < g.cells; i++) {
    const p = pitch[i];
    const stepAcross = (CROP_HEIGHT_IN_PITCHES * p) / CROP_HEIGHT;
    for (let j = 0; j < CELL_WIDTH; j++) {
      const along = ((j + 0.5) / CELL_WIDTH - 0.5) * p;
      const px = x[i] + along * g.ux;
      const py = y[i] + along * g.uy;
      const u = i * CELL_WIDTH + j;
      for (let v = 0; v < CROP_HEIGHT; v++) {
        const across = (v + 0.5) * stepAcross - (CROP_HEIGHT_IN_PITCHES * p) / 2;
        const sx = px + across * nx;
        const sy = py + across * ny;
        out[v * cols + u] = sampleBilinear(image, (sx + 0.5) / scale - 0.5, (sy + 0.5) / scale - 0.5);
      }
    }
  }
  return out;
}

/**
 * Stretches grey values in place so the 2nd/98th percentiles map to 0 and 1; percentiles from a
 * 256-bin histogram, the same as a sort's at a fraction of its cost.
 */
export function normaliseContrast(values: Float32Array): Float32Array {
  const histogram = new Uint32Array(256);
  for (let i = 0; i < values.length; i++) histogram[Math.min(255, Math.max(0, values[i] | 0))]++;
  const percentile = (q: number) => {
    const rank = Math.floor(q * (values.length - 1));
    let seen = 0;
    for (let b = 0; b < 256; b++) {
      seen += histogram[b];
      if (seen > rank) return b;
    }
    return 255;
  };
  const lo = percentile(NORMALISE_PERCENTILES[0] / 100);
  const hi = percentile(NORMALISE_PERCENTILES[1] / 100) + 1;
  const range = hi - lo < 1e-3 ? 1 : hi - lo;
  for (let i = 0; i < values.length; i++) values[i] = Math.min(1, Math.max(0, (values[i] - lo) / range));
  return values;
}
