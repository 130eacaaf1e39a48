import type { LineCandidates } from '@passport-reader/mrz';
import type { Pyramid } from '../image/grey-image.js';
import { cropLine, cropStrip, stripAlong, type LineGeometry } from '../rectify/line-crop.js';
import { naturalLength, readExactLength } from '../recognise/exact-length-ctc.js';
import type { Recogniser, StripFrames } from '../recognise/recogniser.js';
import type { Lap } from './stage-clock.js';

/**
 * How a reading was made: by the cell model on a grid of cells, or by the sequence model on a
 * strip along the line (where no grid could be placed on the characters).
 */
export type ReadBy = 'cells' | 'sequence';

export interface Hypothesis {
  geometries: LineGeometry[];
  candidates: LineCandidates[];
  /** Mean probability of the recogniser's first choices. */
  sureness: number;
  /** Read as a sequence: where along each line (pixels from its first cell centre) each character was seen. */
  positions?: Float64Array[];
}

/** Crops and reads every hypothesis, one batch per cell count. */
export async function recogniseHypotheses(
  pyramid: Pyramid,
  hypotheses: LineGeometry[][],
  recogniser: Recogniser,
  lap: Lap,
): Promise<Hypothesis[]> {
  let t = performance.now();
  const crops = hypotheses.map((geometries) => geometries.map((g) => cropLine(pyramid, g)));
  lap('rectify', null, t);

  t = performance.now();
  const read: LineCandidates[][] = [];
  for (const cells of new Set(hypotheses.map((h) => h[0].cells))) {
    const indices = hypotheses.flatMap((h, i) => (h[0].cells === cells ? [i] : []));
    const lines = await recogniser.recognise(
      indices.flatMap((i) => crops[i]),
      cells,
    );
    indices.forEach((hypothesis, k) => {
      const perLine = hypotheses[hypothesis].length;
      read[hypothesis] = lines.slice(k * perLine, (k + 1) * perLine);
    });
  }
  return lap(
    'recognise',
    hypotheses.map((geometries, i) => ({
      geometries,
      candidates: read[i],
      sureness: meanTopOf(read[i]),
    })),
    t,
  );
}

/**
 * Reads every hypothesis's lines as sequences of its cell count, and keeps those whose every line
 * the network sees as that many characters: a sequence held to a length the network did not see
 * is forced, not read (on a page of text it would make an MRZ out of any line).
 */
export async function readSequenceHypotheses(
  pyramid: Pyramid,
  hypotheses: LineGeometry[][],
  recogniser: Recogniser,
  lap: Lap,
): Promise<Hypothesis[]> {
  const out: Hypothesis[] = [];
  for (const start of hypotheses) {
    const read = await readSequences(pyramid, start, recogniser, lap);
    if (read) {
      const { geometries, candidates, positions } = read;
      out.push({ geometries, candidates, positions, sureness: meanTopOf(candidates) });
    }
  }
  return out;
}

/** Reads lines the way a reading was made; null when a sequence does not show its line's length. */
export async function readAs(
  by: ReadBy,
  pyramid: Pyramid,
  geometries: LineGeometry[],
  recogniser: Recogniser,
  lap: Lap,
): Promise<LineCandidates[] | null> {
  if (by === 'sequence')
    return (await readSequences(pyramid, geometries, recogniser, lap))?.candidates ?? null;
  return readLines(pyramid, geometries, recogniser, lap);
}

interface SequenceLines {
  /** The lines' geometries, a short line's replaced by the extension that holds all its characters. */
  geometries: LineGeometry[];
  candidates: LineCandidates[];
  /** Where along each line (pixels from its first cell centre) each character was seen. */
  positions: Float64Array[];
}

/** A line seen with fewer characters than this share of its count is not one whose end was missed. */
const MIN_SEEN_SHARE = 0.6;

