import { z } from 'zod';
import type { Extractor, ObjectStore } from '../ports.js';
import { ANALYZE_ID_MODEL_VERSION, identityDocument, type AnalyzeIdOutput } from './analyze-id-response.js';
import { TextractError } from './textract-errors.js';

/** AnalyzeID's request: one or two pages (front and back), each as bytes or as an object in S3. */
const analyzeIdInput = z.object({
  DocumentPages: z
    .array(
      z.object({
        Bytes: z.base64().optional(),
        S3Object: z
          .object({ Bucket: z.string().min(1), Name: z.string().min(1), Version: z.string().optional() })
          .optional(),
      }),
    )
    .min(1)
    .max(2),
});

/** Where S3Object pages are read from: this service's own bucket (OBJECT_STORE=s3), or none. */
export interface CompatBucket {
  bucket: string;
  /** S3_PREFIX: the store's keys are the object names without it. */
  prefix: string;
  store: ObjectStore;
}

export interface AnalyzeIdDeps {
  extractor: Extractor;
  maxPageBytes: number;
  bucket?: CompatBucket;
}

/**
 * Textract AnalyzeID answered by our reader: stateless (nothing stored, nothing logged), one
 * IdentityDocument per page. A page without an MRZ gets a document of empty fields, as Textract
 * answers for a photo with no identity document in it.
 */
export async function analyzeId(body: unknown, deps: AnalyzeIdDeps): Promise<AnalyzeIdOutput> {
  const input = analyzeIdInput.safeParse(body);
  if (!input.success) {
    const issue = input.error.issues[0];
    throw new TextractError(
      'InvalidParameterException',
      `Request has invalid parameters: ${issue.path.join('.') || 'body'}: ${issue.message}`,
    );
  }
  const documents = [];
  for (const [i, page] of input.data.DocumentPages.entries()) {
    const bytes = await pageBytes(page, deps);
    const outcome = await deps.extractor.extract(bytes).catch(() => {
      throw new TextractError('InternalServerError', 'The document could not be read; try again.');
    });
    if (!outcome.ok && outcome.error.code !== 'NO_MRZ') throw refusal(outcome.error.code);
    documents.push(identityDocument(i + 1, outcome.ok ? outcome.result : null));
  }
  return {
    IdentityDocuments: documents,
    DocumentMetadata: { Pages: documents.length },
    AnalyzeIDModelVersion: ANALYZE_ID_MODEL_VERSION,
  };
}

async function pageBytes(
  page: z.infer<typeof analyzeIdInput>['DocumentPages'][number],
  deps: AnalyzeIdDeps,
): Promise<Uint8Array> {
  if ((page.Bytes === undefined) === (page.S3Object === undefined)) {
    throw new TextractError(
      'InvalidParameterException',
      'Each document page needs Bytes or S3Object, not both.',
    );
  }
  if (page.Bytes !== undefined) {
    const bytes = Buffer.from(page.Bytes, 'base64');
    if (bytes.length === 0) throw new TextractError('InvalidParameterException', 'Bytes is empty.');
    if (bytes.length > deps.maxPageBytes) throw tooLarge(deps.maxPageBytes);
    return bytes;
  }
  const { Bucket, Name } = page.S3Object!;
  const bucket = deps.bucket;
  if (!bucket || Bucket !== bucket.bucket || !Name.startsWith(bucket.prefix)) {
    throw new TextractError(
      'InvalidS3ObjectException',
      'Unable to get object metadata from S3: this service reads S3Object pages from its own bucket only (S3_BUCKET, under S3_PREFIX).',
    );
  }
  const bytes = await bucket.store.get(Name.slice(bucket.prefix.length)).catch(() => {
    throw new TextractError('InvalidS3ObjectException', 'Unable to get object metadata from S3.');
  });
  if (bytes.length > deps.maxPageBytes) throw tooLarge(deps.maxPageBytes);
  return bytes;
}

const tooLarge = (limit: number) =>
  new TextractError('DocumentTooLargeException', `The document is larger than ${limit} bytes.`);

/** The reader's refusals as Textract words them. */
function refusal(code: string): TextractError {
  switch (code) {
    case 'UNSUPPORTED_TYPE':
      return new TextractError('UnsupportedDocumentException', 'The document is not in a supported format.');
    case 'TOO_LARGE':
      return new TextractError('DocumentTooLargeException', 'The document has too many pixels.');
    case 'EMPTY_FILE':
      return new TextractError('InvalidParameterException', 'Bytes is empty.');
    default:
      return new TextractError('BadDocumentException', 'The document could not be decoded.');
  }
}
