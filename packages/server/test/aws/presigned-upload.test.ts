import { describe, expect, it } from 'vitest';
import { InProcessReaderExtractor } from '../../src/adapters/in-process-reader-extractor.js';
import { S3UploadSlots } from '../../src/adapters/s3-upload-slots.js';
import { TextractExtractor } from '../../src/adapters/textract-extractor.js';
import { loadLambdaConfig } from '../../src/config/lambda-config.js';
import { createExtractor } from '../../src/adapters/registry.js';
import { extractorChoice } from '../../src/lambda/extract.js';
import { fakeAwsCredentials } from './aws-harness.js';

fakeAwsCredentials();

describe('presigned uploads', () => {
  it('POST (the AWS default): a policy limiting size and content type to the scan’s key', async () => {
    const slots = new S3UploadSlots({
      bucket: 'images',
      prefix: 'p/',
      region: 'eu-west-1',
      method: 'POST',
      expiresSeconds: 300,
    });
    const upload = await slots.presign('scans/abc', { contentType: 'image/png', maxBytes: 1000 });
    expect(upload.method).toBe('POST');
    if (upload.method !== 'POST') return;
    expect(upload.url).toMatch(/^https:\/\/images\.s3\.eu-west-1\.amazonaws\.com\/?$/);
    expect(upload.fields.key).toBe('p/scans/abc');
    expect(upload.fields['Content-Type']).toBe('image/png');
    const policy = JSON.parse(Buffer.from(upload.fields.Policy, 'base64').toString('utf8')) as {
      expiration: string;
      conditions: unknown[];
    };
    expect(policy.conditions).toEqual(
      expect.arrayContaining([
        ['content-length-range', 1, 1000],
        ['eq', '$Content-Type', 'image/png'],
        { key: 'p/scans/abc' },
        { bucket: 'images' },
      ]),
    );
    expect(Date.parse(policy.expiration) - Date.now()).toBeLessThanOrEqual(300_000);
    await slots.close();
  });

  it('PUT: the signature covers the content type and the exact length', async () => {
    const slots = new S3UploadSlots({
      bucket: 'images',
      region: 'eu-west-1',
      method: 'PUT',
      expiresSeconds: 60,
    });
    const upload = await slots.presign('scans/abc', {
      contentType: 'image/jpeg',
      contentLength: 1234,
      maxBytes: 5000,
    });
    expect(upload.method).toBe('PUT');
    const url = new URL(upload.url);
    expect(url.searchParams.get('X-Amz-SignedHeaders')).toBe('content-length;content-type;host');
    expect(url.searchParams.get('X-Amz-Expires')).toBe('60');
    expect(slots.imageKeyOf('scans/abc')).toBe('scans/abc');
    await slots.close();
  });
});

describe('extractor choice (EXTRACTOR)', () => {
  const base = {
    DATABASE_URL: 'postgres://x@127.0.0.1/db',
    IMAGE_BUCKET: 'b',
    SCAN_QUEUE_URL: 'http://127.0.0.1:4566/000000000000/scans',
    WEBSOCKET_ENDPOINT: 'https://example.execute-api.eu-west-1.amazonaws.com/dev',
  };
  it('reader by default, textract on request; nothing else', async () => {
    const reader = await createExtractor(extractorChoice(loadLambdaConfig(base)));
    expect(reader).toBeInstanceOf(InProcessReaderExtractor);
    const textract = await createExtractor(
      extractorChoice(loadLambdaConfig({ ...base, EXTRACTOR: 'textract' })),
    );
    expect(textract).toBeInstanceOf(TextractExtractor);
    await Promise.all([reader.close(), textract.close()]);
    expect(() => loadLambdaConfig({ ...base, EXTRACTOR: 'tesseract' })).toThrow(/EXTRACTOR/);
    expect(() => loadLambdaConfig({ ...base, DATABASE_URL: undefined })).toThrow(/DATABASE_URL/);
    // no placeholders: the queue and the WebSocket API are named, or the function does not start
    expect(() => loadLambdaConfig({ ...base, SCAN_QUEUE_URL: undefined })).toThrow(/SCAN_QUEUE_URL/);
    expect(() => loadLambdaConfig({ ...base, WEBSOCKET_ENDPOINT: undefined })).toThrow(/WEBSOCKET_ENDPOINT/);
  });
});
