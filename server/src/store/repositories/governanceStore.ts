import type { Conflict } from '@entente/shared/conflicts';
import type { FiredRule, WantedField } from '@entente/shared/governance';
import type { Queryable } from '../database.js';
import { isoOrNull, json, toIso } from './rows.js';

/** An override one person proposed, waiting for a second, different neutral person. */
export type PendingOverride = {
  outcome: 'approve' | 'reject';
  proposedBy: string;
  reason: string;
  /** The automatic decision it would overturn, restored if nobody confirms. */
  fromStatus: 'approved' | 'rejected';
  proposedAt: string;
  dueAt: string;
};

/** A registration's governance state: the decision that applies, its clocks and its reviewer. */
export type GovernanceState = {
  registrationId: string;
  policyVersion: number;
  outcome: 'approve' | 'reject' | 'review';
  firedRules: FiredRule[];
  conflicts: Conflict[];
  wantedFields: WantedField[];
  protectionDays: number;
  assignedApproverId: string | null;
  reviewDueAt: string | null;
  escalatedAt: string | null;
  extensionsUsed: number;
  pendingOverride: PendingOverride | null;
};

type GovernanceRow = {
  registration_id: string;
  policy_version: number;
  outcome: GovernanceState['outcome'];
  fired_rules: FiredRule[];
  conflicts: Conflict[];
  wanted_fields: WantedField[];
  protection_days: number;
  assigned_approver_id: string | null;
  review_due_at: Date | string | null;
  escalated_at: Date | string | null;
  extensions_used: number;
  pending_override: PendingOverride | null;
};

export const toState = (row: GovernanceRow): GovernanceState => ({
  registrationId: row.registration_id,
  policyVersion: row.policy_version,
  outcome: row.outcome,
  firedRules: row.fired_rules,
  conflicts: row.conflicts,
  wantedFields: row.wanted_fields,
  protectionDays: row.protection_days,
  assignedApproverId: row.assigned_approver_id,
  reviewDueAt: isoOrNull(row.review_due_at),
  escalatedAt: isoOrNull(row.escalated_at),
  extensionsUsed: row.extensions_used,
  pendingOverride: row.pending_override ?? null,
});

export const saveGovernance = async (db: Queryable, tenantId: string, s: GovernanceState): Promise<void> => {
  await db.query(
    `INSERT INTO registration_governance (tenant_id, registration_id, policy_version, outcome, fired_rules, conflicts,
       wanted_fields, protection_days, assigned_approver_id, review_due_at, escalated_at, extensions_used,
       pending_override)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
     ON CONFLICT (tenant_id, registration_id) DO UPDATE SET policy_version = EXCLUDED.policy_version,
       outcome = EXCLUDED.outcome, fired_rules = EXCLUDED.fired_rules, conflicts = EXCLUDED.conflicts,
       wanted_fields = EXCLUDED.wanted_fields, protection_days = EXCLUDED.protection_days,
       assigned_approver_id = EXCLUDED.assigned_approver_id, review_due_at = EXCLUDED.review_due_at,
       escalated_at = EXCLUDED.escalated_at, extensions_used = EXCLUDED.extensions_used,
       pending_override = EXCLUDED.pending_override`,
    [
      tenantId,
      s.registrationId,
      s.policyVersion,
      s.outcome,
      json(s.firedRules),
      json(s.conflicts),
      json(s.wantedFields),
      s.protectionDays,
      s.assignedApproverId,
      s.reviewDueAt,
      s.escalatedAt,
      s.extensionsUsed,
      s.pendingOverride ? json(s.pendingOverride) : null,
    ],
  );
};

export const getGovernance = async (
  db: Queryable,
  tenantId: string,
  registrationId: string,
): Promise<GovernanceState | undefined> => {
  const { rows } = await db.query<GovernanceRow>(
    'SELECT * FROM registration_governance WHERE tenant_id = $1 AND registration_id = $2',
    [tenantId, registrationId],
  );
  return rows[0] && toState(rows[0]);
};

