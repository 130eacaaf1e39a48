import type { MrzChecks, MrzFields, MrzFormat } from '@passport-reader/mrz';
import { z } from 'zod/mini';

/**
 * The result schema of DESIGN.md, as the reader returns it and every consumer receives it. zod's
 * "mini" form: the page bundles these schemas to parse the server's answers, and it is a tenth of
 * the size.
 */

const described = <T extends z.ZodMiniType>(schema: T, description: string): T =>
  schema.check(z.describe(description)) as T;

export const mrzFormat = z.enum(['TD1', 'TD2', 'TD3', 'MRVA', 'MRVB']);

export const mrzChecks = z.object({
  documentNumber: z.nullable(z.boolean()),
  dateOfBirth: z.nullable(z.boolean()),
  expiryDate: z.nullable(z.boolean()),
  personalNumber: z.nullable(z.boolean()),
  composite: z.nullable(z.boolean()),
});

const isoDate = z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/));

export const mrzFields = z.object({
  documentCode: z.string(),
  issuingState: z.string(),
  documentNumber: z.string(),
  surname: z.string(),
  givenNames: z.string(),
  nationality: z.string(),
  dateOfBirth: described(
    z.nullable(isoDate),
    'ISO date; null when the printed date is impossible or unknown',
  ),
  sex: z.nullable(z.enum(['M', 'F', 'X', '<'])),
  expiryDate: z.nullable(isoDate),
  personalNumber: described(
    z.nullable(z.string()),
    'TD3 personal number, or the optional data; null when blank',
  ),
  optionalData2: described(z.optional(z.nullable(z.string())), 'TD1 only: the optional data of line 2'),
});

export const mrzRegion = described(
  z.object({
    x: z.number(),
    y: z.number(),
    width: z.number(),
    height: z.number(),
    rotation: described(
      z.number(),
      'Degrees [0, 360) the image was turned counter-clockwise to read the MRZ upright',
    ),
  }),
  "The MRZ's box in the image's pixels, after EXIF orientation",
);

/**
 * The reader's stages, in the order a reading goes through them. A search runs locate → correct
 * once per place it looks, so each stage's time is the sum over its runs; `total` is the wall time.
 */
export const READ_STAGES = ['decode', 'locate', 'rectify', 'recognise', 'correct', 'trust'] as const;
export type ReadStage = (typeof READ_STAGES)[number];

export const readTimings = z.object({
  total: z.number(),
  decode: z.number(),
  locate: z.number(),
  rectify: z.number(),
  recognise: z.number(),
  correct: z.number(),
  /** Optional: results stored before the trust stage was timed on its own lack it. */
  trust: z.optional(z.number()),
});

export const fieldConfidence = z.object({
  min: described(z.number(), "Lowest probability among the field's characters"),
  checked: described(z.boolean(), 'Whether a check digit covers the field'),
});

export const diagnosticHint = z.enum(['NOT_FOUND', 'CUT_OFF', 'TOO_SMALL', 'BLURRY', 'GLARE', 'TILTED']);

export const readDiagnostics = described(
  z.object({
    located: described(z.boolean(), 'Whether lines shaped like an MRZ were found at all'),
    pitchPx: described(z.nullable(z.number()), 'Mean character pitch, original pixels'),
    blur: described(z.nullable(z.number()), "Width of the strokes' edges as a share of the pitch"),
    glare: described(z.nullable(z.number()), 'Share of character cells washed out'),
    skewDegrees: described(z.nullable(z.number()), 'Degrees the MRZ lies turned from the nearest image axis'),
    perspective: described(z.nullable(z.number()), 'Larger over smaller character pitch along the lines'),
    cutAtEdge: described(z.boolean(), 'An MRZ line runs into the edge of the image'),
    hints: described(z.array(diagnosticHint), 'What a caller can do about it, most important first'),
  }),
  'Why a reading was hard or failed',
);

export const readResult = z.object({
  format: mrzFormat,
  mrz: z.array(z.string()),
  valid: described(z.boolean(), 'Every check digit holds and nothing else leans on luck (README)'),
  checks: mrzChecks,
  fields: mrzFields,
  confidence: z.number(),
  region: mrzRegion,
  fieldConfidence: z.optional(z.record(z.string(), fieldConfidence)),
  diagnostics: z.optional(readDiagnostics),
  timingsMs: readTimings,
});

export type MrzRegion = z.infer<typeof mrzRegion>;
export type ReadTimings = z.infer<typeof readTimings>;
export type FieldConfidence = z.infer<typeof fieldConfidence>;
export type DiagnosticHint = z.infer<typeof diagnosticHint>;
export type ReadDiagnostics = z.infer<typeof readDiagnostics>;
export type ReadResult = z.infer<typeof readResult>;

/** The MRZ library's own types and these schemas are the same shapes: the build fails when they drift. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Assert<T extends true[]> = T;
export type MrzLibraryAgrees = Assert<
  [
    Same<z.infer<typeof mrzFormat>, MrzFormat>,
    Same<z.infer<typeof mrzChecks>, MrzChecks>,
    Same<z.infer<typeof mrzFields>, MrzFields>,
  ]
>;

export type MrzFormatName = z.infer<typeof mrzFormat>;
export type MrzChecksResult = z.infer<typeof mrzChecks>;
export type MrzFieldsResult = z.infer<typeof mrzFields>;

/** Every stage has its time in timingsMs, and nothing else but the total does. */
export type StagesAreTimed = Assert<[Same<ReadStage | 'total', keyof ReadTimings>]>;
