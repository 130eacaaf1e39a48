import { describe, expect, it } from 'vitest';
import { sizeRefusal, SNIFF_BYTES, typeRefusal } from '../src/scans/upload-policy.js';

const jpeg = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01]);
const ascii = (text: string) => new TextEncoder().encode(text);

describe('upload policy (multipart and presigned uploads alike)', () => {
  it('refuses empty files and files over the limit, by their size alone', () => {
    expect(sizeRefusal(0, 100)).toBe('EMPTY_FILE');
    expect(sizeRefusal(100, 100)).toBeNull();
    expect(sizeRefusal(101, 100)).toBe('TOO_LARGE');
  });

  it('takes the accepted image types from their first bytes, and nothing else', () => {
    expect(typeRefusal(jpeg)).toBeNull();
    expect(typeRefusal(ascii('\x00\x00\x00\x1cftypavif'))).toBeNull();
    expect(typeRefusal(ascii('\x00\x00\x00\x18ftypheic'))).toBeNull();
    expect(typeRefusal(ascii('%PDF-1.7'))).toBe('UNSUPPORTED_TYPE');
    expect(typeRefusal(ascii('GIF89a'))).toBe('UNSUPPORTED_TYPE');
    expect(typeRefusal(new Uint8Array(0))).toBe('UNSUPPORTED_TYPE');
    expect(SNIFF_BYTES).toBeGreaterThanOrEqual(12);
  });
});
