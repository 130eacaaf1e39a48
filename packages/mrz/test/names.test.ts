import { describe, expect, it } from 'vitest';
import { parseNames } from '../src/names.js';

describe('parseNames', () => {
  it("splits at the first '<<' and turns single '<' into spaces", () => {
    expect(parseNames('ERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<')).toEqual({
      surname: 'ERIKSSON',
      givenNames: 'ANNA MARIA',
    });
    expect(parseNames('VAN<DER<BERG<<JAN<<<<<')).toEqual({ surname: 'VAN DER BERG', givenNames: 'JAN' });
  });

  it('keeps a surname alone when there are no given names', () => {
    expect(parseNames('MUSTERMANN<<<<<<<<<<')).toEqual({ surname: 'MUSTERMANN', givenNames: '' });
    expect(parseNames('ESPANOLA<ESPANOLA<CARMEN<<<<<<')).toEqual({
      surname: 'ESPANOLA ESPANOLA CARMEN',
      givenNames: '',
    });
  });

  it('reads a name that fills the field without fillers (truncated names)', () => {
    expect(parseNames('ABCDEFGHIJ<<KLMNOP')).toEqual({ surname: 'ABCDEFGHIJ', givenNames: 'KLMNOP' });
    expect(parseNames('ABCDEFGHIJKLMNOP')).toEqual({ surname: 'ABCDEFGHIJKLMNOP', givenNames: '' });
  });
});
