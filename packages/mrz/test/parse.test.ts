import { describe, expect, it } from 'vitest';
import { MrzShapeError, parseMrz, type ParsedMrz } from '../src/index.js';

const today = new Date('2025-06-15T00:00:00Z');
const parse = (...lines: string[]) => parseMrz(lines, { today });
const codes = (parsed: ParsedMrz) => parsed.problems.map((p) => `${p.field}:${p.code}`);

describe('parseMrz on ICAO 9303 specimens', () => {
  it('reads the TD3 passport', () => {
    const parsed = parse(
      'P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<',
      'L898902C36UTO7408122F1204159ZE184226B<<<<<10',
    );
    expect(parsed).toEqual({
      format: 'TD3',
      lines: ['P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<', 'L898902C36UTO7408122F1204159ZE184226B<<<<<10'],
      valid: true,
      checks: {
        documentNumber: true,
        dateOfBirth: true,
        expiryDate: true,
        personalNumber: true,
        composite: true,
      },
      fields: {
        documentCode: 'P',
        issuingState: 'UTO',
        documentNumber: 'L898902C3',
        surname: 'ERIKSSON',
        givenNames: 'ANNA MARIA',
        nationality: 'UTO',
        dateOfBirth: '1974-08-12',
        sex: 'F',
        expiryDate: '2012-04-15',
        personalNumber: 'ZE184226B',
      },
      problems: [],
    });
  });

  it('reads the TD1 card', () => {
    const parsed = parse(
      'I<UTOD231458907<<<<<<<<<<<<<<<',
      '7408122F1204159UTO<<<<<<<<<<<6',
      'ERIKSSON<<ANNA<MARIA<<<<<<<<<<',
    );
    expect(parsed.format).toBe('TD1');
    expect(parsed.valid).toBe(true);
    expect(parsed.checks).toEqual({
      documentNumber: true,
      dateOfBirth: true,
      expiryDate: true,
      personalNumber: null,
      composite: true,
    });
    expect(parsed.fields).toEqual({
      documentCode: 'I',
      issuingState: 'UTO',
      documentNumber: 'D23145890',
      surname: 'ERIKSSON',
      givenNames: 'ANNA MARIA',
      nationality: 'UTO',
      dateOfBirth: '1974-08-12',
      sex: 'F',
      expiryDate: '2012-04-15',
      personalNumber: null,
      optionalData2: null,
    });
  });

  it('reads the TD2 card', () => {
    const parsed = parse('I<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<', 'D231458907UTO7408122F1204159<<<<<<<6');
    expect(parsed.format).toBe('TD2');
    expect(parsed.valid).toBe(true);
    expect(parsed.checks.composite).toBe(true);
    expect(parsed.checks.personalNumber).toBeNull();
    expect(parsed.fields).toMatchObject({
      documentNumber: 'D23145890',
      surname: 'ERIKSSON',
      personalNumber: null,
    });
    expect(parsed.fields).not.toHaveProperty('optionalData2');
  });

  it('reads the MRV-A visa, which has no composite check digit', () => {
    const parsed = parse(
      'V<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<',
      'L8988901C4XXX4009078F96121096ZE184226B<<<<<<',
    );
    expect(parsed.format).toBe('MRVA');
    expect(parsed.valid).toBe(true);
    expect(parsed.checks).toEqual({
      documentNumber: true,
      dateOfBirth: true,
      expiryDate: true,
      personalNumber: null,
      composite: null,
    });
    expect(parsed.fields).toMatchObject({
      documentCode: 'V',
      documentNumber: 'L8988901C',
      nationality: 'XXX',
      dateOfBirth: '1940-09-07',
      expiryDate: '1996-12-10',
      personalNumber: '6ZE184226B',
    });
  });

  it('reads the MRV-B visa', () => {
    const parsed = parse('V<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<', 'L8988901C4XXX4009078F9612109<<<<<<<<');
    expect(parsed.format).toBe('MRVB');
    expect(parsed.valid).toBe(true);
    expect(parsed.checks.composite).toBeNull();
    expect(parsed.fields).toMatchObject({ documentNumber: 'L8988901C', sex: 'F', personalNumber: null });
  });
});

