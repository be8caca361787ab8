const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';
const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** Salesforce's 3-character case-safe suffix that turns a 15-character id into an 18-character one. */
const suffix = (id15: string): string => {
  let out = '';
  for (let chunk = 0; chunk < 3; chunk += 1) {
    let bits = 0;
    for (let i = 0; i < 5; i += 1) {
      const c = id15.charAt(chunk * 5 + i);
      if (c >= 'A' && c <= 'Z') bits |= 1 << i;
    }
    out += ALPHABET.charAt(bits);
  }
  return out;
};

/** An 18-character id with the object's key prefix (001 Account, 003 Contact, 006 Opportunity, 005 User). */
export const salesforceId = (prefix: string, pod: string, n: number): string => {
  let body = '';
  let rest = n;
  for (let i = 0; i < 9; i += 1) {
    body = BASE62.charAt(rest % 62) + body;
    rest = Math.floor(rest / 62);
  }
  const id15 = `${prefix}${pod}${body}`.slice(0, 15);
  return id15 + suffix(id15);
};

/** Accepts 15- or 18-character ids, as the REST API does, and returns the 18-character form. */
export const normaliseId = (id: string): string | undefined => {
  if (/^[a-zA-Z0-9]{18}$/.test(id)) return id;
  if (/^[a-zA-Z0-9]{15}$/.test(id)) return id + suffix(id);
  return undefined;
};

/** Salesforce timestamps look like `2026-01-02T03:04:05.000+0000`. */
export const sfDateTime = (ms: number): string => new Date(ms).toISOString().replace('Z', '+0000');
export const sfDate = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
