import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MrzShapeError, correctMrz, type LineCandidates } from '../src/index.js';
import { charValue, fitsClass } from '../src/alphabet.js';
import { layoutOf } from '../src/formats/layout.js';
import { FORMAT_TABLES } from '../src/formats/registry.js';
import { FORMATS, TODAY, generatedMrz } from './support/arbitraries.js';
import { candidatesFor, runnerUp } from './support/candidates.js';
import { buildMrz } from './support/mrz-builder.js';

const today = TODAY;
const TD3 = ['P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<', 'L898902C36UTO7408122F1204159ZE184226B<<<<<10'];
const TD1 = [
  'I<UTOD231458907<<<<<<<<<<<<<<<',
  '7408122F1204159UTO<<<<<<<<<<<6',
  'ERIKSSON<<ANNA<MARIA<<<<<<<<<<',
];
const ROMANIA = ['IDROUSAVA<<SUPERMAN<<<<<<<<<<<<<<<<<', 'HD198025<51328505095M130509012049941'];
const GERMANY = [
  'P<BDRMUSTERMANN<<ERIKA<<<<<<<<<<<<<<<<<<<<<<',
  'CA000000<4D<<6408125F1802212<<<<<<<<<<<<<<<6',
];

const misread = (wrong: string, pWrong: number, right: string) => [
  { char: wrong, p: pWrong },
  { char: right, p: 1 - pWrong - 0.01 },
];

