import type { ReadResult } from '@passport-reader/contract';

/**
 * The lowest character probability a `valid` result allows in a field no check digit protects
 * (README, "What `valid` promises"); checked fields are judged by their check digit.
 */
const UNCHECKED_MIN = 0.7;
const CHECKED_MIN = 0.2;

/** The fields the page shows, with the reader's names for their confidence and their check digit. */
export const SHOWN_FIELDS = {
  name: { confidence: ['name', 'surname', 'givenNames'], check: null },
  nationality: { confidence: ['nationality'], check: null },
  issuingState: { confidence: ['issuingState'], check: null },
  documentNumber: { confidence: ['documentNumber'], check: 'documentNumber' },
  dateOfBirth: { confidence: ['dateOfBirth'], check: 'dateOfBirth' },
  expiryDate: { confidence: ['expiryDate'], check: 'expiryDate' },
  sex: { confidence: ['sex'], check: null },
  documentCode: { confidence: ['documentCode'], check: null },
  personalNumber: { confidence: ['personalNumber'], check: 'personalNumber' },
} as const satisfies Record<
  string,
  { confidence: readonly string[]; check: keyof ReadResult['checks'] | null }
>;

export type ShownField = keyof typeof SHOWN_FIELDS;

/**
 * Whether a shown field may be misread: its check digit fails, or one of its characters was read
 * with less probability than a valid result allows.
 */
export function isUncertain(
  result: Pick<ReadResult, 'checks' | 'fieldConfidence'>,
  field: ShownField,
): boolean {
  const { confidence, check } = SHOWN_FIELDS[field];
  if (check && result.checks[check] === false) return true;
  return confidence.some((name) => {
    const c = result.fieldConfidence?.[name];
    return !!c && c.min < (c.checked ? CHECKED_MIN : UNCHECKED_MIN);
  });
}
