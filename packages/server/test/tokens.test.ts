import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hashToken, newToken, tokenMatches } from '../src/scans/tokens.js';

describe('scan tokens', () => {
  it('only the token itself opens its scan', () => {
    fc.assert(
      fc.property(fc.string(), (other) => {
        const { token, hash } = newToken();
        expect(tokenMatches(token, hash)).toBe(true);
        expect(tokenMatches(other, hash)).toBe(other === token);
      }),
    );
  });

  it('a missing token, an unknown scan and a malformed stored hash never match, and never throw', () => {
    const { token, hash } = newToken();
    expect(tokenMatches(undefined, hash)).toBe(false);
    expect(tokenMatches(token, undefined)).toBe(false);
    expect(tokenMatches('', hashToken(''))).toBe(true);
    expect(tokenMatches(token, hash.subarray(0, 16))).toBe(false);
    expect(tokenMatches(undefined, undefined)).toBe(false);
  });
});
