import type { MrzChecks, MrzFields, MrzFormat } from '@passport-reader/mrz';
import { z } from 'zod';

/** The result schema of DESIGN.md, as the reader returns it and every consumer receives it. */

export const mrzFormat = z.enum(['TD1', 'TD2', 'TD3', 'MRVA', 'MRVB']);

export const mrzChecks = z.object({
  documentNumber: z.boolean().nullable(),
  dateOfBirth: z.boolean().nullable(),
  expiryDate: z.boolean().nullable(),
  personalNumber: z.boolean().nullable(),
  composite: z.boolean().nullable(),
});

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const mrzFields = z.object({
  documentCode: z.string(),
  issuingState: z.string(),
  documentNumber: z.string(),
  surname: z.string(),
  givenNames: z.string(),
  nationality: z.string(),
  dateOfBirth: isoDate.nullable().describe('ISO date; null when the printed date is impossible or unknown'),
  sex: z.enum(['M', 'F', 'X', '<']).nullable(),
  expiryDate: isoDate.nullable(),
  personalNumber: z
    .string()
    .nullable()
    .describe('TD3 personal number, or the optional data; null when blank'),
  optionalData2: z.string().nullable().optional().describe('TD1 only: the optional data of line 2'),
});

export const mrzRegion = z
  .object({
    x: z.number(),
    y: z.number(),
    width: z.number(),
    height: z.number(),
    rotation: z
      .number()
      .describe('Degrees [0, 360) the image was turned counter-clockwise to read the MRZ upright'),
  })
  .describe("The MRZ's box in the image's pixels, after EXIF orientation");

export const readTimings = z.object({
  total: z.number(),
  decode: z.number(),
  locate: z.number(),
  rectify: z.number(),
  recognise: z.number(),
  correct: z.number(),
});

export const fieldConfidence = z.object({
  min: z.number().describe("Lowest probability among the field's characters"),
  checked: z.boolean().describe('Whether a check digit covers the field'),
});

export const diagnosticHint = z.enum(['NOT_FOUND', 'CUT_OFF', 'TOO_SMALL', 'BLURRY', 'GLARE', 'TILTED']);

export const readDiagnostics = z
  .object({
    located: z.boolean().describe('Whether lines shaped like an MRZ were found at all'),
    pitchPx: z.number().nullable().describe('Mean character pitch, original pixels'),
    blur: z.number().nullable().describe("Width of the strokes' edges as a share of the pitch"),
    glare: z.number().nullable().describe('Share of character cells washed out'),
    skewDegrees: z.number().nullable().describe('Degrees the MRZ lies turned from the nearest image axis'),
    perspective: z.number().nullable().describe('Larger over smaller character pitch along the lines'),
    cutAtEdge: z.boolean().describe('An MRZ line runs into the edge of the image'),
    hints: z.array(diagnosticHint).describe('What a caller can do about it, most important first'),
  })
  .describe('Why a reading was hard or failed');

export const readResult = z.object({
  format: mrzFormat,
  mrz: z.array(z.string()),
  valid: z.boolean().describe('Every check digit holds and nothing else leans on luck (README)'),
  checks: mrzChecks,
  fields: mrzFields,
  confidence: z.number(),
  region: mrzRegion,
  fieldConfidence: z.record(z.string(), fieldConfidence).optional(),
  diagnostics: readDiagnostics.optional(),
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