describe('parseMrz on real specimens', () => {
  it('keeps the printed nationality "132" of a Romanian ID card, flagged but valid', () => {
    const parsed = parse('IDROUSAVA<<SUPERMAN<<<<<<<<<<<<<<<<<', 'HD198025<51328505095M130509012049941');
    expect(parsed.format).toBe('TD2');
    expect(parsed.valid).toBe(true);
    expect(parsed.fields).toMatchObject({
      documentCode: 'ID',
      issuingState: 'ROU',
      documentNumber: 'HD198025',
      surname: 'SAVA',
      givenNames: 'SUPERMAN',
      nationality: '132',
      dateOfBirth: '1985-05-09',
      sex: 'M',
      expiryDate: '2013-05-09',
      personalNumber: '1204994',
    });
    expect(parsed.problems).toEqual([
      expect.objectContaining({ field: 'nationality', line: 1, start: 10, end: 13, code: 'UNKNOWN_COUNTRY' }),
    ]);
  });

  it("reads Germany's one-letter code and a '<' personal-number check digit", () => {
    const parsed = parse(
      'P<BDRMUSTERMANN<<ERIKA<<<<<<<<<<<<<<<<<<<<<<',
      'CA000000<4D<<6408125F1802212<<<<<<<<<<<<<<<6',
    );
    expect(parsed.valid).toBe(true);
    expect(parsed.checks.personalNumber).toBe(true);
    expect(parsed.fields).toMatchObject({
      documentNumber: 'CA000000',
      nationality: 'D',
      surname: 'MUSTERMANN',
      givenNames: 'ERIKA',
      dateOfBirth: '1964-08-12',
      expiryDate: '2018-02-21',
      personalNumber: null,
    });
    // "BDR" is not an ICAO code; reported, printed as is, and no bar to validity.
    expect(codes(parsed)).toEqual(['issuingState:UNKNOWN_COUNTRY']);
    expect(parsed.fields.issuingState).toBe('BDR');
  });

  it('reads a US passport card (the number fits in nine characters, so it is not a long number)', () => {
    const parsed = parse(
      'IAUSA0000000033LIN1044750079<<',
      '5808175F1004027COD<<<<<<<<<<<7',
      'SPECIMEN<<TEST<VOID<<<<<<<<<<<',
    );
    expect(parsed.valid).toBe(true);
    expect(parsed.fields).toMatchObject({
      documentCode: 'IA',
      documentNumber: '000000003',
      personalNumber: 'LIN1044750079',
      nationality: 'COD',
      surname: 'SPECIMEN',
      givenNames: 'TEST VOID',
      optionalData2: null,
    });
  });

  it('reports the failing check digits of a Spanish specimen', () => {
    const parsed = parse(
      'IDESPAAA1000014<00000023T<<<<<',
      '7212018F1101236ESP<<<<<<<<<<<8',
      'ESPANOLA<ESPANOLA<CARMEN<<<<<<',
    );
    expect(parsed.valid).toBe(false);
    expect(parsed.checks).toEqual({
      documentNumber: false,
      dateOfBirth: false,
      expiryDate: true,
      personalNumber: null,
      composite: false,
    });
    expect(parsed.problems).toEqual([
      expect.objectContaining({ field: 'documentNumber', line: 0, start: 5, end: 15, code: 'CHECK_DIGIT' }),
      expect.objectContaining({ field: 'dateOfBirth', line: 1, start: 0, end: 7, code: 'CHECK_DIGIT' }),
      expect.objectContaining({ field: 'composite', line: 1, start: 29, end: 30, code: 'CHECK_DIGIT' }),
    ]);
    expect(parsed.fields.personalNumber).toBe('00000023T');
  });
});

