import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { AnalyzeIDCommand, TextractClient, type AnalyzeIDCommandOutput } from '@aws-sdk/client-textract';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { mapAnalyzeId, mrzLines, TextractExtractor } from '../../src/adapters/textract-extractor.js';
import { UTO, UTO_MRZ } from '../helpers.js';

/** Recorded AnalyzeID responses, written from the API reference's documented shape. */
const fixture = async (name: string) =>
  JSON.parse(
    await readFile(path.join(import.meta.dirname, 'fixtures', name), 'utf8'),
  ) as AnalyzeIDCommandOutput;

const textract = mockClient(TextractClient);
afterEach(() => textract.reset());
const today = new Date('2010-01-01T00:00:00Z');

describe('Textract AnalyzeID → our result schema', () => {
  it('re-validates the MRZ_CODE with our MRZ library: fields, checks and valid come from the MRZ', async () => {
    const outcome = mapAnalyzeId(await fixture('analyze-id-passport.json'), 812, today);
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    const r = outcome.result;
    expect(r.format).toBe('TD3');
    expect(r.mrz).toEqual(UTO_MRZ);
    expect(r.valid).toBe(true);
    expect(r.checks).toEqual({
      documentNumber: true,
      dateOfBirth: true,
      expiryDate: true,
      personalNumber: true,
      composite: true,
    });
    expect(r.fields).toMatchObject({
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
    });
    expect(r.confidence).toBeCloseTo(0.968, 3);
    expect(r.timingsMs.total).toBe(812);
    expect(r.region).toEqual({ x: 0, y: 0, width: 0, height: 0, rotation: 0 });
  });

  it("a Textract MRZ that fails a check digit is not valid, whatever Textract's confidence", async () => {
    const response = await fixture('analyze-id-passport.json');
    const mrz = response.IdentityDocuments![0].IdentityDocumentFields!.find(
      (f) => f.Type?.Text === 'MRZ_CODE',
    )!;
    mrz.ValueDetection!.Text = mrz.ValueDetection!.Text!.replace('L898902C36', 'L898902C37');
    const outcome = mapAnalyzeId(response, 10, today);
    expect(outcome.ok && outcome.result.valid).toBe(false);
    expect(outcome.ok && outcome.result.checks.documentNumber).toBe(false);
  });

  it('an MRZ read with low confidence is never valid', async () => {
    const response = await fixture('analyze-id-passport.json');
    const mrz = response.IdentityDocuments![0].IdentityDocumentFields!.find(
      (f) => f.Type?.Text === 'MRZ_CODE',
    )!;
    mrz.ValueDetection!.Confidence = 31;
    const outcome = mapAnalyzeId(response, 10, today);
    expect(outcome.ok && outcome.result.valid).toBe(false);
  });

  it('without an MRZ, maps the printed fields and says valid: false', async () => {
    const outcome = mapAnalyzeId(await fixture('analyze-id-driver-license.json'), 5, today);
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    expect(outcome.result).toMatchObject({
      format: 'TD1',
      mrz: [],
      valid: false,
      checks: {
        documentNumber: null,
        dateOfBirth: null,
        expiryDate: null,
        personalNumber: null,
        composite: null,
      },
      fields: {
        documentNumber: 'D08954796',
        surname: 'SAMPLE',
        givenNames: 'JANE Q',
        dateOfBirth: '1990-01-20',
        expiryDate: '2030-01-20',
        sex: null,
      },
    });
    expect(outcome.result.confidence).toBeCloseTo(0.944, 3);
  });

  it('no identity document at all is NO_MRZ', () => {
    expect(mapAnalyzeId({ $metadata: {}, IdentityDocuments: [] }, 1)).toEqual({
      ok: false,
      error: { code: 'NO_MRZ', message: expect.any(String) },
    });
  });

  it('splits MRZ text given on one line, with blanks or with line breaks', () => {
    expect(mrzLines(UTO_MRZ.join(''))).toEqual(UTO_MRZ);
    expect(mrzLines(UTO_MRZ.join(' '))).toEqual(UTO_MRZ);
    expect(mrzLines(`${UTO_MRZ[0]}\r\n${UTO_MRZ[1]}\n`)).toEqual(UTO_MRZ);
  });
});

describe('TextractExtractor (EXTRACTOR=textract) against a mocked Textract client', () => {
  const extractor = () =>
    new TextractExtractor({ region: 'us-east-1', client: new TextractClient({ region: 'us-east-1' }) });

  it('sends the image bytes to AnalyzeID and maps the answer', async () => {
    textract.on(AnalyzeIDCommand).resolves(await fixture('analyze-id-passport.json'));
    const bytes = new Uint8Array(await readFile(UTO));
    const outcome = await extractor().extract(bytes);
    expect(outcome.ok && outcome.result.fields.documentNumber).toBe('L898902C3');
    const calls = textract.commandCalls(AnalyzeIDCommand);
    expect(calls).toHaveLength(1);
    expect(calls[0].args[0].input.DocumentPages?.[0].Bytes?.length).toBe(bytes.length);
  });

  it('refuses types AnalyzeID does not take without calling it', async () => {
    const webp = new Uint8Array([...new TextEncoder().encode('RIFF\0\0\0\0WEBPVP8 '), 0, 0, 0, 0]);
    expect(await extractor().extract(webp)).toMatchObject({ ok: false, error: { code: 'UNSUPPORTED_TYPE' } });
    expect(textract.commandCalls(AnalyzeIDCommand)).toHaveLength(0);
  });

  it('maps final Textract errors to scan errors and rethrows the rest (to be retried)', async () => {
    const bytes = new Uint8Array(await readFile(UTO));
    textract
      .on(AnalyzeIDCommand)
      .rejects(Object.assign(new Error('bad'), { name: 'UnsupportedDocumentException' }));
    expect(await extractor().extract(bytes)).toMatchObject({
      ok: false,
      error: { code: 'UNSUPPORTED_TYPE' },
    });
    textract.reset();
    textract
      .on(AnalyzeIDCommand)
      .rejects(Object.assign(new Error('slow down'), { name: 'ThrottlingException' }));
    await expect(extractor().extract(bytes)).rejects.toThrow('slow down');
  });
});
