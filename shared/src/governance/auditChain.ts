/**
 * The audit log's hash chain, without the hashing library: each entry commits to the previous
 * entry's hash, so editing, removing or reordering any stored entry breaks every hash after it.
 * The server passes sha256; the chain logic stays pure and testable.
 */
export type AuditEntryBody = {
  tenantId: string;
  seq: number;
  at: string;
  type: string;
  actor: string;
  subject: string;
  payload: unknown;
};

export type StoredAuditEntry = AuditEntryBody & { prevHash: string; hash: string };

export type HashFunction = (text: string) => string;

/** The hash before the first entry of every tenant's chain. */
export const GENESIS_HASH = '0'.repeat(64);

/** JSON with keys sorted at every level: the same entry always hashes the same. */
export const canonicalJson = (value: unknown): string => {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
};

export const entryHash = (hash: HashFunction, prevHash: string, body: AuditEntryBody): string =>
  hash(prevHash + canonicalJson(body));

export type ChainVerdict =
  | { ok: true; entries: number; headHash: string }
  | { ok: false; entries: number; firstBadSeq: number; problem: string };

/** Walks the chain in order and names the first entry that does not hold. */
export const verifyChain = (
  hash: HashFunction,
  entries: Iterable<StoredAuditEntry>,
  start = { seq: 0, hash: GENESIS_HASH },
): ChainVerdict => {
  let previous = start.hash;
  let expectedSeq = start.seq + 1;
  let count = 0;
  for (const entry of entries) {
    count++;
    const { prevHash, hash: stored, ...body } = entry;
    const bad = (problem: string): ChainVerdict => ({
      ok: false,
      entries: count,
      firstBadSeq: entry.seq,
      problem,
    });
    if (entry.seq !== expectedSeq)
      return bad(`expected entry ${expectedSeq}, found ${entry.seq} (an entry is missing)`);
    if (prevHash !== previous) return bad('its previous-hash does not match the entry before it');
    if (entryHash(hash, prevHash, body) !== stored)
      return bad('its content does not match its hash (it was changed)');
    previous = stored;
    expectedSeq++;
  }
  return { ok: true, entries: count, headHash: previous };
};
