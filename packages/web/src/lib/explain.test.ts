import { describe, expect, it } from 'vitest';
import { MAX_UPLOAD_BYTES } from './constants';
import { explainError } from './explain';
import { checkFile } from './validate-file';

describe('explainError', () => {
  it('explains a missing MRZ in a traveller’s words', () => {
    expect(explainError('NO_MRZ').advice).toBe(
      "We couldn't find the two or three lines of characters at the bottom of the photo page — retake the photo flat, in focus and without glare.",
    );
  });
  it('has its own words for every error code', () => {
    const codes = [
      'NO_MRZ',
      'UNREADABLE_IMAGE',
      'UNSUPPORTED_TYPE',
      'TOO_LARGE',
      'IMAGE_NOT_FOUND',
      'PROCESSING_FAILED',
    ];
    const advice = codes.map((c) => explainError(c).advice);
    expect(new Set(advice).size).toBe(codes.length);
    expect(explainError('TOO_LARGE').advice).toMatch(/15\sMB/);
    expect(explainError('UNSUPPORTED_TYPE').advice).toMatch(/JPEG.*HEIC/);
  });
  it('falls back for unknown codes', () => {
    expect(explainError('SOMETHING_NEW').title).toBe('Something went wrong');
    expect(explainError(null).title).toBe('Something went wrong');
  });
});

describe('checkFile', () => {
  const file = (name: string, type: string, size = 1000) => ({ name, type, size });
  it('accepts JPEG, PNG, WebP, TIFF and HEIC', () => {
    for (const [name, type] of [
      ['a.jpg', 'image/jpeg'],
      ['a.png', 'image/png'],
      ['a.webp', 'image/webp'],
      ['a.tif', 'image/tiff'],
      ['a.heic', 'image/heic'],
      ['a.HEIC', ''], // no MIME type given: judged by extension
    ]) {
      expect(checkFile(file(name, type)), name).toEqual({ ok: true });
    }
  });
  it('rejects other types with a clear message', () => {
    const check = checkFile(file('scan.pdf', 'application/pdf'));
    expect(check).toMatchObject({ ok: false, code: 'UNSUPPORTED_TYPE' });
    expect(!check.ok && check.message).toContain('JPEG, PNG, WebP, TIFF, HEIC or AVIF');
    // the server reads AVIF, so the page takes it too
    expect(checkFile(file('photo.avif', 'image/avif')).ok).toBe(true);
    expect(checkFile(file('anim.gif', 'image/gif')).ok).toBe(false);
  });
  it('rejects files over the limit, naming sizes', () => {
    expect(checkFile(file('a.jpg', 'image/jpeg', MAX_UPLOAD_BYTES)).ok).toBe(true);
    const check = checkFile(file('a.jpg', 'image/jpeg', MAX_UPLOAD_BYTES + 1));
    expect(check).toMatchObject({ ok: false, code: 'TOO_LARGE' });
    expect(!check.ok && check.message).toMatch(/15\sMB limit/);
  });
  it('rejects empty files', () => {
    expect(checkFile(file('a.jpg', 'image/jpeg', 0))).toMatchObject({ ok: false, code: 'EMPTY_FILE' });
  });
});
