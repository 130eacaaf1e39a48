import type { DiagnosticHint, ReadDiagnostics, ReadResult } from '@passport-reader/contract';

/** What went wrong with a photo, and what the traveller can do about it. */
export interface Advice {
  reason: string;
  advice: string;
}

export const HINT_ADVICE: Record<DiagnosticHint, Advice> = {
  NOT_FOUND: {
    reason: "We couldn't find the lines of characters at the bottom of the photo page.",
    advice:
      'Photograph the whole photo page (or the back of an ID card), with the two or three lines of characters at its bottom in the picture.',
  },
  CUT_OFF: {
    reason: 'The lines of characters run off the edge of the photo.',
    advice: 'Step back a little, so the whole page with a margin around it is in the picture.',
  },
  TOO_SMALL: {
    reason: 'The characters are too small in the photo to read.',
    advice: 'Move closer, so the document fills most of the picture.',
  },
  BLURRY: {
    reason: 'The photo is blurred.',
    advice: 'Hold the phone still, and tap the characters on the screen to focus before taking the photo.',
  },
  GLARE: {
    reason: 'Light reflects off the page and hides some characters.',
    advice: 'Turn the flash off, and tilt the document slightly or move away from the lamp or window.',
  },
  TILTED: {
    reason: 'The page was photographed at an angle.',
    advice: 'Hold the phone straight above the document, parallel to the page.',
  },
};

/** The advice for each of the reader's hints, most important first, each once. */
export function adviceFromDiagnostics(diagnostics: ReadDiagnostics | null | undefined): Advice[] {
  return [...new Set(diagnostics?.hints ?? [])].map((hint) => HINT_ADVICE[hint]);
}

const CHECKS_FAILED: Advice = {
  reason: "Some check digits in the code don't add up, so at least one character was misread.",
  advice: 'Retake the photo sharp, flat and without glare, or compare each detail below with your document.',
};

const UNSURE_CHARACTERS: Advice = {
  reason: 'Some characters were too hard to make out to be sure of them.',
  advice: 'Retake the photo sharp, flat and without glare, or compare each detail below with your document.',
};

/**
 * Why a result is not reliable (`valid: false`): the reader's own diagnosis when it has one, else
 * what the check digits say.
 */
export function unreliableReasons(result: Pick<ReadResult, 'checks' | 'diagnostics'>): Advice[] {
  const fromDiagnostics = adviceFromDiagnostics(result.diagnostics);
  if (fromDiagnostics.length > 0) return fromDiagnostics;
  return Object.values(result.checks).includes(false) ? [CHECKS_FAILED] : [UNSURE_CHARACTERS];
}