describe('long document numbers (TD1, TD2)', () => {
  it('continues the number into the optional data when its check digit position holds <', () => {
    // ICAO 9303 part 5 example: D23145890734, check digit 9, in a TD1.
    const parsed = parse(
      'I<UTOD23145890<7349<<<<<<<<<<<',
      '7408122F1204159UTO<<<<<<<<<<<6',
      'ERIKSSON<<ANNA<MARIA<<<<<<<<<<',
    );
    expect(parsed.checks.documentNumber).toBe(true);
    expect(parsed.valid).toBe(true);
    expect(parsed.fields.documentNumber).toBe('D23145890734');
    expect(parsed.fields.personalNumber).toBeNull();
  });

  it('keeps optional data that follows the number', () => {
    const parsed = parse(
      'I<UTOD23145890<7349<AB12<<<<<<',
      '7408122F1204159UTO<<<<<<<<<<<4',
      'ERIKSSON<<ANNA<MARIA<<<<<<<<<<',
    );
    expect(parsed.valid).toBe(true);
    expect(parsed.fields.documentNumber).toBe('D23145890734');
    expect(parsed.fields.personalNumber).toBe('AB12');
  });

  it('works in TD2', () => {
    const parsed = parse('I<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<', 'D23145890<UTO7408122F1204159734<<<<9');
    expect(parsed.checks.documentNumber).toBe(false);
    const fixed = parse('I<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<', 'D23145890<UTO7408122F12041597349<<<2');
    expect(fixed.checks).toMatchObject({ documentNumber: true, composite: true });
    expect(fixed.fields.documentNumber).toBe('D23145890734');
  });

  it('fails the check when the optional data holds no continuation', () => {
    const parsed = parse(
      'I<UTOD23145890<<<<<<<<<<<<<<<<',
      '7408122F1204159UTO<<<<<<<<<<<7',
      'ERIKSSON<<ANNA<MARIA<<<<<<<<<<',
    );
    expect(parsed.checks.documentNumber).toBe(false);
    expect(parsed.valid).toBe(false);
  });
});

describe('field problems', () => {
  const td3 = (line2: string) => parse('P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<', line2);

  it('nulls an impossible date, reports it, and still checks the printed digits', () => {
    // 31 February 1974, with correct check digits.
    const parsed = td3('L898902C36UTO7402315F1204159ZE184226B<<<<<16');
    expect(parsed.checks.dateOfBirth).toBe(true);
    expect(parsed.valid).toBe(true);
    expect(parsed.fields.dateOfBirth).toBeNull();
    expect(parsed.problems).toEqual([
      expect.objectContaining({ field: 'dateOfBirth', line: 1, start: 13, end: 19, code: 'INVALID_DATE' }),
    ]);
  });

  it("reads a '<'-filled date as unknown without calling it invalid", () => {
    const parsed = td3('L898902C36UTO<<<<<<0F1204159ZE184226B<<<<<10');
    expect(parsed.fields.dateOfBirth).toBeNull();
    expect(codes(parsed)).not.toContain('dateOfBirth:INVALID_DATE');
  });

  it('reports an invalid sex', () => {
    const parsed = td3('L898902C36UTO7408122Q1204159ZE184226B<<<<<10');
    expect(parsed.fields.sex).toBeNull();
    expect(codes(parsed)).toEqual(['sex:INVALID_SEX']);
    expect(parsed.valid).toBe(true);
  });

  it("keeps '<' as the unspecified sex", () => {
    expect(td3('L898902C36UTO7408122<1204159ZE184226B<<<<<10').fields.sex).toBe('<');
    expect(td3('L898902C36UTO7408122X1204159ZE184226B<<<<<10').fields.sex).toBe('X');
  });

  it('refuses validity for characters outside the MRZ alphabet, wherever they are', () => {
    const parsed = parse(
      'P<UTOERIKSSON<<ANNa<MARIA<<<<<<<<<<<<<<<<<<<',
      'L898902C36UTO7408122F1204159ZE184226B<<<<<10',
    );
    expect(parsed.valid).toBe(false);
    expect(parsed.problems).toEqual([
      expect.objectContaining({ field: 'name', line: 0, start: 18, end: 19, code: 'INVALID_CHARACTER' }),
    ]);
    expect(Object.values(parsed.checks).every((check) => check !== false)).toBe(true);
  });

  it('names the check a bad check digit belongs to', () => {
    const parsed = td3('L898902C37UTO7408122F1204159ZE184226B<<<<<10');
    expect(codes(parsed)).toEqual(['documentNumber:CHECK_DIGIT', 'composite:CHECK_DIGIT']);
    expect(parsed.problems[0]).toMatchObject({ line: 1, start: 0, end: 10 });
  });
});

describe('shape errors', () => {
  it.each([[[]], [['P<UTO']], [['P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<', 'L898902C36UTO']]])(
    'throws MrzShapeError for %j',
    (lines) => {
      expect(() => parseMrz(lines)).toThrow(MrzShapeError);
      expect(() => parseMrz(lines)).toThrow(expect.objectContaining({ code: 'INVALID_SHAPE' }));
    },
  );

  it('does not quote the MRZ text in the error message', () => {
    expect(() => parseMrz(['ERIKSSON'])).toThrow(
      expect.objectContaining({ message: expect.not.stringContaining('ERIKSSON') }),
    );
  });
});
