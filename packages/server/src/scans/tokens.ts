import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A scan's access token: 32 random bytes, base64url; only its sha256 is stored. */
export function newToken(): { token: string; hash: Buffer } {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: hashToken(token) };
}

export function hashToken(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest();
}

/** Whether `given` is the operator's token (constant time; false when none is configured). */
export function isAdminToken(given: string | undefined, admin: string | undefined): boolean {
  if (!admin || given === undefined) return false;
  return timingSafeEqual(hashToken(given), hashToken(admin));
}

/** Stands in for the hash of a scan that does not exist, so that case costs what a wrong token costs. */
const NO_SCAN = Buffer.alloc(32);

/**
 * Whether the token opens the scan whose stored hash is `hash` (undefined: no such scan). The
 * same work is done whether the scan exists, the token is wrong or missing: a response that came
 * back faster for an unknown id would tell an attacker which ids exist.
 */
export function tokenMatches(token: string | undefined, hash: Buffer | undefined): boolean {
  const candidate = hashToken(token ?? '');
  const equal = timingSafeEqual(candidate, hash && hash.length === candidate.length ? hash : NO_SCAN);
  return equal && token !== undefined && hash !== undefined;
}
