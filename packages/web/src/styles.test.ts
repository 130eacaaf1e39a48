import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const css = readFileSync(new URL('./styles.css', import.meta.url), 'utf8');

type Scheme = 'light' | 'dark';
type Rgb = [number, number, number];

/** The :root block of a scheme: the first in the file (light), or the one inside prefers-color-scheme: dark. */
function rootBlock(scheme: Scheme): string {
  const source = scheme === 'light' ? css : css.slice(css.indexOf('@media (prefers-color-scheme: dark)'));
  const start = source.indexOf(':root {');
  if (start < 0) throw new Error(`no :root block for the ${scheme} scheme in styles.css`);
  return source.slice(start, source.indexOf('}', start));
}

/** A colour of the scheme; the dark scheme falls back to the light one where it keeps it. */
function colour(name: string, scheme: Scheme = 'light'): Rgb {
  const find = (block: string) => new RegExp(`--${name}:\\s*#([0-9a-f]{6})`, 'i').exec(block)?.[1];
  const hex = find(rootBlock(scheme)) ?? (scheme === 'dark' ? find(rootBlock('light')) : undefined);
  if (!hex) throw new Error(`--${name} is not a #rrggbb colour in styles.css`);
  return [0, 2, 4].map((i) => Number.parseInt(hex.slice(i, i + 2), 16)) as Rgb;
}

/** WCAG 2 relative luminance and contrast ratio. */
function luminance([r, g, b]: Rgb): number {
  const lin = (c: number) => {
    const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

const contrast = (a: Rgb, b: Rgb) => {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
};

describe.each(['light', 'dark'] as const)('colours, %s scheme', (scheme) => {
  const c = (name: string) => colour(name, scheme);

  it('the focus ring stands out 3:1 from what it is drawn on (WCAG 1.4.11), the cards and the page', () => {
    expect(contrast(c('focus'), c('surface'))).toBeGreaterThanOrEqual(3);
    expect(contrast(c('focus'), c('bg'))).toBeGreaterThanOrEqual(3);
  });

  it('body and muted text read 4.5:1 on the cards and the page (WCAG 1.4.3)', () => {
    for (const text of ['text', 'muted']) {
      expect(contrast(c(text), c('surface')), text).toBeGreaterThanOrEqual(4.5);
      expect(contrast(c(text), c('bg')), text).toBeGreaterThanOrEqual(4.5);
    }
  });

  it('buttons read 4.5:1: primary, its hover, secondary and danger', () => {
    expect(contrast(c('on-primary'), c('primary'))).toBeGreaterThanOrEqual(4.5);
    expect(contrast(c('on-primary'), c('primary-hover'))).toBeGreaterThanOrEqual(4.5);
    expect(contrast(c('primary'), c('surface'))).toBeGreaterThanOrEqual(4.5);
    expect(contrast(c('primary'), c('tint'))).toBeGreaterThanOrEqual(4.5);
    expect(contrast(c('danger'), c('surface'))).toBeGreaterThanOrEqual(4.5);
    expect(contrast(c('danger'), c('bad-bg'))).toBeGreaterThanOrEqual(4.5);
  });

  it('notices and badges read 4.5:1 on their own backgrounds', () => {
    for (const [text, background] of [
      ['ok', 'ok-bg'],
      ['warn', 'warn-bg'],
      ['bad', 'bad-bg'],
      ['info', 'tint'],
      ['ok', 'surface'],
      ['bad', 'surface'],
      ['text', 'subtle'],
      ['muted', 'subtle'],
      ['text', 'code-bg'],
    ]) {
      expect(contrast(c(text), c(background)), `${text} on ${background}`).toBeGreaterThanOrEqual(4.5);
    }
  });

  it('the header’s white text reads on its background', () => {
    expect(contrast([255, 255, 255], c('primary-dark'))).toBeGreaterThanOrEqual(4.5);
  });
});

describe('the dark scheme', () => {
  it('is a scheme of its own, not the light one', () => {
    expect(colour('surface', 'dark')).not.toEqual(colour('surface', 'light'));
    expect(luminance(colour('bg', 'dark'))).toBeLessThan(0.05);
  });
});
