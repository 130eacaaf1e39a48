import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A scan's access token: 32 random bytes, base64url; only its sha256 is stored. */
export function newToken(): { token: string; hash: Buffer } {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: hashToken(token) };
}

export function hashToken(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest();
}

export function tokenMatches(token: string | undefined, hash: Buffer): boolean {
  if (!token) return false;
  const candidate = hashToken(token);
  return candidate.length === hash.length && timingSafeEqual(candidate, hash);
}
