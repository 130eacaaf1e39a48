import { createHash, createHmac, timingSafeEqual, type Hash, type Hmac } from 'node:crypto';
import { SignatureV4 } from '@smithy/signature-v4';

/** The key pair callers sign with (TEXTRACT_COMPAT_ACCESS_KEY_ID / _SECRET_ACCESS_KEY). */
export interface CompatCredentials {
  accessKeyId: string;
  secretAccessKey: string;
}

export interface SignedRequest {
  method: string;
  /** Path and query string, as received. */
  url: string;
  headers: Record<string, string | string[] | undefined>;
  body: Uint8Array;
}

/** AWS's own error types for a request that is not signed, or not signed by the key it names. */
export type SignatureFailure =
  | 'MissingAuthenticationTokenException'
  | 'IncompleteSignatureException'
  | 'UnrecognizedClientException'
  | 'InvalidSignatureException';

export type SignatureCheck = { ok: true } | { ok: false; type: SignatureFailure; message: string };

/** AWS refuses a signature made more than 15 minutes from its own clock (replays, skewed clocks). */
const MAX_SKEW_MS = 15 * 60 * 1000;

const AUTHORIZATION =
  /^AWS4-HMAC-SHA256 Credential=([^/,\s]+)\/(\d{8})\/([^/,\s]+)\/([^/,\s]+)\/aws4_request,\s*SignedHeaders=([a-z0-9;_.-]+),\s*Signature=([0-9a-f]{64})$/;

/**
 * Checks a request's AWS Signature Version 4 against the one key pair this endpoint knows: the
 * request is signed again here, with the same library the AWS SDK signs with, over the headers the
 * caller says it signed, and the two signatures must be equal.
 */
export async function verifySignature(
  request: SignedRequest,
  credentials: CompatCredentials,
  now: Date = new Date(),
): Promise<SignatureCheck> {
  const header = single(request.headers.authorization);
  if (!header) return fail('MissingAuthenticationTokenException', 'Missing Authentication Token');
  const match = AUTHORIZATION.exec(header);
  if (!match) {
    return fail(
      'IncompleteSignatureException',
      'Authorization header requires Credential, SignedHeaders and Signature (AWS4-HMAC-SHA256).',
    );
  }
  const [, accessKeyId, shortDate, region, service, signedHeaderList, signature] = match;
  if (accessKeyId !== credentials.accessKeyId) {
    return fail('UnrecognizedClientException', 'The security token included in the request is invalid.');
  }
  const signingDate = parseAmzDate(single(request.headers['x-amz-date']));
  if (!signingDate || !single(request.headers['x-amz-date'])!.startsWith(shortDate)) {
    return fail(
      'IncompleteSignatureException',
      'X-Amz-Date is missing or does not match the credential scope.',
    );
  }
  if (Math.abs(now.getTime() - signingDate.getTime()) > MAX_SKEW_MS) {
    return fail(
      'InvalidSignatureException',
      'Signature expired: the request time is more than 15 minutes off.',
    );
  }
  const signedNames = signedHeaderList.split(';');
  if (!signedNames.includes('host')) {
    return fail('IncompleteSignatureException', 'The host header must be signed.');
  }
  const headers: Record<string, string> = {};
  for (const name of signedNames) {
    const value = request.headers[name];
    if (value === undefined) return fail('InvalidSignatureException', `Signed header ${name} is missing.`);
    headers[name] = Array.isArray(value) ? value.join(',') : value;
  }
  const url = new URL(request.url, 'http://placeholder');
  const query: Record<string, string | string[]> = {};
  for (const [key, value] of url.searchParams) {
    const seen = query[key];
    query[key] = seen === undefined ? value : [...(Array.isArray(seen) ? seen : [seen]), value];
  }
  const signer = new SignatureV4({
    credentials,
    region,
    service,
    sha256: NodeSha256,
    applyChecksum: false,
    uriEscapePath: true,
  });
  const signed = await signer.sign(
    {
      method: request.method,
      protocol: 'http:',
      hostname: headers.host,
      path: url.pathname,
      query,
      headers,
      body: request.body,
    },
    { signingDate, signingRegion: region, signingService: service, signableHeaders: new Set(signedNames) },
  );
  const expected = /Signature=([0-9a-f]{64})/.exec(String(signed.headers.authorization))?.[1] ?? '';
  const same =
    expected.length === signature.length &&
    timingSafeEqual(Buffer.from(expected, 'utf8'), Buffer.from(signature, 'utf8'));
  return same
    ? { ok: true }
    : fail(
        'InvalidSignatureException',
        'The request signature we calculated does not match the signature you provided.',
      );
}

function fail(type: SignatureFailure, message: string): SignatureCheck {
  return { ok: false, type, message };
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** 20261201T231500Z → the instant; undefined for anything else. */
function parseAmzDate(value: string | undefined): Date | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value ?? '');
  if (!m) return undefined;
  const date = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]));
  return Number.isNaN(date.getTime()) ? undefined : date;
}

type SourceData = string | ArrayBuffer | ArrayBufferView;

const bytesOf = (data: SourceData): Buffer =>
  typeof data === 'string'
    ? Buffer.from(data, 'utf8')
    : ArrayBuffer.isView(data)
      ? Buffer.from(data.buffer, data.byteOffset, data.byteLength)
      : Buffer.from(data);

/** SHA-256 and HMAC-SHA-256 from node:crypto, in the shape the signer takes (its Checksum). */
class NodeSha256 {
  private hash: Hash | Hmac;

  constructor(private readonly secret?: SourceData) {
    this.hash = this.fresh();
  }

  update(data: SourceData): void {
    this.hash.update(bytesOf(data));
  }

  async digest(): Promise<Uint8Array> {
    return new Uint8Array(this.hash.digest());
  }

  reset(): void {
    this.hash = this.fresh();
  }

  private fresh(): Hash | Hmac {
    return this.secret === undefined ? createHash('sha256') : createHmac('sha256', bytesOf(this.secret));
  }
}
