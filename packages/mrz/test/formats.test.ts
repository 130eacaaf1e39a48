import { describe, expect, it } from 'vitest';
import { layoutOf, rangePositions } from '../src/formats/layout.js';
import { FORMAT_TABLES } from '../src/formats/registry.js';
import { FORMAT_SHAPES, detectFormat, formatsForShape } from '../src/index.js';

describe('formatsForShape', () => {
  it('maps each ICAO shape to its formats', () => {
    expect(formatsForShape(2, 44)).toEqual(['TD3', 'MRVA']);
    expect(formatsForShape(2, 36)).toEqual(['TD2', 'MRVB']);
    expect(formatsForShape(3, 30)).toEqual(['TD1']);
    expect(formatsForShape(2, 30)).toEqual([]);
    expect(formatsForShape(3, 44)).toEqual([]);
  });

  it('lists every format once in FORMAT_SHAPES', () => {
    expect(FORMAT_SHAPES.map((shape) => shape.format)).toEqual(['TD1', 'TD2', 'TD3', 'MRVA', 'MRVB']);
  });
});

describe('detectFormat', () => {
  const line = (first: string, length: number) => first.padEnd(length, '<');

  it("tells visas by the document code 'V'", () => {
    expect(detectFormat([line('P', 44), line('', 44)])).toBe('TD3');
    expect(detectFormat([line('V', 44), line('', 44)])).toBe('MRVA');
    expect(detectFormat([line('I', 36), line('', 36)])).toBe('TD2');
    expect(detectFormat([line('V', 36), line('', 36)])).toBe('MRVB');
    expect(detectFormat([line('I', 30), line('', 30), line('', 30)])).toBe('TD1');
  });

  it('returns null for shapes no format has', () => {
    expect(detectFormat([])).toBeNull();
    expect(detectFormat([line('P', 44), line('', 43)])).toBeNull();
    expect(detectFormat([line('P', 44)])).toBeNull();
  });
});

describe('field tables', () => {
  it.each(Object.values(FORMAT_TABLES))('$format assigns every position exactly once', (table) => {
    const owners = new Map<string, string>();
    const claim = (line: number, index: number, owner: string) => {
      expect(line).toBeLessThan(table.lines);
      expect(index).toBeLessThan(table.length);
      const key = `${line}:${index}`;
      expect(owners.get(key), `${owner} overlaps ${owners.get(key)} at ${key}`).toBeUndefined();
      owners.set(key, owner);
    };
    for (const field of table.fields) {
      rangePositions(field).forEach(({ line, index }) => claim(line, index, field.name));
      if (field.checkDigit) claim(field.checkDigit.line, field.checkDigit.index, `${field.name} check digit`);
    }
    if (table.composite) claim(table.composite.digit.line, table.composite.digit.index, 'composite');
    expect(owners.size).toBe(table.lines * table.length);
  });

  it.each(Object.values(FORMAT_TABLES).filter((table) => table.composite))(
    '$format composite covers every checked field and its check digit',
    (table) => {
      const layout = layoutOf(table);
      for (const field of table.fields.filter((f) => f.checkDigit)) {
        const composite = new Set(
          table.composite!.ranges.flatMap(rangePositions).map((p) => `${p.line}:${p.index}`),
        );
        for (const p of [...rangePositions(field), field.checkDigit!]) {
          expect(composite.has(`${p.line}:${p.index}`), `${field.name} ${p.line}:${p.index}`).toBe(true);
          expect(layout[p.line][p.index].covered).toBe(true);
        }
      }
    },
  );
});
