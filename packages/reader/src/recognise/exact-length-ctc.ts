import { MRZ_ALPHABET, type LineCandidates } from '@passport-reader/mrz';
import { topCandidates } from './candidates.js';

/** The sequence model's outputs per frame: the 37 MRZ characters, then the CTC blank. */
export const SEQUENCE_CLASSES = MRZ_ALPHABET.length + 1;
const BLANK = MRZ_ALPHABET.length;

/** One line read as a sequence and held to the format's length. */
export interface SequenceReading {
  /** Per character: the candidates of the frame where it shows most clearly. */
  candidates: LineCandidates[number][];
  /**
   * Where each character is, in frames from the strip's start (frame t covers [t, t + 1)): the
   * centroid of the frames the path gives it, weighted by its probability there.
   */
  positions: Float64Array;
  /** Characters the unconstrained (best-frame) reading has: the line's length as the network sees it. */
  naturalLength: number;
}

/**
 * Reads frame probabilities ([frames × 38], rows summing to 1) as exactly `length` characters: the
 * likeliest CTC path that emits that many (Viterbi over frames × characters emitted × current
 * class). A reading of another length is not forced blindly: `naturalLength` says how many the
 * network saw unconstrained, so a caller can tell a line read whole from one squeezed to fit.
 */
export function readExactLength(probs: Float32Array, frames: number, length: number): SequenceReading | null {
  const classes = SEQUENCE_CLASSES;
  if (frames < length || length < 1) return null;
  const log = new Float64Array(probs.length);
  for (let i = 0; i < probs.length; i++) log[i] = Math.log(Math.max(probs[i], 1e-30));

  const k1 = length + 1;
  // score[k * classes + c]: best log-probability with k characters emitted and this frame showing c
  // (c = BLANK for a gap); `from` holds, per frame and state, the previous frame's class (or -1: none).
  let score = new Float64Array(k1 * classes).fill(-Infinity);
  let next = new Float64Array(k1 * classes);
  const from = new Int8Array(frames * k1 * classes).fill(-1);
  score[BLANK] = log[BLANK];
  for (let c = 0; c < BLANK; c++) score[classes + c] = log[c];

  for (let t = 1; t < frames; t++) {
    next.fill(-Infinity);
    const row = t * classes;
    const back = t * k1 * classes;
    for (let k = 0; k <= length; k++) {
      const at = k * classes;
      // best and second-best character state at k, to start a *different* character at k + 1
      let first = -1;
      let second = -1;
      let bestAny = score[at + BLANK];
      let bestAnyFrom = BLANK;
      for (let c = 0; c < BLANK; c++) {
        const s = score[at + c];
        if (s > bestAny) {
          bestAny = s;
          bestAnyFrom = c;
        }
        if (first < 0 || s > score[at + first]) {
          second = first;
          first = c;
        } else if (second < 0 || s > score[at + second]) second = c;
      }
      // a gap: from anything at k
      next[at + BLANK] = bestAny + log[row + BLANK];
      from[back + at + BLANK] = bestAnyFrom;
      // the same character going on
      for (let c = 0; c < BLANK; c++) {
        next[at + c] = score[at + c] + log[row + c];
        from[back + at + c] = c;
      }
      if (k === 0) continue;
      // a new character at k, after a gap or after a different character at k - 1
      const prev = (k - 1) * classes;
      const gap = score[prev + BLANK];
      let top = -1;
      let runner = -1;
      for (let c = 0; c < BLANK; c++) {
        if (top < 0 || score[prev + c] > score[prev + top]) {
          runner = top;
          top = c;
        } else if (runner < 0 || score[prev + c] > score[prev + runner]) runner = c;
      }
      for (let c = 0; c < BLANK; c++) {
        const other = c === top ? runner : top;
        const start = gap >= score[prev + other] ? gap : score[prev + other];
        const startFrom = gap >= score[prev + other] ? BLANK : other;
        const s = start + log[row + c];
        if (s > next[at + c]) {
          next[at + c] = s;
          // a start is marked by the previous frame's class plus `classes` (another count)
          from[back + at + c] = startFrom + classes;
        }
      }
    }
    [score, next] = [next, score];
  }

  let end = -1;
  for (let c = 0; c < classes; c++) {
    if (end < 0 || score[length * classes + c] > score[length * classes + end]) end = c;
  }
  if (!Number.isFinite(score[length * classes + end])) return null;

  // Walk back: for each character, the frame where its class is likeliest, and its centroid.
  const chosen = new Int32Array(length);
  const peak = new Int32Array(length).fill(-1);
  const weight = new Float64Array(length);
  const positions = new Float64Array(length);
  let k = length;
  let c = end;
  for (let t = frames - 1; t >= 0; t--) {
    if (c !== BLANK) {
      const i = k - 1;
      const p = probs[t * classes + c];
      if (peak[i] < 0 || p > probs[peak[i] * classes + chosen[i]]) {
        peak[i] = t;
        chosen[i] = c;
      }
      weight[i] += p;
      positions[i] += p * (t + 0.5);
    }
    if (t === 0) break;
    const f = from[t * k1 * classes + k * classes + c];
    if (f >= classes) {
      k--;
      c = f - classes;
    } else c = f;
  }
  return {
    candidates: Array.from(peak, (t) => withoutBlank(probs, t * classes)),
    positions: positions.map((sum, i) => sum / weight[i]),
    naturalLength: naturalLength(probs, frames),
  };
}

/** The character distribution of one frame, the blank's share given back to the characters. */
function withoutBlank(probs: Float32Array, offset: number): LineCandidates[number] {
  return topCandidates(probs.subarray(offset, offset + BLANK), 1 - probs[offset + BLANK]);
}

/** How many characters the best class of each frame spells (repeats merged, blanks dropped). */
export function naturalLength(probs: Float32Array, frames: number): number {
  let count = 0;
  let previous = BLANK;
  for (let t = 0; t < frames; t++) {
    let best = 0;
    for (let c = 1; c < SEQUENCE_CLASSES; c++) {
      if (probs[t * SEQUENCE_CLASSES + c] > probs[t * SEQUENCE_CLASSES + best]) best = c;
    }
    if (best !== BLANK && best !== previous) count++;
    previous = best;
  }
  return count;
}
