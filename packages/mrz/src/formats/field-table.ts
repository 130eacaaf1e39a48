import type { CharClass } from '../alphabet.js';
import type { CheckName, MrzFormat } from '../types.js';

export type FieldName =
  | 'documentCode'
  | 'issuingState'
  | 'documentNumber'
  | 'name'
  | 'nationality'
  | 'dateOfBirth'
  | 'sex'
  | 'expiryDate'
  | 'personalNumber'
  | 'optionalData2';

export interface Position {
  line: number;
  index: number;
}

/** `end` is exclusive. */
export interface Range {
  line: number;
  start: number;
  end: number;
}

export type FieldKind = Extract<CharClass, 'alpha' | 'name' | 'numeric' | 'alphanumeric' | 'sex'>;

interface FieldBase extends Range {
  kind: FieldKind;
}

export interface PlainField extends FieldBase {
  name: FieldName;
  checkDigit?: undefined;
}

export interface CheckDigitSpec extends Position {
  /** '<' is a valid check digit when the field is all fillers (TD3 personal number). */
  fillerWhenBlank?: boolean;
}

export interface CheckedField extends FieldBase {
  name: Exclude<CheckName, 'composite'> & FieldName;
  checkDigit: CheckDigitSpec;
  /**
   * TD1/TD2 long document numbers (ICAO 9303 part 5 note j, part 6): when the check digit
   * position holds '<', the number continues in this field up to its first '<', and the
   * last character of that run is the check digit.
   */
  overflow?: FieldName;
}

export type FieldSpec = PlainField | CheckedField;

export interface CompositeSpec {
  ranges: Range[];
  digit: Position;
}

export interface FormatTable {
  format: MrzFormat;
  lines: number;
  length: number;
  /** Visas share their shapes with TD2/TD3 and are told apart by the document code 'V'. */
  visa: boolean;
  fields: FieldSpec[];
  composite: CompositeSpec | null;
}
