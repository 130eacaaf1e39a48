import type { MrzFormat } from '../types.js';
import type { FieldName } from './field-table.js';
import { layoutOf, rangePositions } from './layout.js';
import { FORMAT_TABLES } from './registry.js';

export interface FieldRange {
  name: FieldName;
  line: number;
  /** `end` is exclusive. */
  start: number;
  end: number;
  /** Some check digit (the field's own or the composite) covers every character of the field. */
  checked: boolean;
}

/** Where each field of a format sits, and whether a check digit protects it. */
export function fieldRanges(format: MrzFormat): FieldRange[] {
  const table = FORMAT_TABLES[format];
  const layout = layoutOf(table);
  return table.fields.map(({ name, line, start, end }) => ({
    name,
    line,
    start,
    end,
    checked: rangePositions({ line, start, end }).every((p) => layout[p.line][p.index].covered),
  }));
}