/** Several registrations' states in one query (a card shows every claim on a deal). */
export const getGovernanceMany = async (
  db: Queryable,
  tenantId: string,
  registrationIds: readonly string[],
): Promise<Map<string, GovernanceState>> => {
  if (registrationIds.length === 0) return new Map();
  const { rows } = await db.query<GovernanceRow>(
    'SELECT * FROM registration_governance WHERE tenant_id = $1 AND registration_id = ANY($2)',
    [tenantId, registrationIds],
  );
  return new Map(rows.map((row) => [row.registration_id, toState(row)]));
};

/** Locks the registration row for the rest of the transaction: two deciders cannot both win. */
export const lockRegistration = async (
  db: Queryable,
  tenantId: string,
  registrationId: string,
): Promise<boolean> =>
  (
    await db.query('SELECT 1 FROM registrations WHERE tenant_id = $1 AND id = $2 FOR UPDATE', [
      tenantId,
      registrationId,
    ])
  ).rowCount > 0;

export type DecisionRecord = {
  registrationId: string;
  kind:
    | 'policy'
    | 'human'
    | 'override_proposal'
    | 'override'
    | 'override_lapse'
    | 'resubmission'
    | 'incumbency'
    | 'withdrawal'
    | 'extension'
    | 'expiry'
    | 'escalation';
  outcome: string;
  policyVersion: number | null;
  firedRules: FiredRule[];
  actorUserId: string | null;
  secondApproverId: string | null;
  reason: string | null;
  decidedAt: string;
};

type DecisionRow = {
  registration_id: string;
  kind: DecisionRecord['kind'];
  outcome: string;
  policy_version: number | null;
  fired_rules: FiredRule[];
  actor_user_id: string | null;
  second_approver_id: string | null;
  reason: string | null;
  decided_at: Date | string;
};

/** Decisions are only ever added: a new policy or a later decision never rewrites an earlier one. */
export const addDecision = async (db: Queryable, tenantId: string, d: DecisionRecord): Promise<void> => {
  await db.query(
    `INSERT INTO registration_decisions (tenant_id, registration_id, seq, kind, outcome, policy_version, fired_rules,
       actor_user_id, second_approver_id, reason, decided_at)
     VALUES ($1, $2, (SELECT coalesce(max(seq), 0) + 1 FROM registration_decisions WHERE tenant_id = $1 AND registration_id = $2),
       $3, $4, $5, $6, $7, $8, $9, $10)`,
    [
      tenantId,
      d.registrationId,
      d.kind,
      d.outcome,
      d.policyVersion,
      json(d.firedRules),
      d.actorUserId,
      d.secondApproverId,
      d.reason,
      d.decidedAt,
    ],
  );
};

export const listDecisions = async (
  db: Queryable,
  tenantId: string,
  registrationId: string,
): Promise<DecisionRecord[]> => {
  const { rows } = await db.query<DecisionRow>(
    'SELECT * FROM registration_decisions WHERE tenant_id = $1 AND registration_id = $2 ORDER BY seq',
    [tenantId, registrationId],
  );
  return rows.map((row) => ({
    registrationId: row.registration_id,
    kind: row.kind,
    outcome: row.outcome,
    policyVersion: row.policy_version,
    firedRules: row.fired_rules,
    actorUserId: row.actor_user_id,
    secondApproverId: row.second_approver_id,
    reason: row.reason,
    decidedAt: toIso(row.decided_at),
  }));
};

/** Open reviews per assigned approver, for load balancing. */
export const openReviewLoad = async (db: Queryable, tenantId: string): Promise<Map<string, number>> => {
  const { rows } = await db.query<{ user_id: string; n: number }>(
    `SELECT g.assigned_approver_id AS user_id, count(*)::int AS n
     FROM registration_governance g JOIN registrations r ON r.tenant_id = g.tenant_id AND r.id = g.registration_id
     WHERE g.tenant_id = $1 AND g.assigned_approver_id IS NOT NULL AND r.status IN ('submitted', 'in_review', 'info_requested')
     GROUP BY g.assigned_approver_id`,
    [tenantId],
  );
  return new Map(rows.map((row) => [row.user_id, row.n]));
};
