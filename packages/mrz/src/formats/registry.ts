import type { MrzFormat } from '../types.js';
import type { FormatTable } from './field-table.js';
import { MRVA } from './mrva.js';
import { MRVB } from './mrvb.js';
import { TD1 } from './td1.js';
import { TD2 } from './td2.js';
import { TD3 } from './td3.js';

export const FORMAT_TABLES: Readonly<Record<MrzFormat, FormatTable>> = { TD1, TD2, TD3, MRVA, MRVB };

export interface FormatShape {
  format: MrzFormat;
  lines: number;
  length: number;
}

export const FORMAT_SHAPES: readonly FormatShape[] = Object.values(FORMAT_TABLES).map(
  ({ format, lines, length }) => ({ format, lines, length }),
);

export function formatsForShape(lineCount: number, lineLength: number): MrzFormat[] {
  return FORMAT_SHAPES.filter((shape) => shape.lines === lineCount && shape.length === lineLength).map(
    (shape) => shape.format,
  );
}

/** Among formats of one shape, the document code's first character decides: 'V' is a visa. */
export function formatForDocumentCode(formats: readonly MrzFormat[], firstChar: string): MrzFormat | null {
  const visa = firstChar === 'V';
  if (formats.length === 1) return formats[0];
  return formats.find((format) => FORMAT_TABLES[format].visa === visa) ?? null;
}

export function detectFormat(lines: string[]): MrzFormat | null {
  const length = lines[0]?.length ?? 0;
  if (!lines.every((line) => line.length === length)) return null;
  return formatForDocumentCode(formatsForShape(lines.length, length), lines[0]?.[0] ?? '');
}