describe('correctMrz', () => {
  it('returns a clean reading unchanged', () => {
    const result = correctMrz(candidatesFor(TD3), { today });
    expect(result.lines).toEqual(TD3);
    expect(result.parsed.valid).toBe(true);
    expect(result.changedPositions).toEqual([]);
    // Runner-ups that are impossible in their field (a letter in a date) count for their digit twin.
    expect(result.confidence).toBeGreaterThan(0.97);
    expect(result.confidence).toBeLessThan(0.99);
  });

  it('fixes O for 0 in a date and B for 8 in a document number from the runner-up candidates', () => {
    const candidates = candidatesFor(TD3, {
      '1:15': misread('O', 0.6, '0'),
      '1:1': misread('B', 0.55, '8'),
    });
    const result = correctMrz(candidates, { today });
    expect(result.lines).toEqual(TD3);
    expect(result.parsed.valid).toBe(true);
    expect(result.changedPositions).toEqual([
      { line: 1, index: 1, from: 'B', to: '8' },
      { line: 1, index: 15, from: 'O', to: '0' },
    ]);
  });

  it('prefers a known state code when the recogniser hesitates (MLD → NLD), not when it is sure (132)', () => {
    const hesitant = correctMrz(candidatesFor(TD3, { '1:10': misread('M', 0.6, 'U') }), { today });
    expect(hesitant.lines).toEqual(TD3);
    const sure = correctMrz(candidatesFor(ROMANIA), { today });
    expect(sure.lines).toEqual(ROMANIA);
  });

  it("reads a state code's digit as its letter twin when that spells a known code (UT0 → UTO)", () => {
    const result = correctMrz(candidatesFor(TD3, { '1:12': misread('0', 0.6, 'O') }), { today });
    expect(result.lines).toEqual(TD3);
    expect(result.weakestUnprotected).toBeGreaterThan(0.9);
  });

  it("fixes K for a '<' check digit of a blank personal number", () => {
    const result = correctMrz(candidatesFor(GERMANY, { '1:42': misread('K', 0.6, '<') }), { today });
    expect(result.lines).toEqual(GERMANY);
    expect(result.parsed.valid).toBe(true);
  });

  it('lets the composite choose between readings that each satisfy their own check digit', () => {
    // "180812" passes the birth-date check as well as "740812"; only the latter passes the composite.
    const candidates = candidatesFor(TD3, { '1:13': misread('1', 0.6, '7'), '1:14': misread('8', 0.6, '4') });
    const result = correctMrz(candidates, { today });
    expect(result.lines).toEqual(TD3);
    expect(result.parsed.checks.composite).toBe(true);
  });

  it('fixes optional data that only the composite protects', () => {
    const result = correctMrz(candidatesFor(TD1, { '1:18': misread('5', 0.6, '<') }), { today });
    expect(result.lines).toEqual(TD1);
    expect(result.parsed.valid).toBe(true);
  });

  it('returns the best reading, invalid, when no candidate combination validates', () => {
    const candidates = candidatesFor(TD3, { '1:19': [{ char: '3', p: 0.99 }] });
    const result = correctMrz(candidates, { today });
    expect(result.lines[1]).toBe('L898902C36UTO7408123F1204159ZE184226B<<<<<10');
    expect(result.lines[0]).toBe(TD3[0]);
    expect(result.parsed.valid).toBe(false);
    expect(result.parsed.checks.dateOfBirth).toBe(false);
    expect(result.changedPositions).toEqual([]);
  });

  it('does not buy validity with unlikely candidates when the truth is not among them', () => {
    // The true '9' is missing; "E888902C3" would pass the check, through a 2% runner-up 'E'.
    const candidates = candidatesFor(TD3, { '1:2': misread('B', 0.55, '8') });
    const result = correctMrz(candidates, { today });
    expect(result.lines[1].slice(0, 10)).toBe('L8B8902C36');
    expect(result.parsed.valid).toBe(false);
  });

  it('does not buy composite validity with unlikely optional-data candidates', () => {
    const result = correctMrz(candidatesFor(TD1, { '1:29': [{ char: '5', p: 0.99 }] }), { today });
    expect(result.lines[1]).toBe('7408122F1204159UTO<<<<<<<<<<<5');
    expect(result.parsed.checks.composite).toBe(false);
  });

  it('measures the composite budget from the cheapest reading, even when that is not a digit', () => {
    // Digit 5 with a 2% '9' in the optional data would satisfy the composite: too dear.
    const candidates = candidatesFor(TD1, {
      '1:29': [
        { char: 'H', p: 0.97 },
        { char: '5', p: 0.02 },
      ],
      '1:20': [
        { char: '<', p: 0.97 },
        { char: '9', p: 0.02 },
      ],
    });
    const result = correctMrz(candidates, { today });
    expect(result.lines[1]).toBe('7408122F1204159UTO<<<<<<<<<<<H');
    expect(result.parsed.valid).toBe(false);
  });

  it('does not take a candidate below 1% to satisfy a check digit', () => {
    const candidates = candidatesFor(TD3, {
      '1:15': [
        { char: 'X', p: 0.99 },
        { char: '0', p: 0.005 },
      ],
    });
    const result = correctMrz(candidates, { today });
    expect(result.lines[1][15]).toBe('X');
    expect(result.parsed.valid).toBe(false);
  });

  it('reads a confident digit in a name, or a letter in a date, as its twin, with its certainty', () => {
    const candidates = candidatesFor(TD3, {
      '0:11': [
        { char: '0', p: 0.9 },
        { char: 'D', p: 0.05 },
      ],
      '1:15': [
        { char: 'O', p: 0.9 },
        { char: 'D', p: 0.05 },
      ],
    });
    const result = correctMrz(candidates, { today });
    expect(result.lines).toEqual(TD3);
    expect(result.parsed.valid).toBe(true);
    expect(result.weakestUnprotected).toBeGreaterThan(0.85);
  });

  it('never takes a character from outside the candidates', () => {
    const sure = (char: string) => [{ char, p: 1 }];
    const candidates = candidatesFor(TD3, { '1:9': sure('7') });
    const result = correctMrz(candidates, { today });
    expect(result.parsed.valid).toBe(false);
    expect(result.lines[1][9]).toBe('7');
  });

  it('keeps a confidently read nationality "132" despite the letter-field penalty', () => {
    const candidates = candidatesFor(ROMANIA, {
      '1:10': [
        { char: '1', p: 0.97 },
        { char: 'I', p: 0.03 },
      ],
      '1:11': [
        { char: '3', p: 0.98 },
        { char: 'B', p: 0.02 },
      ],
      '1:12': [
        { char: '2', p: 0.97 },
        { char: 'Z', p: 0.03 },
      ],
    });
    const result = correctMrz(candidates, { today });
    expect(result.lines).toEqual(ROMANIA);
    expect(result.parsed.valid).toBe(true);
    expect(result.parsed.fields.nationality).toBe('132');
  });

  it('prefers a letter in a country code when the digit is not much likelier', () => {
    const candidates = candidatesFor(TD3, {
      '1:11': [
        { char: '7', p: 0.6 },
        { char: 'T', p: 0.4 },
      ],
    });
    expect(correctMrz(candidates, { today }).parsed.fields.nationality).toBe('UTO');
  });

  it('reports a weak name character in weakestUnprotected', () => {
    const result = correctMrz(candidatesFor(TD3, { '0:6': misread('B', 0.55, 'R') }), { today });
    expect(result.lines[0]).toBe('P<UTOEBIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<');
    expect(result.parsed.valid).toBe(true);
    expect(result.weakestUnprotected).toBe(0.55);
  });

  it('does not count check-protected characters as unprotected', () => {
    const result = correctMrz(candidatesFor(TD3, { '1:15': misread('O', 0.6, '0') }), { today });
    expect(result.weakestUnprotected).toBe(0.97);
  });

  it("counts a protected character as unprotected when a same-valued twin ('<'/K) was a candidate", () => {
    const result = correctMrz(candidatesFor(GERMANY, { '1:8': misread('<', 0.6, 'K') }), { today });
    expect(result.parsed.valid).toBe(true);
    expect(result.weakestUnprotected).toBe(0.6);
  });

  it('reports a checked character with a check-blind look-alike, offered or not (8 and S in a document number)', () => {
    const inNumber = correctMrz(candidatesFor(TD3, { '1:1': misread('8', 0.6, 'B') }), { today });
    expect(inNumber.parsed.valid).toBe(true);
    expect(inNumber.weakestCheckBlind).toBe(0.6);
    expect(inNumber.weakestUnprotected).toBe(0.97);
    // In a date no letter fits, so the same doubt is the check digit's to settle.
    const inDate = correctMrz(candidatesFor(TD3, { '1:16': misread('8', 0.6, 'B') }), { today });
    expect(inDate.parsed.valid).toBe(true);
    expect(inDate.weakestCheckBlind).toBe(0.97);
  });

  it('reports an unchecked M, N or W, offered a look-alike or not: unseen fonts turn one into another', () => {
    const inName = correctMrz(candidatesFor(TD3, { '0:20': misread('M', 0.8, 'A') }), { today });
    expect(inName.lines[0]).toBe('P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<');
    expect(inName.weakestFontBlind).toBe(0.8);
    expect(inName.weakestCheckBlind).toBe(0.97);
    // Other name letters are the unprotected bar's to judge.
    const other = correctMrz(candidatesFor(TD3, { '0:21': misread('A', 0.8, 'R') }), { today });
    expect(other.weakestFontBlind).toBe(0.97);
    expect(other.weakestUnprotected).toBe(0.8);
  });

  it('is 1 when every character is protected or certain', () => {
    const certain: LineCandidates[] = TD3.map((line) => [...line].map((char) => [{ char, p: 1 }]));
    expect(correctMrz(certain, { today }).weakestUnprotected).toBe(1);
  });

  it("reads a 2×44 zone as a visa when the document code reads 'V'", () => {
    const visa = [
      'V<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<',
      'L8988901C4XXX4009078F96121096ZE184226B<<<<<<',
    ];
    const result = correctMrz(
      candidatesFor(visa, {
        '0:0': [
          { char: 'V', p: 0.7 },
          { char: 'P', p: 0.3 },
        ],
      }),
      { today },
    );
    expect(result.parsed.format).toBe('MRVA');
    expect(result.parsed.valid).toBe(true);
    const passport = correctMrz(
      candidatesFor(TD3, {
        '0:0': [
          { char: 'P', p: 0.7 },
          { char: 'V', p: 0.3 },
        ],
      }),
      { today },
    );
    expect(passport.parsed.format).toBe('TD3');
  });

  it('throws MrzShapeError when the shape matches no format', () => {
    expect(() => correctMrz(candidatesFor(['P<UTO', 'L898902C3']))).toThrow(MrzShapeError);
    expect(() => correctMrz([])).toThrow(expect.objectContaining({ code: 'INVALID_SHAPE' }));
  });

  it('throws a coded error for a position without candidates', () => {
    const candidates = candidatesFor(TD3);
    candidates[1][20] = [];
    expect(() => correctMrz(candidates)).toThrow(expect.objectContaining({ code: 'NO_CANDIDATES' }));
  });

  it('stays bounded on a recogniser that is unsure everywhere', () => {
    const unsure: LineCandidates[] = TD1.map((line) =>
      [...line].map((char) => [
        { char, p: 0.34 },
        { char: runnerUp(char), p: 0.33 },
        { char: runnerUp(runnerUp(char)) === char ? 'X' : runnerUp(runnerUp(char)), p: 0.33 },
      ]),
    );
    const started = performance.now();
    const result = correctMrz(unsure, { today });
    expect(performance.now() - started).toBeLessThan(2000);
    expect(
      result.lines.every((line, l) => [...line].every((c, i) => unsure[l][i].some((o) => o.char === c))),
    ).toBe(true);
  });
});

