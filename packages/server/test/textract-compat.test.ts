import { readFile } from 'node:fs/promises';
import path from 'node:path';
import {
  AnalyzeIDCommand,
  TextractClient,
  type AnalyzeIDCommandOutput,
  type IdentityDocumentField,
} from '@aws-sdk/client-textract';
import { parseMrz } from '@passport-reader/mrz';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TextractExtractor } from '../src/adapters/textract-extractor.js';
import type { RunningService } from '../src/composition.js';
import {
  SPECIMENS,
  specimenLabels,
  startIsolatedService,
  UTO,
  UTO_MRZ,
  withClient,
  type IsolatedService,
} from './helpers.js';

const KEYS = {
  accessKeyId: 'AKIAPASSPORTREADER01',
  secretAccessKey: 'compat-secret-of-forty-characters-000000',
};
/** One specimen of every MRZ format whose printed check digits hold. */
const ONE_OF_EACH_FORMAT = (() => {
  const chosen = new Map<string, string>();
  for (const [file, label] of Object.entries(specimenLabels())) {
    if (label?.mrz && label.format && label.checksOk !== false && !chosen.has(label.format))
      chosen.set(label.format, file);
  }
  return [...chosen.entries()];
})();

let isolated: IsolatedService;
let service: RunningService;

const clientWith = (credentials = KEYS) =>
  new TextractClient({ endpoint: service.url, region: 'eu-west-1', credentials, maxAttempts: 1 });
const analyze = async (bytes: Uint8Array, credentials = KEYS) => {
  const client = clientWith(credentials);
  try {
    return await client.send(new AnalyzeIDCommand({ DocumentPages: [{ Bytes: bytes }] }));
  } finally {
    client.destroy();
  }
};
const field = (output: AnalyzeIDCommandOutput, type: string, page = 0): IdentityDocumentField | undefined =>
  output.IdentityDocuments?.[page]?.IdentityDocumentFields?.find((f) => f.Type?.Text === type);
const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error('expected Textract to refuse');
    },
    (error: { name: string; $metadata?: { httpStatusCode?: number } }) => ({
      name: error.name,
      status: error.$metadata?.httpStatusCode,
    }),
  );

beforeAll(async () => {
  isolated = await startIsolatedService({
    TEXTRACT_COMPAT_ACCESS_KEY_ID: KEYS.accessKeyId,
    TEXTRACT_COMPAT_SECRET_ACCESS_KEY: KEYS.secretAccessKey,
  });
  service = isolated.service;
});

afterAll(async () => {
  await isolated?.close();
});

