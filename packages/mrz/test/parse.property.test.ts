import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MRZ_ALPHABET, parseMrz } from '../src/index.js';
import { charValue } from '../src/alphabet.js';
import { rangePositions } from '../src/formats/layout.js';
import { FORMAT_TABLES } from '../src/formats/registry.js';
import type { MrzFormat } from '../src/types.js';
import { FORMATS, TODAY, generatedMrz } from './support/arbitraries.js';
import { buildMrz } from './support/mrz-builder.js';

/** Characters of checked fields and the check digits themselves, per the format's table. */
function protectedPositions(format: MrzFormat) {
  const table = FORMAT_TABLES[format];
  return table.fields.flatMap((field) =>
    field.checkDigit
      ? [...rangePositions(field), { line: field.checkDigit.line, index: field.checkDigit.index }]
      : [],
  );
}

const substitute = (lines: string[], line: number, index: number, char: string) =>
  lines.map((text, l) => (l === line ? text.slice(0, index) + char + text.slice(index + 1) : text));

describe.each(FORMATS)('%s', (format) => {
  it('round-trips a generated MRZ through parseMrz, valid and with every field intact', () => {
    fc.assert(
      fc.property(generatedMrz(format), ({ spec, expected }) => {
        const parsed = parseMrz(buildMrz(spec), { today: TODAY });
        expect(parsed.format).toBe(format);
        expect(parsed.problems.filter((p) => p.code !== 'UNKNOWN_COUNTRY')).toEqual([]);
        expect(parsed.valid).toBe(true);
        expect(parsed.fields).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });

  it('detects every single substitution in a checked field that changes its value modulo 10', () => {
    const positions = protectedPositions(format);
    fc.assert(
      fc.property(
        generatedMrz(format),
        fc.nat(positions.length - 1),
        fc.constantFrom(...MRZ_ALPHABET),
        ({ spec }, at, char) => {
          const lines = buildMrz(spec);
          const { line, index } = positions[at];
          const original = lines[line][index];
          fc.pre(charValue(char) % 10 !== charValue(original) % 10);
          expect(parseMrz(substitute(lines, line, index, char), { today: TODAY }).valid).toBe(false);
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('the limits of the 7-3-1 check digit', () => {
  const specimen = [
    'P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<',
    'L898902C36UTO7408122F1204159ZE184226B<<<<<10',
  ];

  it('catches every substitution in TD3 checked data exactly when the value changes modulo 10', () => {
    const digits = new Set(
      FORMAT_TABLES.TD3.fields.flatMap((f) =>
        f.checkDigit ? [`${f.checkDigit.line}:${f.checkDigit.index}`] : [],
      ),
    );
    for (const { line, index } of protectedPositions('TD3')) {
      const original = specimen[line][index];
      for (const char of MRZ_ALPHABET) {
        if (char === original) continue;
        const { valid } = parseMrz(substitute(specimen, line, index, char), { today: TODAY });
        // A check digit must be that very digit; in the data only the value modulo 10 counts.
        const detectable =
          digits.has(`${line}:${index}`) || charValue(char) % 10 !== charValue(original) % 10;
        expect(valid, `${line}:${index} ${original}→${char}`).toBe(!detectable);
      }
    }
  });

  it("misses the OCR confusions '<'/K and 6/G, which share a value modulo 10", () => {
    expect(parseMrz(substitute(specimen, 1, 41, 'K'), { today: TODAY }).valid).toBe(true);
    expect(parseMrz(substitute(specimen, 1, 35, 'G'), { today: TODAY }).valid).toBe(true);
    // …but not 0/O, 1/I, 2/Z, 5/S or 8/B.
    expect(parseMrz(substitute(specimen, 1, 2, 'B'), { today: TODAY }).valid).toBe(false);
    expect(parseMrz(substitute(specimen, 1, 15, 'O'), { today: TODAY }).valid).toBe(false);
  });
});
