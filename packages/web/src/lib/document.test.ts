import { describe, expect, it } from 'vitest';
import { displayName, documentKind, sexLabel } from './document';

describe('documentKind', () => {
  it('reads the kind from format and document code', () => {
    expect(documentKind('TD3', 'P')).toBe('Passport');
    expect(documentKind('TD3', 'P<')).toBe('Passport');
    expect(documentKind('TD3', 'PD')).toBe('Diplomatic passport');
    expect(documentKind('TD1', 'I')).toBe('Identity card');
    expect(documentKind('TD1', 'ID')).toBe('Identity card');
    expect(documentKind('TD2', 'AC')).toBe('Identity card');
    expect(documentKind('MRVA', 'V')).toBe('Visa');
    expect(documentKind('MRVB', 'VB')).toBe('Visa');
    expect(documentKind('TD3', null)).toBe('Passport');
    expect(documentKind(null, null)).toBe('Travel document');
  });
});

describe('sexLabel and displayName', () => {
  it('spells out sex', () => {
    expect(sexLabel('F')).toBe('Female');
    expect(sexLabel('M')).toBe('Male');
    expect(sexLabel('<')).toBe('Unspecified');
    expect(sexLabel('X')).toBe('Unspecified');
  });
  it('puts given names first, in title case', () => {
    expect(displayName('ANNA MARIA', 'ERIKSSON')).toBe('Anna Maria Eriksson');
    expect(displayName('JEAN-PIERRE', "O'NEIL")).toBe("Jean-Pierre O'Neil");
    expect(displayName(null, 'ERIKSSON')).toBe('Eriksson');
    expect(displayName('', '')).toBe('');
  });
});
