import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const css = readFileSync(new URL('./styles.css', import.meta.url), 'utf8');

function colour(name: string): [number, number, number] {
  const hex = new RegExp(`--${name}:\\s*#([0-9a-f]{6})`, 'i').exec(css)?.[1];
  if (!hex) throw new Error(`--${name} is not a #rrggbb colour in styles.css`);
  return [0, 2, 4].map((i) => Number.parseInt(hex.slice(i, i + 2), 16)) as [number, number, number];
}

/** WCAG 2 relative luminance and contrast ratio. */
function luminance([r, g, b]: [number, number, number]): number {
  const lin = (c: number) => {
    const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

const contrast = (a: [number, number, number], b: [number, number, number]) => {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
};

describe('colours', () => {
  it('the focus ring stands out 3:1 from what it is drawn on (WCAG 1.4.11), the cards and the page', () => {
    expect(contrast(colour('focus'), colour('surface'))).toBeGreaterThanOrEqual(3);
    expect(contrast(colour('focus'), colour('bg'))).toBeGreaterThanOrEqual(3);
  });

  it('body and muted text read 4.5:1 on the cards (WCAG 1.4.3)', () => {
    expect(contrast(colour('text'), colour('surface'))).toBeGreaterThanOrEqual(4.5);
    expect(contrast(colour('muted'), colour('surface'))).toBeGreaterThanOrEqual(4.5);
  });
});
