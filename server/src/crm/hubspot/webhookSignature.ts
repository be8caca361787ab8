import { createHmac, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_WINDOW_MS = 5 * 60_000;

export type SignatureCheck = 'ok' | 'missing' | 'stale' | 'invalid';

/** HubSpot decodes these percent-encoded characters in the URI before signing. */
const DECODED: Record<string, string> = {
  '%3A': ':',
  '%2F': '/',
  '%3F': '?',
  '%40': '@',
  '%21': '!',
  '%24': '$',
  '%27': "'",
  '%28': '(',
  '%29': ')',
  '%2A': '*',
  '%2C': ',',
  '%3B': ';',
};
const decodeUri = (uri: string) =>
  uri.replace(/%(3A|2F|3F|40|21|24|27|28|29|2A|2C|3B)/gi, (m) => DECODED[m.toUpperCase()] ?? m);

export const signV3 = (
  secret: string,
  method: string,
  uri: string,
  body: string,
  timestamp: string,
): string =>
  createHmac('sha256', secret)
    .update(`${method}${decodeUri(uri)}${body}${timestamp}`, 'utf8')
    .digest('base64');

/**
 * Signature v3: base64(HMAC-SHA256(secret, METHOD + URI + body + timestamp)), the URI being the
 * public one HubSpot called (behind a proxy, PUBLIC_URL), within five minutes, compared in
 * constant time.
 */
export const checkSignatureV3 = (input: {
  clientSecret: string;
  method: string;
  uri: string;
  rawBody: Buffer | undefined;
  signature: string | undefined;
  timestamp: string | undefined;
  now: Date;
}): SignatureCheck => {
  if (!input.signature || !input.timestamp || input.rawBody === undefined) return 'missing';
  const sent = Number(input.timestamp);
  if (!Number.isFinite(sent) || Math.abs(input.now.getTime() - sent) > SIGNATURE_WINDOW_MS) return 'stale';
  const expected = Buffer.from(
    signV3(input.clientSecret, input.method, input.uri, input.rawBody.toString('utf8'), input.timestamp),
  );
  const given = Buffer.from(input.signature);
  return given.length === expected.length && timingSafeEqual(given, expected) ? 'ok' : 'invalid';
};
