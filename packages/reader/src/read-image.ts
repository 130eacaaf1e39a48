import { DEFAULT_DECODE_LIMITS, type DecodeLimits, type ImageDecoder } from './image/decoded-image.js';
import { CUT_MESSAGE, notFound } from './diagnostics.js';
import { ReadError } from './errors.js';
import type { Recogniser } from './recognise/recogniser.js';
import type { ReadResult } from '@passport-reader/contract';
import { rereadJittered, secondLook, type Reading } from './read/reading.js';
import { fieldConfidenceOf, regionOf, round } from './read/result-parts.js';
import { searchForMrz } from './read/search.js';
import { StageClock } from './read/stage-clock.js';
import { TonePyramids, type DecodeInTone } from './read/tone-pyramids.js';
import { finalVerdict } from './trust/final-verdict.js';
import { SURE } from './trust/trust-rules.js';

export interface ReadOptions {
  limits?: DecodeLimits;
  /** Reference date for the century of dates of birth and expiry; now by default. */
  today?: Date;
  /**
   * Epoch milliseconds after which the read stops at its next checkpoint (between searches and
   * between groups of lines) with ReadDeadlineExceeded. A worker thread is never ended from
   * outside: ending it inside ONNX Runtime or sharp aborts the whole process.
   */
  deadline?: number;
}

/**
 * Reads the MRZ of one image; throws ReadError with a contract code when it cannot. The stages of
 * the contract's READ_STAGES, each timed: decode; the search, which locates, rectifies, recognises
 * and corrects place after place (read/search.ts); a closer look at the winner (correct); and the
 * final verdict on trust (trust/final-verdict.ts). The same pipeline in Node and in the browser:
 * only `decode` (the source to pixels) and the recogniser's ONNX runtime differ.
 */
export async function readImage<Source>(
  source: Source,
  decode: ImageDecoder<Source>,
  loadedRecogniser: Recogniser | Promise<Recogniser>,
  options: ReadOptions = {},
): Promise<ReadResult> {
  const clock = new StageClock();
  const limits = options.limits ?? DEFAULT_DECODE_LIMITS;
  const decodeInTone: DecodeInTone = (tone, decodeOptions) => decode(source, limits, tone, decodeOptions);
  const decoded = await clock.time('decode', () => decodeInTone('luma', { shrink: true }));
  // A one-shot caller (the CLI) may still be loading the models: they load while the image decodes.
  const recogniser = await loadedRecogniser;
  if (decoded.width < 40 || decoded.height < 10) {
    throw new ReadError(
      'NO_MRZ',
      `The image is ${decoded.width}×${decoded.height} pixels: too small to hold an MRZ.`,
    );
  }
  const tones = new TonePyramids(decodeInTone, decoded, clock.lap);

  const { best: found, located, cut } = await searchForMrz(tones, recogniser, options, clock.lap);
  if (!found) {
    throw new ReadError(
      'NO_MRZ',
      cut
        ? CUT_MESSAGE
        : located
          ? 'Lines like a machine-readable zone were found but could not be read.'
          : 'No machine-readable zone was found in the image.',
      notFound(located, cut),
    );
  }
  const confirmed = await lookAgain(found, tones, recogniser, options, clock);
  const { reading, diagnostics } = await clock.time('trust', () => finalVerdict(confirmed, tones.size));

  const { correction } = reading;
  return {
    format: correction.parsed.format,
    mrz: correction.lines,
    valid: reading.trusted,
    checks: correction.parsed.checks,
    fields: correction.parsed.fields,
    confidence: round(correction.confidence, 3),
    region: regionOf(reading.geometries),
    fieldConfidence: fieldConfidenceOf(correction, reading.candidates),
    diagnostics,
    timingsMs: clock.timings(),
  };
}

/**
 * The search's winner read again, slightly shifted, and, where a character no check digit protects
 * is not sure, in the other tone too: a trusted reading must hold up under both.
 */
async function lookAgain(
  found: Reading,
  tones: TonePyramids,
  recogniser: Recogniser,
  options: ReadOptions,
  clock: StageClock,
): Promise<Reading> {
  const best = await rereadJittered(found, recogniser, options, clock.lap);
  if (!best.trusted || best.correction.weakestUnprotected >= SURE) return best;
  const other = await tones.inTone(best.tone === 'luma' ? 'brightest' : 'luma');
  // A grey image looks the same in both tones: a second look would only repeat the first.
  if (!other) return best;
  if (other.finestLevel > best.pyramid.finestLevel) await tones.loadFull(other);
  return secondLook(best, other, recogniser, clock.lap);
}
