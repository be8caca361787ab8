import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * A token is `ent_<kind>_<keyId>_<secret>`. The key id is public (it finds the row); the secret has
 * 256 bits of entropy, so a plain sha256 of it is enough (no slow hash needed) and only that is stored.
 */
export type ApiKeyKind = 'partner' | 'internal';

const PREFIX: Record<ApiKeyKind, string> = { partner: 'ent_pk', internal: 'ent_ik' };
const TOKEN = /^ent_(pk|ik)_([0-9a-f]{16})_([A-Za-z0-9_-]{43})$/;

export type ParsedToken = { kind: ApiKeyKind; keyId: string; secret: string };
export type IssuedToken = ParsedToken & { token: string; secretHash: string };

export const hashSecret = (secret: string): string => createHash('sha256').update(secret).digest('hex');

const issue = (kind: ApiKeyKind, keyId: string, secret: string): IssuedToken => ({
  kind,
  keyId,
  secret,
  token: `${PREFIX[kind]}_${keyId}_${secret}`,
  secretHash: hashSecret(secret),
});

export const generateToken = (kind: ApiKeyKind): IssuedToken =>
  issue(kind, randomBytes(8).toString('hex'), randomBytes(32).toString('base64url'));

/**
 * The sandbox hands out the same keys on every start, so its fixture is stable. They are derived
 * from a name with an HMAC; never use this outside the sandbox.
 */
export const deriveSandboxToken = (kind: ApiKeyKind, seed: string, name: string): IssuedToken => {
  const digest = (label: string) => createHmac('sha256', seed).update(`${label}:${kind}:${name}`).digest();
  return issue(kind, digest('id').subarray(0, 8).toString('hex'), digest('secret').toString('base64url'));
};

export const parseToken = (token: string): ParsedToken | undefined => {
  const match = TOKEN.exec(token);
  if (!match) return undefined;
  return { kind: match[1] === 'pk' ? 'partner' : 'internal', keyId: match[2]!, secret: match[3]! };
};

/** Constant-time: how many characters of a guess were right must not show in the response time. */
export const secretMatches = (secret: string, storedHash: string): boolean => {
  const given = Buffer.from(hashSecret(secret), 'hex');
  const stored = Buffer.from(storedHash, 'hex');
  return given.length === stored.length && timingSafeEqual(given, stored);
};
