import { describe, expect, it } from 'vitest';
import { isKnownCountryCode } from '../src/index.js';

describe('isKnownCountryCode', () => {
  it('knows ISO 3166-1 alpha-3 codes', () => {
    for (const code of ['AFG', 'ALA', 'BES', 'CUW', 'DEU', 'FRA', 'GBR', 'SSD', 'SXM', 'USA', 'ZWE']) {
      expect(isKnownCountryCode(code), code).toBe(true);
    }
  });

  it('knows the ICAO-only codes', () => {
    const icao =
      'D GBD GBN GBO GBP GBS UNO UNA UNK XBA XIM XCC XCE XCO XDC XEC XES XMP XOM XPO XXA XXB XXC XXX EUE UTO ANT NTZ RKS';
    for (const code of icao.split(' ')) expect(isKnownCountryCode(code), code).toBe(true);
  });

  it("accepts the code with its '<' padding", () => {
    expect(isKnownCountryCode('D<<')).toBe(true);
    expect(isKnownCountryCode('D<')).toBe(true);
  });

  it('rejects anything else', () => {
    for (const code of ['132', 'BDR', 'ZZZ', 'GB', 'de', '', '<<<', 'DEUT']) {
      expect(isKnownCountryCode(code), code).toBe(false);
    }
  });
});