describe.each(FORMATS)('correctMrz on generated %s zones', (format) => {
  const layout = layoutOf(FORMAT_TABLES[format]);
  const checked = layout.flatMap((line, l) =>
    line.flatMap((role, i) =>
      role.covered && role.field !== 'composite' ? [{ line: l, index: i, role }] : [],
    ),
  );

  it('leaves a valid top reading unchanged', () => {
    fc.assert(
      fc.property(generatedMrz(format), ({ spec }) => {
        const lines = buildMrz(spec);
        const result = correctMrz(candidatesFor(lines), { today });
        expect(result.lines).toEqual(lines);
        expect(result.parsed.valid).toBe(true);
      }),
      { numRuns: 100 },
    );
  });

  it('undoes a single misread of a checked character when the truth is the runner-up', () => {
    fc.assert(
      fc.property(
        generatedMrz(format),
        fc.nat(checked.length - 1),
        fc.constantFrom(...'<0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ'),
        ({ spec }, at, wrong) => {
          const lines = buildMrz(spec);
          const { line, index, role } = checked[at];
          const truth = lines[line][index];
          fc.pre(fitsClass(wrong, role.charClass) && charValue(wrong) % 10 !== charValue(truth) % 10);
          const result = correctMrz(
            candidatesFor(lines, { [`${line}:${index}`]: misread(wrong, 0.6, truth) }),
            {
              today,
            },
          );
          expect(result.lines).toEqual(lines);
          expect(result.parsed.valid).toBe(true);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('rivalMargin', () => {
  it('is large when no other valid reading is nearly as likely', () => {
    expect(correctMrz(candidatesFor(TD3), { today }).rivalMargin).toBeGreaterThan(Math.log(10));
  });

  it('is small when two expiry dates both satisfy the date and composite check digits', () => {
    // 120415 → 130405: +1 at the second digit and −1 at the fifth keep both 7-3-1 sums.
    const result = correctMrz(
      candidatesFor(TD3, {
        '1:22': [
          { char: '2', p: 0.5 },
          { char: '3', p: 0.45 },
        ],
        '1:25': [
          { char: '1', p: 0.5 },
          { char: '0', p: 0.45 },
        ],
      }),
      { today },
    );
    expect(result.parsed.valid).toBe(true);
    expect(result.weakest).toBeGreaterThanOrEqual(0.45);
    expect(result.rivalMargin).toBeLessThan(Math.log(2));
  });

  it('is infinite on an invalid reading', () => {
    const broken = [TD3[0], TD3[1].slice(0, 27) + '0' + TD3[1].slice(28)];
    const result = correctMrz(candidatesFor(broken), { today });
    expect(result.parsed.valid).toBe(false);
    expect(result.rivalMargin).toBe(Infinity);
  });
});
