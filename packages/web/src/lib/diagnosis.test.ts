import { describe, expect, it } from 'vitest';
import type { ReadDiagnostics } from '@passport-reader/contract';
import { HINT_ADVICE, adviceFromDiagnostics, unreliableReasons } from './diagnosis';

const diagnostics = (hints: ReadDiagnostics['hints']): ReadDiagnostics => ({
  located: true,
  pitchPx: 5,
  blur: 0.3,
  glare: 0,
  skewDegrees: 0,
  perspective: 1,
  cutAtEdge: false,
  hints,
});

const allHold = {
  documentNumber: true,
  dateOfBirth: true,
  expiryDate: true,
  personalNumber: null,
  composite: true,
};

describe('advice from the reader’s diagnosis', () => {
  it('gives each hint its own reason and advice, in the reader’s order, each once', () => {
    const advice = adviceFromDiagnostics(diagnostics(['TOO_SMALL', 'BLURRY', 'TOO_SMALL']));
    expect(advice).toEqual([HINT_ADVICE.TOO_SMALL, HINT_ADVICE.BLURRY]);
    expect(advice[0].advice).toBe('Move closer, so the document fills most of the picture.');
    const texts = Object.values(HINT_ADVICE).flatMap((a) => [a.reason, a.advice]);
    expect(new Set(texts).size).toBe(texts.length);
  });

  it('has none without a diagnosis', () => {
    expect(adviceFromDiagnostics(undefined)).toEqual([]);
    expect(adviceFromDiagnostics(diagnostics([]))).toEqual([]);
  });

  it('explains an unreliable result by the diagnosis first, then by its check digits', () => {
    expect(unreliableReasons({ checks: allHold, diagnostics: diagnostics(['GLARE']) })).toEqual([
      HINT_ADVICE.GLARE,
    ]);
    expect(
      unreliableReasons({ checks: { ...allHold, composite: false }, diagnostics: diagnostics([]) })[0].reason,
    ).toBe("Some check digits in the code don't add up, so at least one character was misread.");
    expect(unreliableReasons({ checks: allHold })[0].reason).toBe(
      'Some characters were too hard to make out to be sure of them.',
    );
  });
});