describe('Textract AnalyzeID–compatible endpoint (the AWS SDK pointed at the service)', () => {
  it.each(ONE_OF_EACH_FORMAT)(
    '%s (%s): the date of birth and expiry as Textract shapes them',
    async (_format, file) => {
      const label = specimenLabels()[file]!;
      const expected = parseMrz(label.mrz!).fields;
      const output = await analyze(await readFile(path.join(SPECIMENS, file)));
      expect(output.DocumentMetadata?.Pages).toBe(1);
      expect(output.IdentityDocuments?.[0]?.DocumentIndex).toBe(1);
      expect(field(output, 'DATE_OF_BIRTH')?.ValueDetection?.NormalizedValue).toEqual({
        Value: `${expected.dateOfBirth}T00:00:00`,
        ValueType: 'Date',
      });
      expect(field(output, 'EXPIRATION_DATE')?.ValueDetection?.NormalizedValue).toEqual({
        Value: `${expected.expiryDate}T00:00:00`,
        ValueType: 'Date',
      });
      expect(field(output, 'DOCUMENT_NUMBER')?.ValueDetection?.Text).toBe(expected.documentNumber);
      expect(field(output, 'LAST_NAME')?.ValueDetection?.Text).toBe(expected.surname);
      expect(field(output, 'MRZ_CODE')?.ValueDetection?.Text).toBe(label.mrz!.join('\n'));
      expect(field(output, 'ID_TYPE')?.ValueDetection?.Text).toBe(
        expected.documentCode.startsWith('P') ? 'PASSPORT' : 'OTHER',
      );
      // a vouched reading is reported as surely as Textract reports one it is sure of
      expect(field(output, 'MRZ_CODE')?.ValueDetection?.Confidence).toBeGreaterThan(50);
    },
  );

  it("answers every one of Textract's field types, the ones an MRZ lacks empty, and the names split as Textract does", async () => {
    const output = await analyze(await readFile(UTO));
    const types = output.IdentityDocuments![0].IdentityDocumentFields!.map((f) => f.Type?.Text);
    for (const type of [
      'FIRST_NAME',
      'LAST_NAME',
      'MIDDLE_NAME',
      'SUFFIX',
      'ADDRESS',
      'DATE_OF_ISSUE',
      'PLACE_OF_BIRTH',
    ]) {
      expect(types).toContain(type);
    }
    expect(field(output, 'FIRST_NAME')?.ValueDetection?.Text).toBe('ANNA');
    expect(field(output, 'MIDDLE_NAME')?.ValueDetection?.Text).toBe('MARIA');
    expect(field(output, 'LAST_NAME')?.ValueDetection?.Text).toBe('ERIKSSON');
    expect(field(output, 'ADDRESS')?.ValueDetection).toEqual({ Text: '', Confidence: 0 });
    expect(field(output, 'NATIONALITY')?.ValueDetection?.Text).toBe('UTO');
  });

  it('reads as our own Textract extractor expects: switching EXTRACTOR=textract to this endpoint gives the same reading', async () => {
    const extractor = new TextractExtractor({ region: 'eu-west-1', client: clientWith() });
    try {
      const outcome = await extractor.extract(await readFile(UTO));
      expect(outcome.ok && outcome.result.mrz).toEqual(UTO_MRZ);
      expect(outcome.ok && outcome.result.valid).toBe(true);
    } finally {
      await extractor.close();
    }
  });

  it('a photo without a document: a document of empty fields, as Textract answers', async () => {
    const output = await analyze(await readFile(path.join(SPECIMENS, 'tesseract-test1.jpg')));
    const fields = output.IdentityDocuments![0].IdentityDocumentFields!;
    expect(fields.length).toBeGreaterThan(10);
    expect(fields.every((f) => f.ValueDetection?.Text === '')).toBe(true);
  });

  it('two pages, two documents', async () => {
    const client = clientWith();
    try {
      const bytes = await readFile(UTO);
      const output = await client.send(
        new AnalyzeIDCommand({ DocumentPages: [{ Bytes: bytes }, { Bytes: bytes }] }),
      );
      expect(output.IdentityDocuments?.map((d) => d.DocumentIndex)).toEqual([1, 2]);
      expect(field(output, 'DOCUMENT_NUMBER', 1)?.ValueDetection?.Text).toBe('L898902C3');
    } finally {
      client.destroy();
    }
  });

  it("refuses bad input with Textract's errors", async () => {
    expect(await refusal(analyze(new TextEncoder().encode('not an image at all')))).toEqual({
      name: 'UnsupportedDocumentException',
      status: 400,
    });
    const client = clientWith();
    try {
      expect(await refusal(client.send(new AnalyzeIDCommand({ DocumentPages: [] })))).toEqual({
        name: 'InvalidParameterException',
        status: 400,
      });
      const bytes = await readFile(UTO);
      expect(
        await refusal(
          client.send(
            new AnalyzeIDCommand({ DocumentPages: [{ Bytes: bytes }, { Bytes: bytes }, { Bytes: bytes }] }),
          ),
        ),
      ).toEqual({ name: 'InvalidParameterException', status: 400 });
      // this service keeps its images in a folder: there is no bucket to read from
      expect(
        await refusal(
          client.send(
            new AnalyzeIDCommand({ DocumentPages: [{ S3Object: { Bucket: 'b', Name: 'k.jpg' } }] }),
          ),
        ),
      ).toEqual({ name: 'InvalidS3ObjectException', status: 400 });
    } finally {
      client.destroy();
    }
  });

  it('verifies every signature: a wrong secret, an unknown key or no signature at all is refused', async () => {
    const bytes = await readFile(UTO);
    expect(await refusal(analyze(bytes, { ...KEYS, secretAccessKey: 'wrong' }))).toEqual({
      name: 'InvalidSignatureException',
      status: 403,
    });
    expect(await refusal(analyze(bytes, { ...KEYS, accessKeyId: 'AKIASOMEONEELSE00000' }))).toEqual({
      name: 'UnrecognizedClientException',
      status: 403,
    });
    const unsigned = await fetch(`${service.url}/`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'Textract.AnalyzeID' },
      body: JSON.stringify({ DocumentPages: [{ Bytes: bytes.toString('base64') }] }),
    });
    expect(unsigned.status).toBe(403);
    expect(unsigned.headers.get('x-amzn-errortype')).toBe('MissingAuthenticationTokenException');
    expect(((await unsigned.json()) as { __type: string }).__type).toBe(
      'MissingAuthenticationTokenException',
    );
  });

  it('stores nothing, and GET / is still the page', async () => {
    await analyze(await readFile(UTO));
    const rows = await withClient(isolated.db.url, (c) => c.query('SELECT count(*)::int AS n FROM scans'));
    expect(rows.rows[0].n).toBe(0);
    const page = await fetch(`${service.url}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
  });
});

describe('without TEXTRACT_COMPAT_* the endpoint is off', () => {
  it('POST / is not Textract', async () => {
    const plain = await startIsolatedService({ READER_THREADS: '1' }, 'api');
    try {
      const response = await fetch(`${plain.service.url}/`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'Textract.AnalyzeID' },
        body: '{}',
      });
      expect(response.status).toBe(404);
      expect(response.headers.get('x-amzn-errortype')).toBeNull();
    } finally {
      await plain.close();
    }
  });
});
