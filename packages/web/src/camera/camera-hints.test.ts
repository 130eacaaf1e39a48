import { describe, expect, it } from 'vitest';
import type { ReadDiagnostics } from '@passport-reader/contract';
import { cameraHint, frameChecks } from './camera-hints';
import type { FrameMeasures } from './frame-measures';

const good: FrameMeasures = { paper: 210, washedOut: 0, sharpness: 0.9 };
const diagnostics = (over: Partial<ReadDiagnostics>): ReadDiagnostics => ({
  located: true,
  pitchPx: 14,
  blur: 0.1,
  glare: 0,
  skewDegrees: 0,
  perspective: 1,
  cutAtEdge: false,
  hints: [],
  ...over,
});

describe('cameraHint', () => {
  it('puts what the reader diagnosed before what the measures say', () => {
    const blurry = { ...good, sharpness: 0.1 };
    const reading = { kind: 'not-found' as const, diagnostics: diagnostics({ hints: ['TOO_SMALL'] }) };
    expect(cameraHint(blurry, reading).id).toBe('too-small');
  });

  it('says what the measures show when the reader has nothing to say', () => {
    const reading = { kind: 'not-found' as const, diagnostics: undefined };
    expect(cameraHint({ ...good, sharpness: 0.1 }, reading).id).toBe('blur');
    expect(cameraHint({ ...good, paper: 50 }, reading).id).toBe('dark');
    expect(cameraHint({ ...good, washedOut: 0.1 }, reading).id).toBe('glare');
    expect(cameraHint({ ...good, paper: 255, washedOut: 0.9 }, reading).id).toBe('bright');
    expect(cameraHint(good, reading).id).toBe('find-mrz');
  });

  it('asks to hold still once the code is found but not yet trusted, and says when it is taken', () => {
    expect(cameraHint(good, { kind: 'unsure', diagnostics: diagnostics({}) }).id).toBe('hold-still');
    expect(cameraHint({ ...good, sharpness: 0.1 }, { kind: 'trusted' }).id).toBe('captured');
    expect(cameraHint(null, { kind: 'starting' }).id).toBe('starting');
  });

  it('says when automatic capture is off, whatever the frame looks like', () => {
    expect(cameraHint({ ...good, sharpness: 0.1 }, { kind: 'reader-off' }).id).toBe('reader-off');
  });
});

describe('frameChecks', () => {
  it('reports each measure, and the character size from the reader', () => {
    const checks = frameChecks(
      { ...good, sharpness: 0.1 },
      { kind: 'not-found', diagnostics: diagnostics({ pitchPx: 9.4 }) },
    );
    expect(checks.map((c) => `${c.label}: ${c.state} (${c.detail})`)).toEqual([
      'Sharpness: poor (blurry)',
      'Light: good (good)',
      'Glare: good (none)',
      'Code lines: good (found)',
      'Character size: poor (9 px: move a little closer)',
    ]);
  });

  it('leaves what is not measured yet as unknown', () => {
    const states = frameChecks(null, { kind: 'starting' }).map((c) => c.state);
    expect(states).toEqual(['unknown', 'unknown', 'unknown', 'unknown', 'unknown']);
  });
});
