export type MrzFormat = 'TD1' | 'TD2' | 'TD3' | 'MRVA' | 'MRVB';

export interface MrzFields {
  documentCode: string;
  issuingState: string;
  documentNumber: string;
  surname: string;
  givenNames: string;
  nationality: string;
  /** ISO YYYY-MM-DD; null when the printed date is impossible or filled with '<' (unknown). */
  dateOfBirth: string | null;
  sex: 'M' | 'F' | 'X' | '<' | null;
  expiryDate: string | null;
  /** TD3 personal number, or the optional data of TD1 line 1, TD2 and visas; null when blank. */
  personalNumber: string | null;
  /** TD1 only: the optional data of line 2. */
  optionalData2?: string | null;
}

/** null where the format defines no such check digit. */
export interface MrzChecks {
  documentNumber: boolean | null;
  dateOfBirth: boolean | null;
  expiryDate: boolean | null;
  personalNumber: boolean | null;
  composite: boolean | null;
}

export type CheckName = keyof MrzChecks;

export type ProblemCode =
  'CHECK_DIGIT' | 'INVALID_DATE' | 'UNKNOWN_COUNTRY' | 'INVALID_CHARACTER' | 'INVALID_SEX';

/** Lines and indexes are 0-based; `end` is exclusive, as in String.prototype.slice. */
export interface FieldProblem {
  field: string;
  line: number;
  start: number;
  end: number;
  code: ProblemCode;
  message: string;
}

export interface ParsedMrz {
  format: MrzFormat;
  lines: string[];
  /** Every check digit of the format holds and every character is in the MRZ alphabet. */
  valid: boolean;
  checks: MrzChecks;
  fields: MrzFields;
  problems: FieldProblem[];
}
