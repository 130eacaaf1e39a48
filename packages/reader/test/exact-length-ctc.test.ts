import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MRZ_ALPHABET } from '@passport-reader/mrz';
import { naturalLength, readExactLength, SEQUENCE_CLASSES } from '../src/recognise/exact-length-ctc.js';

const BLANK = SEQUENCE_CLASSES - 1;

/**
 * Frame probabilities that spell `text`: each character over `run` frames at `sure`, the rest of
 * each frame spread evenly, and blank frames between characters (always between repeats, which
 * CTC would merge otherwise).
 */
function framesOf(
  text: string,
  run: number[],
  gaps: number[],
  sure = 0.9,
): { probs: Float32Array; frames: number; centres: number[] } {
  const rows: number[] = [];
  const centres: number[] = [];
  const push = (cls: number) => rows.push(cls);
  for (let i = 0; i < text.length; i++) {
    const gap = Math.max(gaps[i], i > 0 && text[i] === text[i - 1] ? 1 : 0);
    for (let g = 0; g < gap; g++) push(BLANK);
    centres.push(rows.length + run[i] / 2);
    for (let f = 0; f < run[i]; f++) push(MRZ_ALPHABET.indexOf(text[i]));
  }
  push(BLANK);
  const probs = new Float32Array(rows.length * SEQUENCE_CLASSES).fill((1 - sure) / (SEQUENCE_CLASSES - 1));
  rows.forEach((cls, t) => (probs[t * SEQUENCE_CLASSES + cls] = sure));
  return { probs, frames: rows.length, centres };
}

const line = fc
  .integer({ min: 1, max: 44 })
  .chain((n) =>
    fc.tuple(
      fc.string({ unit: fc.constantFrom(...MRZ_ALPHABET), minLength: n, maxLength: n }),
      fc.array(fc.integer({ min: 1, max: 5 }), { minLength: n, maxLength: n }),
      fc.array(fc.integer({ min: 0, max: 3 }), { minLength: n, maxLength: n }),
    ),
  );

describe('readExactLength', () => {
  it('reads what the frames spell, at its own length, where it is, with the frames’ certainty', () => {
    fc.assert(
      fc.property(line, ([text, run, gaps]) => {
        const { probs, frames, centres } = framesOf(text, run, gaps);
        const read = readExactLength(probs, frames, text.length)!;
        expect(read.candidates.map((c) => c[0].char).join('')).toBe(text);
        expect(read.naturalLength).toBe(text.length);
        centres.forEach((centre, i) => expect(read.positions[i]).toBeCloseTo(centre, 6));
        for (const c of read.candidates) expect(c[0].p).toBeCloseTo(0.9 / (1 - 0.1 / 37), 3);
      }),
    );
  });

  it('held to one character more than it sees, it still says how many it saw', () => {
    fc.assert(
      fc.property(line, ([text, run, gaps]) => {
        const { probs, frames } = framesOf(text, run, gaps);
        // every character has a frame and a blank ends the line: there is room for one more
        const read = readExactLength(probs, frames, text.length + 1)!;
        expect(read.candidates).toHaveLength(text.length + 1);
        expect(read.naturalLength).toBe(text.length);
      }),
    );
  });

  it('splits a long run of one character only where a blank frame allows it', () => {
    const { probs, frames } = framesOf('<<<<', [3, 3, 3, 3], [0, 1, 1, 1]);
    expect(naturalLength(probs, frames)).toBe(4);
    expect(
      readExactLength(probs, frames, 4)!
        .candidates.map((c) => c[0].char)
        .join(''),
    ).toBe('<<<<');
  });

  it('refuses a length longer than the frames', () => {
    const { probs, frames } = framesOf('AB', [1, 1], [0, 0]);
    expect(readExactLength(probs, frames, frames + 1)).toBeNull();
  });
});
