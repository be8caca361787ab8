import { createHash } from 'node:crypto';
import { canonicalJson, entryHash, GENESIS_HASH, verifyChain, type StoredAuditEntry } from './auditChain.js';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

const chain = (n: number): StoredAuditEntry[] => {
  const entries: StoredAuditEntry[] = [];
  let prev = GENESIS_HASH;
  for (let seq = 1; seq <= n; seq++) {
    const body = {
      tenantId: 't',
      seq,
      at: `2026-01-0${seq}T00:00:00.000Z`,
      type: 'decision',
      actor: 'u',
      subject: `r-${seq}`,
      payload: { b: 1, a: [seq] },
    };
    const hash = entryHash(sha256, prev, body);
    entries.push({ ...body, prevHash: prev, hash });
    prev = hash;
  }
  return entries;
};

describe('the audit hash chain', () => {
  it('When keys are in any order, then the canonical JSON is the same', () => {
    expect(canonicalJson({ b: 1, a: { d: 2, c: [3] } })).toBe(canonicalJson({ a: { c: [3], d: 2 }, b: 1 }));
  });

  it('When nothing was changed, then the chain verifies', () => {
    expect(verifyChain(sha256, chain(4))).toMatchObject({ ok: true, entries: 4 });
  });

  it('When one entry is edited, then verification names that entry', () => {
    const entries = chain(4);
    entries[1] = { ...entries[1]!, payload: { b: 2, a: [2] } };
    expect(verifyChain(sha256, entries)).toMatchObject({ ok: false, firstBadSeq: 2 });
  });

  it('When an entry is removed, then verification names the gap', () => {
    const entries = chain(4);
    entries.splice(2, 1);
    expect(verifyChain(sha256, entries)).toMatchObject({ ok: false, firstBadSeq: 4 });
  });
});
