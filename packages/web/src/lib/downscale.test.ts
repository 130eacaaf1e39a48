import { describe, expect, it } from 'vitest';
import { jpegName, nextScale } from './downscale';

describe('making a photo smaller', () => {
  it('shrinks the side with the square root of how far the size is over, aiming under the limit', () => {
    expect(nextScale(1, 40e6, 10e6)).toBeCloseTo(Math.sqrt(0.9 / 4), 6);
    expect(nextScale(0.5, 40e6, 10e6)).toBeCloseTo(0.5 * Math.sqrt(0.9 / 4), 6);
  });

  it('shrinks by 5 % at least, even when only just over', () => {
    expect(nextScale(1, 10.01e6, 10e6)).toBeLessThan(0.95);
  });

  it('names the result a JPEG', () => {
    expect(jpegName('IMG_1234.HEIC')).toBe('IMG_1234.jpg');
    expect(jpegName('scan.final.png')).toBe('scan.final.jpg');
    expect(jpegName('.hidden')).toBe('.hidden.jpg');
    expect(jpegName('photo')).toBe('photo.jpg');
  });
});
