import { DEFAULT_POLICY_YAML, parsePolicy, policySchema, type Policy } from '@entente/shared/governance';
import type { Queryable } from '../database.js';
import { toIso } from './rows.js';
import { appendAudit } from './audit.js';

import type { TenantScope } from './tenantScope.js';

export type PublishedPolicy = {
  version: number;
  policy: Policy;
  source: string;
  publishedBy: string;
  publishedAt: string;
};

type PolicyRow = {
  version: number;
  document: Policy;
  source: string;
  published_by: string;
  published_at: Date | string;
};

const toPublished = (row: PolicyRow): PublishedPolicy => ({
  version: row.version,
  policy: policySchema.parse(row.document),
  source: row.source,
  publishedBy: row.published_by,
  publishedAt: toIso(row.published_at),
});

/** Publishes the next version (audited). Earlier decisions keep citing the version they were made under. */
export const publishPolicy = async (
  tx: Queryable,
  tenantId: string,
  {
    source,
    publishedBy,
    at,
    simulationId,
  }: { source: string; publishedBy: string; at: Date; simulationId?: string },
): Promise<PublishedPolicy> => {
  const policy = parsePolicy(source);
  // Two admins publishing at once must not take the same version number.
  await tx.query("SELECT pg_advisory_xact_lock(hashtext('entente.policy:' || $1))", [tenantId]);
  const { rows } = await tx.query<{ version: number }>(
    'SELECT coalesce(max(version), 0) + 1 AS version FROM policies WHERE tenant_id = $1',
    [tenantId],
  );
  const version = Number(rows[0]!.version);
  await tx.query(
    `INSERT INTO policies (tenant_id, version, document, source, published_by, published_at) VALUES ($1, $2, $3, $4, $5, $6)`,
    [tenantId, version, JSON.stringify(policy), source, publishedBy, at.toISOString()],
  );
  await appendAudit(tx, tenantId, {
    type: 'policy.published',
    actor: publishedBy,
    subject: `policy:${version}`,
    payload: {
      version,
      name: policy.name,
      ruleIds: policy.rules.map((rule) => rule.id),
      source,
      ...(simulationId ? { simulationId } : {}),
    },
    at,
  });
  return { version, policy, source, publishedBy, publishedAt: at.toISOString() };
};

export const getPolicy = async (
  db: Queryable,
  tenantId: string,
  version: number,
): Promise<PublishedPolicy | undefined> => {
  const { rows } = await db.query<PolicyRow>('SELECT * FROM policies WHERE tenant_id = $1 AND version = $2', [
    tenantId,
    version,
  ]);
  return rows[0] && toPublished(rows[0]);
};

export const latestPolicy = async (db: Queryable, tenantId: string): Promise<PublishedPolicy | undefined> => {
  const { rows } = await db.query<PolicyRow>(
    'SELECT * FROM policies WHERE tenant_id = $1 ORDER BY version DESC LIMIT 1',
    [tenantId],
  );
  return rows[0] && toPublished(rows[0]);
};

/** The policy in force; a tenant that never published one gets the default, published as version 1. */
export const currentPolicy = async (
  db: Queryable & { transaction?: <T>(work: (tx: Queryable) => Promise<T>) => Promise<T> },
  tenantId: string,
  at: Date,
): Promise<PublishedPolicy> => {
  const latest = await latestPolicy(db, tenantId);
  if (latest) return latest;
  const publish = async (tx: Queryable) => {
    await tx.query("SELECT pg_advisory_xact_lock(hashtext('entente.policy:' || $1))", [tenantId]);
    return (
      (await latestPolicy(tx, tenantId)) ??
      publishPolicy(tx, tenantId, { source: DEFAULT_POLICY_YAML, publishedBy: 'system', at })
    );
  };
  return db.transaction ? db.transaction(publish) : publish(db);
};

/** A simulation an admin ran of one exact policy text: what the publish gate checks. */
export type PolicySimulationRecord = {
  id: string;
  sourceSha256: string;
  simulatedBy: string;
  simulatedAt: string;
  summary: Record<string, unknown>;
};

type SimulationRow = {
  id: string;
  source_sha256: string;
  simulated_by: string;
  simulated_at: Date | string;
  summary: Record<string, unknown>;
};

const toSimulation = (row: SimulationRow): PolicySimulationRecord => ({
  id: row.id,
  sourceSha256: row.source_sha256,
  simulatedBy: row.simulated_by,
  simulatedAt: toIso(row.simulated_at),
  summary: row.summary,
});

/** One line of a tenant's policy history, newest first. */
export type PolicyVersionRow = {
  version: number;
  name: string | null;
  published_by: string;
  published_at: Date | string;
};

/**
 * The functions above, bound to one tenant. Bound to the store's database, `current` publishes a
 * missing default in its own transaction; inside `store.inTransaction` it uses that one.
 */
export const policiesRepository = ({ tenantId, db }: TenantScope) => ({
  current: (at: Date) => currentPolicy(db, tenantId, at),
  get: (version: number) => getPolicy(db, tenantId, version),
  latest: () => latestPolicy(db, tenantId),
  /** Call inside `store.inTransaction`: the version lock is transaction-scoped. */
  publish: (input: { source: string; publishedBy: string; at: Date; simulationId?: string }) =>
    publishPolicy(db, tenantId, input),
  async recordSimulation(s: PolicySimulationRecord): Promise<void> {
    await db.query(
      `INSERT INTO policy_simulations (tenant_id, id, source_sha256, simulated_by, simulated_at, summary)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [tenantId, s.id, s.sourceSha256, s.simulatedBy, s.simulatedAt, JSON.stringify(s.summary)],
    );
  },
  async simulation(id: string): Promise<PolicySimulationRecord | undefined> {
    const { rows } = await db.query<SimulationRow>(
      'SELECT * FROM policy_simulations WHERE tenant_id = $1 AND id = $2',
      [tenantId, id],
    );
    return rows[0] && toSimulation(rows[0]);
  },
  /** The simulations of one exact text since an instant, newest first. */
  async simulationsOf(sourceSha256: string, since: Date): Promise<PolicySimulationRecord[]> {
    const { rows } = await db.query<SimulationRow>(
      `SELECT * FROM policy_simulations WHERE tenant_id = $1 AND source_sha256 = $2 AND simulated_at >= $3
       ORDER BY simulated_at DESC LIMIT 20`,
      [tenantId, sourceSha256, since.toISOString()],
    );
    return rows.map(toSimulation);
  },
  /** The last 50 versions, without their documents. */
  async history(): Promise<PolicyVersionRow[]> {
    const { rows } = await db.query<PolicyVersionRow>(
      `SELECT version, document->>'name' AS name, published_by, published_at FROM policies
       WHERE tenant_id = $1 ORDER BY version DESC LIMIT 50`,
      [tenantId],
    );
    return rows;
  },
});
export type PoliciesRepository = ReturnType<typeof policiesRepository>;