/**
 * Reads lines of one cell count as sequences of that many characters, in one batch; null unless
 * the network, unconstrained, sees exactly that many on every line. A line on
 * which the network sees fewer characters than the count, but most of them, has had an end missed
 * by the measured extent (glare over its first characters, a faint filler run): at the pitch the
 * seen characters show, it is read again reaching the missing count beyond its start and beyond
 * its end, and whichever of the two then shows exactly the count replaces it.
 */
async function readSequences(
  pyramid: Pyramid,
  lines: LineGeometry[],
  recogniser: Recogniser,
  lap: Lap,
): Promise<SequenceLines | null> {
  const cells = lines[0].cells;
  const geometries = [...lines];
  const frames = await readStrips(pyramid, geometries, recogniser, lap);
  const seenOf = (f: StripFrames) => naturalLength(f.probs, f.frames);
  const seenPerLine = frames.map(seenOf);
  const extensions = geometries.flatMap((g, l) => {
    const seen = seenPerLine[l];
    if (seen >= cells || seen < MIN_SEEN_SHARE * cells) return [];
    const natural = readExactLength(frames[l].probs, frames[l].frames, seen);
    if (!natural) return [];
    const first = stripAlong(g, natural.positions[0]);
    const pitch = (stripAlong(g, natural.positions[seen - 1]) - first) / (seen - 1);
    return [first - (cells - seen) * pitch, first].map((along) => ({
      line: l,
      geometry: { ...g, x0: g.x0 + along * g.ux, y0: g.y0 + along * g.uy, pitch, centres: undefined },
    }));
  });
  if (extensions.length > 0) {
    const read = await readStrips(
      pyramid,
      extensions.map((e) => e.geometry),
      recogniser,
      lap,
    );
    extensions.forEach(({ line, geometry }, k) => {
      if (seenPerLine[line] === cells || seenOf(read[k]) !== cells) return;
      geometries[line] = geometry;
      frames[line] = read[k];
      seenPerLine[line] = cells;
    });
  }
  if (seenPerLine.some((seen) => seen !== cells)) return null;
  const t = performance.now();
  const read = frames.map((f) => readExactLength(f.probs, f.frames, cells));
  lap('recognise', null, t);
  if (read.some((line) => line === null)) return null;
  return {
    geometries,
    candidates: read.map((line) => line!.candidates),
    positions: read.map((line, l) => line!.positions.map((frame) => stripAlong(geometries[l], frame))),
  };
}

function readStrips(
  pyramid: Pyramid,
  geometries: LineGeometry[],
  recogniser: Recogniser,
  lap: Lap,
): Promise<StripFrames[]> {
  return cropAndRead(
    geometries,
    (g) => cropStrip(pyramid, g),
    (strips) => recogniser.readStrips(strips),
    lap,
  );
}

/** Crops lines of one cell count from one image and reads them in one batch. */
function readLines(
  pyramid: Pyramid,
  geometries: LineGeometry[],
  recogniser: Recogniser,
  lap: Lap,
): Promise<LineCandidates[]> {
  return cropAndRead(
    geometries,
    (g) => cropLine(pyramid, g),
    (crops) => recogniser.recognise(crops, geometries[0].cells),
    lap,
  );
}

/** Crops every line (timed as rectify) and reads the crops in one batch (timed as recognise). */
async function cropAndRead<T>(
  geometries: LineGeometry[],
  crop: (g: LineGeometry) => Float32Array,
  read: (crops: Float32Array[]) => Promise<T[]>,
  lap: Lap,
): Promise<T[]> {
  let t = performance.now();
  const crops = lap('rectify', geometries.map(crop), t);
  t = performance.now();
  return lap('recognise', await read(crops), t);
}

export function meanTopOf(lines: LineCandidates[]): number {
  const tops = lines.flatMap((line) => line.map((position) => position[0].p));
  return tops.reduce((sum, p) => sum + p, 0) / Math.max(1, tops.length);
}
