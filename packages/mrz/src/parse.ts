import { isMrzChar } from './alphabet.js';
import { MrzShapeError } from './errors.js';
import { checkedExtent, compositeHolds, fieldCheckHolds } from './field-checks.js';
import {
  readCountry,
  readDate,
  readOptionalData,
  readPadded,
  readSex,
  type FieldReading,
} from './field-parsers.js';
import type { FieldName, FormatTable } from './formats/field-table.js';
import { layoutOf, type PositionRole } from './formats/layout.js';
import { FORMAT_TABLES, detectFormat } from './formats/registry.js';
import { parseNames } from './names.js';
import type { FieldProblem, MrzChecks, MrzFields, ParsedMrz } from './types.js';

export interface ParseOptions {
  /** Reference date for choosing the century of two-digit years; defaults to now. */
  today?: Date;
}

/** Throws MrzShapeError when the line count and lengths match no format. */
export function parseMrz(lines: string[], options: ParseOptions = {}): ParsedMrz {
  const format = detectFormat(lines);
  if (!format) {
    const lengths = lines.map((line) => line.length).join(', ');
    throw new MrzShapeError(`${lines.length} line(s) of length ${lengths} match no MRZ format`);
  }
  const table = FORMAT_TABLES[format];
  const today = options.today ?? new Date();
  const problems = invalidCharacters(table, lines);
  const checks: MrzChecks = {
    documentNumber: null,
    dateOfBirth: null,
    expiryDate: null,
    personalNumber: null,
    composite: null,
  };
  const texts = new Map<FieldName, string>(
    table.fields.map((field) => [field.name, lines[field.line].slice(field.start, field.end)]),
  );

  for (const field of table.fields) {
    if (!field.checkDigit) continue;
    const extent = checkedExtent(field, table, lines);
    texts.set(field.name, extent.data);
    if (field.overflow) texts.set(field.overflow, texts.get(field.overflow)!.slice(extent.overflowUsed));
    checks[field.name] = fieldCheckHolds(field, table, lines);
    if (!checks[field.name]) {
      problems.push({
        field: field.name,
        line: field.line,
        start: extent.start,
        end: extent.end,
        code: 'CHECK_DIGIT',
        message: 'check digit does not match the field',
      });
    }
  }
  if (table.composite) {
    checks.composite = compositeHolds(table.composite, lines);
    if (!checks.composite) {
      const { line, index } = table.composite.digit;
      problems.push({
        field: 'composite',
        line,
        start: index,
        end: index + 1,
        code: 'CHECK_DIGIT',
        message: 'composite check digit does not match',
      });
    }
  }

  const fields: MrzFields = {
    documentCode: '',
    issuingState: '',
    documentNumber: '',
    surname: '',
    givenNames: '',
    nationality: '',
    dateOfBirth: null,
    sex: null,
    expiryDate: null,
    personalNumber: null,
  };
  for (const field of table.fields) {
    const text = texts.get(field.name)!;
    const report = <T>(reading: FieldReading<T>): T => {
      if (reading.problem) {
        problems.push({
          field: field.name,
          line: field.line,
          start: field.start,
          end: field.end,
          ...reading.problem,
        });
      }
      return reading.value;
    };
    switch (field.name) {
      case 'documentCode':
      case 'documentNumber':
        fields[field.name] = report(readPadded(text));
        break;
      case 'issuingState':
      case 'nationality':
        fields[field.name] = report(readCountry(text));
        break;
      case 'name':
        Object.assign(fields, parseNames(text));
        break;
      case 'dateOfBirth':
        fields.dateOfBirth = report(readDate(text, 'birth', today));
        break;
      case 'expiryDate':
        fields.expiryDate = report(readDate(text, 'expiry', today));
        break;
      case 'sex':
        fields.sex = report(readSex(text));
        break;
      case 'personalNumber':
      case 'optionalData2':
        fields[field.name] = report(readOptionalData(text));
        break;
    }
  }

  const checksHold = Object.values(checks).every((check) => check !== false);
  const valid = checksHold && !problems.some((problem) => problem.code === 'INVALID_CHARACTER');
  return { format, lines: [...lines], valid, checks, fields, problems };
}

function invalidCharacters(table: FormatTable, lines: readonly string[]): FieldProblem[] {
  const problems: FieldProblem[] = [];
  let layout: PositionRole[][] | undefined;
  lines.forEach((text, line) => {
    for (let index = 0; index < text.length; index++) {
      if (isMrzChar(text[index])) continue;
      layout ??= layoutOf(table);
      problems.push({
        field: layout[line][index].field,
        line,
        start: index,
        end: index + 1,
        code: 'INVALID_CHARACTER',
        message: 'character outside the MRZ alphabet',
      });
    }
  });
  return problems;
}
