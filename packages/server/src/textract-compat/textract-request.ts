import { randomUUID } from 'node:crypto';
import type { AnalyzeIdOutput } from './analyze-id-response.js';
import { verifySignature, type CompatCredentials, type SignedRequest } from './sigv4-verify.js';
import { TextractError } from './textract-errors.js';

/** An answer in Textract's JSON protocol, for whichever server sends it (Fastify, API Gateway). */
export interface TextractAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

const JSON_1_1 = 'application/x-amz-json-1.1';
const OPERATION = 'Textract.AnalyzeID';

/**
 * One request of Textract's JSON protocol: the signature checked against the key pair, the
 * operation named in X-Amz-Target, the body parsed, and AnalyzeID answered, or Textract's error.
 */
export async function answerTextractRequest(
  request: SignedRequest,
  credentials: CompatCredentials,
  analyze: (body: unknown) => Promise<AnalyzeIdOutput>,
): Promise<TextractAnswer> {
  try {
    const signature = await verifySignature(request, credentials);
    if (!signature.ok) throw new TextractError(signature.type, signature.message);
    const target = request.headers['x-amz-target'];
    if (target !== OPERATION) {
      throw new TextractError(
        'UnknownOperationException',
        `This endpoint answers ${OPERATION} only${typeof target === 'string' ? `, not ${target}` : ''}.`,
      );
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(Buffer.from(request.body).toString('utf8'));
    } catch {
      throw new TextractError('SerializationException', 'The request body is not JSON.');
    }
    const output = await analyze(parsed);
    return { status: 200, headers: headersFor(), body: JSON.stringify(output) };
  } catch (error) {
    if (error instanceof TextractError) return textractErrorAnswer(error);
    throw error;
  }
}

export function textractErrorAnswer(error: TextractError): TextractAnswer {
  return {
    status: error.status,
    headers: { ...headersFor(), 'x-amzn-errortype': error.type },
    body: JSON.stringify({ __type: error.type, message: error.message }),
  };
}

function headersFor(): Record<string, string> {
  return { 'content-type': JSON_1_1, 'x-amzn-requestid': randomUUID() };
}
