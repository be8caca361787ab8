import { randomBytes } from 'node:crypto';
import { hashSecret } from './apiKeyTokens.js';

/**
 * A one-time key link's token is `ent_kl_<secret>`: 256 random bits, so a plain sha256 of it is
 * enough and only that is stored. Whoever holds the token may view the key once; nothing else
 * authenticates the request.
 */
const LINK_TOKEN = /^ent_kl_[A-Za-z0-9_-]{43}$/;

export type IssuedLinkToken = { token: string; tokenHash: string };

export const generateLinkToken = (): IssuedLinkToken => {
  const token = `ent_kl_${randomBytes(32).toString('base64url')}`;
  return { token, tokenHash: hashSecret(token) };
};

/** The stored hash of a link token, or undefined when the text cannot be one. */
export const linkTokenHash = (token: string): string | undefined =>
  LINK_TOKEN.test(token) ? hashSecret(token) : undefined;

/** The path a link's token is served under; logs censor the token (observability/logger.ts). */
export const KEY_LINK_PATH = '/api/v1/key-links';
