import {
  AnalyzeIDCommand,
  TextractClient,
  type AnalyzeIDCommandOutput,
  type IdentityDocumentField,
} from '@aws-sdk/client-textract';
import { parseMrz, type MrzFields, type MrzFormat } from '@passport-reader/mrz';
import type { ReadResult } from '@passport-reader/contract';
import { sniffImageType } from '@passport-reader/reader/sniff';
import type { ExtractOutcome, Extractor, ScanError } from '../ports.js';
import { scanError } from '../scans/error-messages.js';

/** Image types AnalyzeID accepts as bytes. */
const TEXTRACT_TYPES = new Set(['jpeg', 'png', 'tiff']);
/** An MRZ that Textract read less surely than this (percent) is never called valid. */
const MIN_MRZ_CONFIDENCE = 50;

const LINE_SHAPES: Record<number, number> = { 90: 30, 72: 36, 88: 44 };

const fail = (code: string): ExtractOutcome => ({ ok: false, error: failure(code) });
const failure = (code: string): ScanError => scanError(code);

/** MRZ_CODE text as lines: split on line breaks or blanks, or by length when Textract ran them together. */
export function mrzLines(text: string): string[] {
  const compact = text.toUpperCase().replace(/[«‹]/g, '<');
  const parts = compact.split(/[\r\n\s]+/).filter(Boolean);
  if (parts.length >= 2) return parts;
  const joined = parts[0] ?? '';
  const width = LINE_SHAPES[joined.length];
  if (!width) return parts;
  return joined.match(new RegExp(`.{${width}}`, 'g')) ?? parts;
}

function fieldMap(
  fields: IdentityDocumentField[],
): Map<string, { text: string; normalized?: string; confidence: number }> {
  const map = new Map<string, { text: string; normalized?: string; confidence: number }>();
  for (const field of fields) {
    const type = field.Type?.Text;
    const text = field.ValueDetection?.Text?.trim();
    if (!type || !text) continue;
    map.set(type, {
      text,
      normalized: field.ValueDetection?.NormalizedValue?.Value,
      confidence: field.ValueDetection?.Confidence ?? 0,
    });
  }
  return map;
}

const isoDate = (value: { text: string; normalized?: string } | undefined): string | null => {
  const candidate = value?.normalized ?? value?.text;
  return candidate && /^\d{4}-\d{2}-\d{2}/.test(candidate) ? candidate.slice(0, 10) : null;
};

/**
 * Maps an AnalyzeID answer to our result schema. When Textract returns the MRZ text, the MRZ library
 * parses and re-validates it, so `valid` means what it means with the built-in reader: every check digit
 * holds (and the MRZ was read surely). Without an MRZ the printed fields are mapped and `valid` is false.
 */
export function mapAnalyzeId(
  output: AnalyzeIDCommandOutput,
  elapsedMs: number,
  today?: Date,
): ExtractOutcome {
  const document = output.IdentityDocuments?.[0];
  const fields = fieldMap(document?.IdentityDocumentFields ?? []);
  if (fields.size === 0) return fail('NO_MRZ');
  const timingsMs = { total: elapsedMs, decode: 0, locate: 0, rectify: 0, recognise: elapsedMs, correct: 0 };
  // AnalyzeID reports no geometry for its fields: the region is unknown.
  const region = { x: 0, y: 0, width: 0, height: 0, rotation: 0 };

  const mrz = fields.get('MRZ_CODE');
  if (mrz) {
    const started = performance.now();
    const lines = mrzLines(mrz.text);
    try {
      const parsed = parseMrz(lines, { today });
      timingsMs.correct = performance.now() - started;
      const result: ReadResult = {
        format: parsed.format,
        mrz: parsed.lines,
        valid: parsed.valid && mrz.confidence >= MIN_MRZ_CONFIDENCE,
        checks: parsed.checks,
        fields: parsed.fields,
        confidence: round(mrz.confidence / 100),
        region,
        timingsMs,
      };
      return { ok: true, result };
    } catch {
      // Not an MRZ shape: fall through to the printed fields.
    }
  }

  const idType = fields.get('ID_TYPE')?.text.toUpperCase() ?? '';
  const format: MrzFormat = idType.includes('PASSPORT') ? 'TD3' : 'TD1';
  const mapped: MrzFields = {
    documentCode: idType.includes('PASSPORT') ? 'P' : 'I',
    issuingState: '',
    documentNumber: fields.get('DOCUMENT_NUMBER')?.text.toUpperCase() ?? '',
    surname: fields.get('LAST_NAME')?.text.toUpperCase() ?? '',
    givenNames: [fields.get('FIRST_NAME')?.text, fields.get('MIDDLE_NAME')?.text]
      .filter(Boolean)
      .join(' ')
      .toUpperCase(),
    nationality: '',
    dateOfBirth: isoDate(fields.get('DATE_OF_BIRTH')),
    sex: null,
    expiryDate: isoDate(fields.get('EXPIRATION_DATE')),
    personalNumber: null,
  };
  const used = ['DOCUMENT_NUMBER', 'LAST_NAME', 'FIRST_NAME', 'DATE_OF_BIRTH', 'EXPIRATION_DATE']
    .map((k) => fields.get(k)?.confidence)
    .filter((c): c is number => c !== undefined);
  if (used.length === 0) return fail('NO_MRZ');
  return {
    ok: true,
    result: {
      format,
      mrz: [],
      valid: false,
      checks: {
        documentNumber: null,
        dateOfBirth: null,
        expiryDate: null,
        personalNumber: null,
        composite: null,
      },
      fields: mapped,
      confidence: round(Math.min(...used) / 100),
      region,
      timingsMs,
    },
  };
}

const round = (n: number) => Math.round(n * 1000) / 1000;

/** Textract errors that are final for this image; anything else (throttling, outages) is retried. */
const FINAL_ERRORS: Record<string, string> = {
  UnsupportedDocumentException: 'UNSUPPORTED_TYPE',
  BadDocumentException: 'UNREADABLE_IMAGE',
  InvalidParameterException: 'UNREADABLE_IMAGE',
  DocumentTooLargeException: 'TOO_LARGE',
};

/** Amazon Textract AnalyzeID as the extractor (EXTRACTOR=textract). Sends the image bytes; stores nothing. */
export class TextractExtractor implements Extractor {
  private readonly client: TextractClient;

  constructor(options: { region: string; endpoint?: string; client?: TextractClient }) {
    this.client =
      options.client ?? new TextractClient({ region: options.region, endpoint: options.endpoint });
  }

  async extract(bytes: Uint8Array): Promise<ExtractOutcome> {
    const type = sniffImageType(bytes);
    if (!type || !TEXTRACT_TYPES.has(type)) return fail('UNSUPPORTED_TYPE');
    const started = performance.now();
    let output: AnalyzeIDCommandOutput;
    try {
      output = await this.client.send(new AnalyzeIDCommand({ DocumentPages: [{ Bytes: bytes }] }));
    } catch (error) {
      const code = FINAL_ERRORS[(error as { name?: string }).name ?? ''];
      if (code) return fail(code);
      throw error;
    }
    return mapAnalyzeId(output, Math.round(performance.now() - started));
  }

  async close(): Promise<void> {
    this.client.destroy();
  }
}
