import type { FileOutcome } from './main.js';

/** A table for people, one block per file: the fields and the MRZ as read, or why not. */
export function formatOne(outcome: FileOutcome): string {
  if (!outcome.ok) return `${outcome.file}\n  error  ${outcome.error.code}: ${outcome.error.message}\n`;
  const { result } = outcome;
  const f = result.fields;
  const checks = Object.entries(result.checks)
    .filter(([, v]) => v !== null)
    .map(([k, v]) => `${k} ${v ? 'ok' : 'FAIL'}`)
    .join(', ');
  const rows: Array<[string, string]> = [
    [
      'format',
      `${result.format}  ${result.valid ? 'valid' : 'NOT VALID'}  (confidence ${result.confidence})`,
    ],
    ['document', `${f.documentCode}  ${f.documentNumber}  issued by ${f.issuingState}`],
    ['name', `${f.surname}, ${f.givenNames}`],
    ['nationality', f.nationality],
    ['born', `${f.dateOfBirth ?? '(invalid date)'}  sex ${f.sex ?? '?'}`],
    ['expires', f.expiryDate ?? '(invalid date)'],
    ['checks', checks],
    ['mrz', result.mrz.join('\n' + ' '.repeat(15))],
    ['time', `${result.timingsMs.total} ms`],
  ];
  return `${outcome.file}\n${rows.map(([k, v]) => `  ${k.padEnd(12)} ${v}`).join('\n')}\n`;
}
