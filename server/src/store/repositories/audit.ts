import { createHash } from 'node:crypto';
import {
  entryHash,
  GENESIS_HASH,
  verifyChain,
  type AuditEntryBody,
  type StoredAuditEntry,
} from '@entente/shared/governance';
import type { Queryable } from '../database.js';
import { toIso } from './rows.js';

export const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

/** What other features append: decisions, overrides, policy publications, disputes, attribution events. */
export type AuditEntryInput = {
  /** Dotted event type, e.g. `registration.decided`, `policy.published`, `dispute.opened`. */
  type: string;
  /** Who did it: a user id, `partner:<id>`, or `system`. */
  actor: string;
  /** What it is about, e.g. `registration:reg-001`. */
  subject: string;
  /** Anything JSON; hashed in canonical form (key order does not matter). */
  payload: Record<string, unknown>;
  at: Date;
};

/**
 * Appends one entry to the tenant's hash chain and returns it. Call it inside the transaction that
 * makes the change it records (`store.transaction` / `db.transaction`), so the change and its audit
 * entry commit together. The chain head row is locked FOR UPDATE: concurrent appends for one tenant
 * queue up instead of forking the chain; other tenants are not blocked.
 */
export const appendAudit = async (
  tx: Queryable,
  tenantId: string,
  entry: AuditEntryInput,
): Promise<StoredAuditEntry> => {
  await tx.query(
    'INSERT INTO audit_heads (tenant_id, seq, hash) VALUES ($1, 0, $2) ON CONFLICT (tenant_id) DO NOTHING',
    [tenantId, GENESIS_HASH],
  );
  const { rows } = await tx.query<{ seq: number; hash: string }>(
    'SELECT seq, hash FROM audit_heads WHERE tenant_id = $1 FOR UPDATE',
    [tenantId],
  );
  const head = rows[0]!;
  const body: AuditEntryBody = {
    tenantId,
    seq: Number(head.seq) + 1,
    at: entry.at.toISOString(),
    type: entry.type,
    actor: entry.actor,
    subject: entry.subject,
    // Through JSON once, so what is hashed is exactly what jsonb gives back.
    payload: JSON.parse(JSON.stringify(entry.payload)) as unknown,
  };
  const hash = entryHash(sha256, head.hash, body);
  await tx.query(
    `INSERT INTO audit_log (tenant_id, seq, at, type, actor, subject, payload, prev_hash, hash)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [
      tenantId,
      body.seq,
      body.at,
      body.type,
      body.actor,
      body.subject,
      JSON.stringify(body.payload),
      head.hash,
      hash,
    ],
  );
  await tx.query('UPDATE audit_heads SET seq = $2, hash = $3 WHERE tenant_id = $1', [
    tenantId,
    body.seq,
    hash,
  ]);
  return { ...body, prevHash: head.hash, hash };
};

type AuditRow = {
  seq: number | string;
  at: Date | string;
  type: string;
  actor: string;
  subject: string;
  payload: unknown;
  prev_hash: string;
  hash: string;
};

const toEntry = (tenantId: string, row: AuditRow): StoredAuditEntry => ({
  tenantId,
  seq: Number(row.seq),
  at: toIso(row.at),
  type: row.type,
  actor: row.actor,
  subject: row.subject,
  payload: row.payload,
  prevHash: row.prev_hash,
  hash: row.hash,
});

export const listAudit = async (
  db: Queryable,
  tenantId: string,
  { afterSeq = 0, limit = 1000 }: { afterSeq?: number; limit?: number } = {},
): Promise<StoredAuditEntry[]> => {
  const { rows } = await db.query<AuditRow>(
    'SELECT * FROM audit_log WHERE tenant_id = $1 AND seq > $2 ORDER BY seq LIMIT $3',
    [tenantId, afterSeq, limit],
  );
  return rows.map((row) => toEntry(tenantId, row));
};

export type AuditVerification =
  | { tenantId: string; ok: true; entries: number; headHash: string }
  | { tenantId: string; ok: false; entries: number; firstBadSeq: number; problem: string };

/**
 * Re-computes every hash of the tenant's chain, a page at a time, and names the first entry that
 * does not hold. The head row catches a chain cut short at the end.
 */
export const verifyAudit = async (db: Queryable, tenantId: string): Promise<AuditVerification> => {
  let start = { seq: 0, hash: GENESIS_HASH };
  let entries = 0;
  for (;;) {
    const page = await listAudit(db, tenantId, { afterSeq: start.seq });
    if (page.length === 0) break;
    const verdict = verifyChain(sha256, page, start);
    if (!verdict.ok)
      return {
        tenantId,
        ok: false,
        entries: entries + verdict.entries,
        firstBadSeq: verdict.firstBadSeq,
        problem: verdict.problem,
      };
    entries += verdict.entries;
    start = { seq: page.at(-1)!.seq, hash: verdict.headHash };
  }
  const { rows } = await db.query<{ seq: number | string; hash: string }>(
    'SELECT seq, hash FROM audit_heads WHERE tenant_id = $1',
    [tenantId],
  );
  const head = rows[0];
  if (head && (Number(head.seq) !== start.seq || head.hash !== start.hash))
    return {
      tenantId,
      ok: false,
      entries,
      firstBadSeq: start.seq + 1,
      problem: `the chain head says ${head.seq} entries, but the log ends at ${start.seq} (entries were removed)`,
    };
  return { tenantId, ok: true, entries, headHash: start.hash };
};
