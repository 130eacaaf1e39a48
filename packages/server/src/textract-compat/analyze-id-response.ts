import type { ReadResult } from '@passport-reader/contract';

/**
 * Amazon Textract AnalyzeID's answer, built from our reading: what code written for Textract
 * (the system this replaces among it) reads. Shapes from the AnalyzeID API reference.
 */
export interface AnalyzeIdOutput {
  IdentityDocuments: IdentityDocument[];
  DocumentMetadata: { Pages: number };
  AnalyzeIDModelVersion: string;
}

export interface IdentityDocument {
  DocumentIndex: number;
  IdentityDocumentFields: IdentityDocumentField[];
}

export interface IdentityDocumentField {
  Type: { Text: string; Confidence: number };
  ValueDetection: {
    Text: string;
    NormalizedValue?: { Value: string; ValueType: 'Date' };
    Confidence: number;
  };
}

/** Textract's own field types, in its order; those an MRZ does not hold are answered empty, as Textract does. */
const TEXTRACT_FIELDS = [
  'FIRST_NAME',
  'LAST_NAME',
  'MIDDLE_NAME',
  'SUFFIX',
  'CITY_IN_ADDRESS',
  'ZIP_CODE_IN_ADDRESS',
  'STATE_IN_ADDRESS',
  'STATE_NAME',
  'DOCUMENT_NUMBER',
  'EXPIRATION_DATE',
  'DATE_OF_BIRTH',
  'DATE_OF_ISSUE',
  'ID_TYPE',
  'ENDORSEMENTS',
  'VETERAN',
  'RESTRICTIONS',
  'CLASS',
  'ADDRESS',
  'COUNTY',
  'PLACE_OF_BIRTH',
  'MRZ_CODE',
] as const;

/**
 * What the MRZ holds beyond Textract's types, under names of the same style. Textract's types
 * are open strings, so a caller that does not know them passes over them.
 */
const MRZ_EXTRA_FIELDS = ['NATIONALITY', 'SEX', 'ISSUING_COUNTRY', 'PERSONAL_NUMBER'] as const;

type FieldType = (typeof TEXTRACT_FIELDS)[number] | (typeof MRZ_EXTRA_FIELDS)[number];

/**
 * Textract's confidences are percentages, and callers commonly accept a field above 50 or so. A
 * reading we do not vouch for (`valid: false`) is never reported above this, so such a caller
 * does not take a misreading for a reading.
 */
export const UNVOUCHED_CONFIDENCE_CAP = 49.9;

export const ANALYZE_ID_MODEL_VERSION = '1.0';

/** One page's document: its fields from the reading, or every field empty where no MRZ was read. */
export function identityDocument(index: number, result: ReadResult | null): IdentityDocument {
  const values = result ? fieldValues(result) : new Map<FieldType, FieldValue>();
  const types: readonly FieldType[] = [...TEXTRACT_FIELDS, ...(result ? MRZ_EXTRA_FIELDS : [])];
  return {
    DocumentIndex: index,
    IdentityDocumentFields: types.map((type) => {
      const value = values.get(type);
      const confidence = value ? percent(value.p, result!.valid) : 0;
      return {
        Type: { Text: type, Confidence: value ? 99 : 0 },
        ValueDetection: {
          Text: value?.text ?? '',
          ...(value?.date ? { NormalizedValue: { Value: `${value.date}T00:00:00`, ValueType: 'Date' } } : {}),
          Confidence: confidence,
        },
      };
    }),
  };
}

interface FieldValue {
  text: string;
  /** The probability behind the value (0–1). */
  p: number;
  /** ISO date, for a date field. */
  date?: string;
}

function fieldValues(result: ReadResult): Map<FieldType, FieldValue> {
  const { fields } = result;
  const p = (name: string) => result.fieldConfidence?.[name]?.min ?? result.confidence;
  const values = new Map<FieldType, FieldValue>();
  const put = (type: FieldType, text: string | null | undefined, pOf: string, date?: string | null) => {
    if (text) values.set(type, { text, p: p(pOf), ...(date ? { date } : {}) });
  };
  const [first, ...middle] = fields.givenNames.split(' ').filter(Boolean);
  put('FIRST_NAME', first, 'name');
  put('MIDDLE_NAME', middle.join(' '), 'name');
  put('LAST_NAME', fields.surname, 'name');
  put('DOCUMENT_NUMBER', fields.documentNumber, 'documentNumber');
  put('DATE_OF_BIRTH', fields.dateOfBirth, 'dateOfBirth', fields.dateOfBirth);
  put('EXPIRATION_DATE', fields.expiryDate, 'expiryDate', fields.expiryDate);
  put('ID_TYPE', fields.documentCode.startsWith('P') ? 'PASSPORT' : 'OTHER', 'documentCode');
  values.set('MRZ_CODE', { text: result.mrz.join('\n'), p: result.confidence });
  put('NATIONALITY', fields.nationality, 'nationality');
  put('SEX', fields.sex, 'sex');
  put('ISSUING_COUNTRY', fields.issuingState, 'issuingState');
  put('PERSONAL_NUMBER', fields.personalNumber, 'personalNumber');
  return values;
}

function percent(p: number, vouched: boolean): number {
  const value = Math.round(p * 10_000) / 100;
  return vouched ? value : Math.min(value, UNVOUCHED_CONFIDENCE_CAP);
}
