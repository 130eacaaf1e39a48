import type { DiagnosticHint, ReadDiagnostics } from '@passport-reader/contract';
import type { TextLine } from './locate/text-lines.js';
import { cellStats } from './rectify/cell-ink.js';
import {
  CELL_WIDTH,
  CROP_HEIGHT,
  cellCentres,
  normaliseContrast,
  type LineGeometry,
} from './rectify/line-crop.js';

/** Below this pitch the characters are too small to read reliably. */
const SMALL_PITCH = 7;
const BLURRY = 0.2;
const GLARY = 0.1;
const TILTED = 1.35;

/** Diagnostics of a failure before any reading: whether MRZ-like lines were found, and cut. */
export const CUT_MESSAGE =
  'The machine-readable zone is cut off at the edge of the image; take the photo with the whole code inside.';

export function notFound(located: boolean, cutAtEdge: boolean): ReadDiagnostics {
  const hints: DiagnosticHint[] = cutAtEdge ? ['CUT_OFF'] : located ? [] : ['NOT_FOUND'];
  return {
    located,
    pitchPx: null,
    blur: null,
    glare: null,
    skewDegrees: null,
    perspective: null,
    cutAtEdge,
    hints,
  };
}

/** Measures the lines the reader settled on, from their geometry and their raw grey crops. */
/** What the edge tests need of an image: its size (the original's, after EXIF orientation). */
export interface ImageSize {
  width: number;
  height: number;
}

export function diagnose(
  image: ImageSize,
  geometries: LineGeometry[],
  rawCrops: Float32Array[],
): ReadDiagnostics {
  const crops = rawCrops.map((raw) => normaliseContrast(Float32Array.from(raw)));
  const pitchPx = geometries.reduce((sum, g) => sum + g.pitch, 0) / geometries.length;
  const blur = median(crops.map(edgeWidth));
  const glare = washedOutShare(rawCrops, geometries[0].cells);
  const angle = (Math.atan2(geometries[0].uy, geometries[0].ux) * 180) / Math.PI;
  const skewDegrees = Math.abs(((((angle + 45) % 90) + 90) % 90) - 45);
  const perspective = Math.max(...geometries.map(pitchRatio));
  const cutAtEdge = geometries.some((g) => touchesEdge(image, g));
  const hints: DiagnosticHint[] = [];
  if (cutAtEdge) hints.push('CUT_OFF');
  if (pitchPx < SMALL_PITCH) hints.push('TOO_SMALL');
  if (blur > BLURRY) hints.push('BLURRY');
  if (glare > GLARY) hints.push('GLARE');
  if (perspective > TILTED) hints.push('TILTED');
  return {
    located: true,
    pitchPx: round(pitchPx, 1),
    blur: round(blur, 2),
    glare: round(glare, 2),
    skewDegrees: round(skewDegrees, 1),
    perspective: round(perspective, 2),
    cutAtEdge,
    hints,
  };
}

/** Whether the line's first or last character lies within a pitch of the image's border. */
function touchesEdge(image: ImageSize, g: LineGeometry): boolean {
  const { x, y, pitch } = cellCentres(g);
  const last = g.cells - 1;
  return (
    nearBorder(image, x[0], y[0], 0.9 * pitch[0]) || nearBorder(image, x[last], y[last], 0.9 * pitch[last])
  );
}

/** Whether a located line's ink ends within about a character of the image's border. */
export function lineTouchesEdge(image: ImageSize, line: TextLine): boolean {
  return [line.start, line.end].some((t) =>
    nearBorder(image, line.cx + t * line.ux, line.cy + t * line.uy, 0.9 * line.thickness),
  );
}

function nearBorder(image: ImageSize, x: number, y: number, margin: number): boolean {
  return Math.min(x, y, image.width - 1 - x, image.height - 1 - y) < margin;
}

function pitchRatio(g: LineGeometry): number {
  const { pitch } = cellCentres(g);
  return Math.max(pitch[0], pitch[pitch.length - 1]) / Math.min(pitch[0], pitch[pitch.length - 1]);
}

/**
 * Stroke edge width in pitches, from the steepest gradients of the normalised crop: a sharp edge
 * goes from ink (0) to paper (1) in about a crop pixel, a blurred one over many.
 */
function edgeWidth(crop: Float32Array): number {
  const cols = crop.length / CROP_HEIGHT;
  const bins = new Uint32Array(101);
  let count = 0;
  for (let v = CROP_HEIGHT / 4; v < (3 * CROP_HEIGHT) / 4; v++) {
    for (let u = 1; u < cols; u++) {
      const d = Math.abs(crop[v * cols + u] - crop[v * cols + u - 1]);
      bins[Math.min(100, Math.round(d * 100))]++;
      count++;
    }
  }
  let seen = 0;
  let steep = 0.01;
  for (let b = 100; b >= 0; b--) {
    seen += bins[b];
    if (seen >= 0.02 * count) {
      steep = Math.max(b / 100, 0.01);
      break;
    }
  }
  return 1 / steep / CELL_WIDTH;
}

/** Share of cells whose grey range collapsed while brighter than the paper around them. */
function washedOutShare(rawCrops: Float32Array[], cells: number): number {
  const stats = cellStats(rawCrops, cells);
  const typicalRange = median(stats.map((s) => s.range));
  const typicalMean = median(stats.map((s) => s.mean));
  const washed = stats.filter((s) => s.range < 0.35 * typicalRange && s.mean > typicalMean).length;
  return washed / Math.max(1, stats.length);
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

function round(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
