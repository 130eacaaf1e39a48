import { describe, expect, it, vi } from 'vitest';
import { prepareUpload } from './prepare-upload';

const photo = (size: number, name = 'photo.jpg', type = 'image/jpeg') =>
  new File([new Uint8Array(size)], name, { type });

describe('preparing a photo for upload', () => {
  it('sends a photo within the limit as it is', async () => {
    const file = photo(1000);
    const shrink = vi.fn();
    expect(await prepareUpload(file, 2000, shrink)).toEqual({ ok: true, file });
    expect(shrink).not.toHaveBeenCalled();
  });

  it('sends a smaller copy of a photo over the limit', async () => {
    const smaller = photo(900, 'photo.jpg');
    const shrink = vi.fn(async () => smaller);
    expect(await prepareUpload(photo(5000), 2000, shrink)).toEqual({ ok: true, file: smaller });
    expect(shrink).toHaveBeenCalledWith(expect.any(File), 2000);
  });

  it('refuses a photo over the limit that the browser cannot make smaller, saying so', async () => {
    const prepared = await prepareUpload(photo(5000), 2000, async () => null);
    expect(prepared.ok).toBe(false);
    expect(!prepared.ok && prepared.message).toMatch(
      /larger than the .* limit.*This browser could not make it smaller\.$/,
    );
  });

  it('refuses a file of the wrong kind without trying to shrink it', async () => {
    const shrink = vi.fn();
    const prepared = await prepareUpload(photo(5000, 'scan.pdf', 'application/pdf'), 2000, shrink);
    expect(prepared.ok).toBe(false);
    expect(shrink).not.toHaveBeenCalled();
  });
});
