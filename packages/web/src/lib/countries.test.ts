import { KNOWN_COUNTRY_CODES } from '@passport-reader/mrz';
import { describe, expect, it } from 'vitest';
import { ALPHA3_TO_ALPHA2, countryLabel, countryName, normaliseCode } from './countries';

describe('country names against the MRZ library', () => {
  it('names every code the MRZ library accepts', () => {
    const unnamed = [...KNOWN_COUNTRY_CODES].filter((code) => !countryName(code, 'en'));
    expect(unnamed).toEqual([]);
  });
});

describe('countryName', () => {
  it('names ISO countries from their alpha-3 code', () => {
    expect(countryName('FRA', 'en')).toBe('France');
    expect(countryName('USA', 'en')).toBe('United States');
    expect(countryName('GBR', 'en')).toBe('United Kingdom');
    expect(countryName('NLD', 'en')).toBe('Netherlands');
  });
  it('uses the reader’s language', () => {
    expect(countryName('DEU', 'de')).toBe('Deutschland');
    expect(countryName('ESP', 'fr')).toBe('Espagne');
  });
  it('knows ICAO’s own codes', () => {
    expect(countryName('D', 'en')).toBe('Germany');
    expect(countryName('D<<', 'en')).toBe('Germany');
    expect(countryName('UTO')).toBe('Utopia (specimen)');
    expect(countryName('XXA')).toBe('Stateless person');
    expect(countryName('UNO')).toBe('United Nations');
    expect(countryName('XXB')).toBe('Refugee (1951 Convention)');
    expect(countryName('GBN')).toBe('British National (Overseas)');
    expect(countryName('RKS', 'en')).toBe('Kosovo');
  });
  it('returns null for unknown or missing codes', () => {
    expect(countryName('QQQ')).toBeNull();
    expect(countryName('')).toBeNull();
    expect(countryName(null)).toBeNull();
  });
  it('maps every ISO 3166-1 country to a name', () => {
    expect(ALPHA3_TO_ALPHA2.size).toBeGreaterThanOrEqual(250);
    for (const [alpha3, alpha2] of ALPHA3_TO_ALPHA2) {
      expect(alpha2, alpha3).toMatch(/^[A-Z]{2}$/);
      expect(countryName(alpha3, 'en'), alpha3).toBeTruthy();
    }
  });
});

describe('countryLabel', () => {
  it('shows name and code, or the bare code when unknown', () => {
    expect(countryLabel('UTO')).toBe('Utopia (specimen) (UTO)');
    expect(countryLabel('D<<', 'en')).toBe('Germany (D)');
    expect(countryLabel('QQQ')).toBe('QQQ');
    expect(countryLabel(undefined)).toBe('—');
  });
  it('normalises fillers and case', () => {
    expect(normaliseCode(' d<< ')).toBe('D');
  });
});
