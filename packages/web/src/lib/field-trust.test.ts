import { describe, expect, it } from 'vitest';
import { isUncertain } from './field-trust';

const checks = {
  documentNumber: true,
  dateOfBirth: true,
  expiryDate: false,
  personalNumber: null,
  composite: false,
};

describe('uncertain fields', () => {
  const result = {
    checks,
    fieldConfidence: {
      name: { min: 0.62, checked: false },
      nationality: { min: 0.7, checked: false },
      documentNumber: { min: 0.3, checked: true },
      dateOfBirth: { min: 0.15, checked: true },
      expiryDate: { min: 0.99, checked: true },
    },
  };

  it('marks a field no check digit protects when a character is below the bar of a valid result', () => {
    expect(isUncertain(result, 'name')).toBe(true);
    expect(isUncertain(result, 'nationality')).toBe(false);
  });

  it('judges a checked field by its check digit, and only very weak characters otherwise', () => {
    expect(isUncertain(result, 'expiryDate')).toBe(true);
    expect(isUncertain(result, 'documentNumber')).toBe(false);
    expect(isUncertain(result, 'dateOfBirth')).toBe(true);
  });

  it('takes the separate name fields where the reader gives them', () => {
    expect(isUncertain({ checks, fieldConfidence: { surname: { min: 0.5, checked: false } } }, 'name')).toBe(
      true,
    );
    expect(isUncertain({ checks }, 'name')).toBe(false);
  });
});
