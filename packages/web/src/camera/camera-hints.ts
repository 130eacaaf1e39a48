import type { DiagnosticHint, ReadDiagnostics } from '@passport-reader/contract';
import { BLURRY_BELOW, exposureOf, type FrameMeasures } from './frame-measures';

/** What the on-device reader made of the latest frame it read. */
export type FrameReading =
  | { kind: 'starting' }
  | { kind: 'trusted' }
  | { kind: 'unsure'; diagnostics: ReadDiagnostics | undefined }
  | { kind: 'not-found'; diagnostics: ReadDiagnostics | undefined }
  | { kind: 'too-slow' }
  | { kind: 'reader-off' };

export type HintId =
  | 'starting'
  | 'dark'
  | 'bright'
  | 'glare'
  | 'blur'
  | 'cut-off'
  | 'too-small'
  | 'tilted'
  | 'find-mrz'
  | 'hold-still'
  | 'captured'
  | 'reader-off';

export interface CameraHint {
  id: HintId;
  text: string;
}

const TEXT: Record<HintId, string> = {
  starting: 'Getting the reader ready…',
  dark: 'Too dark: find more light, or turn on the torch.',
  bright: 'Too bright: move out of direct light.',
  glare: 'Glare on the page: tilt it a little, away from the light.',
  blur: 'Blurry: hold still, and keep the page a hand’s length away so the camera can focus.',
  'cut-off': 'The code runs off the edge: move back until both ends are inside the frame.',
  'too-small': 'Move closer: the characters are too small to read.',
  tilted: 'Hold the page straight and flat, square to the camera.',
  'find-mrz': 'Fit the photo page in the frame, with the lines of characters in the marked band.',
  'hold-still': 'Found the code. Hold still…',
  captured: 'Read. Taking the photo…',
  'reader-off': 'Automatic capture is not available on this device: take the photo with the button.',
};

const FROM_DIAGNOSIS: Partial<Record<DiagnosticHint, HintId>> = {
  CUT_OFF: 'cut-off',
  TOO_SMALL: 'too-small',
  BLURRY: 'blur',
  GLARE: 'glare',
  TILTED: 'tilted',
};

/**
 * The one thing to do next, from the frame's measures and the reader's latest reading: what the
 * reader diagnosed comes first (it saw the characters), then what the measures show, then where
 * to put the page. A frame the reader trusts needs nothing more.
 */
export function cameraHint(measures: FrameMeasures | null, reading: FrameReading): CameraHint {
  const hint = (id: HintId): CameraHint => ({ id, text: TEXT[id] });
  if (reading.kind === 'trusted') return hint('captured');
  if (reading.kind === 'reader-off') return hint('reader-off');
  const diagnosed = 'diagnostics' in reading ? reading.diagnostics?.hints : undefined;
  const fromReader = diagnosed?.map((h) => FROM_DIAGNOSIS[h]).find((id) => id !== undefined);
  if (fromReader) return hint(fromReader);
  if (measures) {
    const exposure = exposureOf(measures);
    if (exposure !== 'good') return hint(exposure === 'overexposed' ? 'bright' : exposure);
    if (measures.sharpness < BLURRY_BELOW) return hint('blur');
  }
  if (reading.kind === 'starting') return hint('starting');
  if (reading.kind === 'unsure') return hint('hold-still');
  return hint('find-mrz');
}

export type CheckState = 'good' | 'poor' | 'unknown';

export interface FrameCheck {
  label: string;
  state: CheckState;
  detail: string;
}

/** Characters at least this many pixels apart read reliably; below SMALL_PITCH the reader gives up. */
const GOOD_PITCH = 12;
const SMALL_PITCH = 7;

/** The measures as a short checklist beside the live view: what is fine, what is not. */
export function frameChecks(measures: FrameMeasures | null, reading: FrameReading): FrameCheck[] {
  const diagnostics = 'diagnostics' in reading ? reading.diagnostics : undefined;
  const found = reading.kind === 'trusted' || reading.kind === 'unsure' || diagnostics?.located === true;
  const pitch = diagnostics?.pitchPx ?? null;
  const unknown = (label: string): FrameCheck => ({ label, state: 'unknown', detail: 'measuring…' });
  const exposure = measures && exposureOf(measures);
  return [
    measures
      ? measures.sharpness < BLURRY_BELOW
        ? { label: 'Sharpness', state: 'poor', detail: 'blurry' }
        : { label: 'Sharpness', state: 'good', detail: 'sharp' }
      : unknown('Sharpness'),
    exposure
      ? exposure === 'dark'
        ? { label: 'Light', state: 'poor', detail: 'too dark' }
        : exposure === 'overexposed'
          ? { label: 'Light', state: 'poor', detail: 'too bright' }
          : { label: 'Light', state: 'good', detail: 'good' }
      : unknown('Light'),
    exposure
      ? exposure === 'glare'
        ? { label: 'Glare', state: 'poor', detail: 'reflections on the page' }
        : { label: 'Glare', state: 'good', detail: 'none' }
      : unknown('Glare'),
    reading.kind === 'starting'
      ? unknown('Code lines')
      : found
        ? { label: 'Code lines', state: 'good', detail: 'found' }
        : { label: 'Code lines', state: 'poor', detail: 'not found yet' },
    pitch === null
      ? { label: 'Character size', state: 'unknown', detail: found ? 'measuring…' : 'not measured yet' }
      : pitch >= GOOD_PITCH
        ? { label: 'Character size', state: 'good', detail: `${Math.round(pitch)} px` }
        : {
            label: 'Character size',
            state: 'poor',
            detail: `${Math.round(pitch)} px: ${pitch < SMALL_PITCH ? 'too small' : 'move a little closer'}`,
          },
  ];
}
