/**
 * Governance: published policy versions, each registration's governance state (clocks, approver,
 * the decision that applies), the decision history, the per-tenant hash-chained audit log, and
 * idempotent POST results.
 */
export const sql = `
CREATE TABLE policies (
  tenant_id text NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  version integer NOT NULL,
  document jsonb NOT NULL,
  source text NOT NULL,
  published_by text NOT NULL,
  published_at timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, version)
);

CREATE TABLE registration_governance (
  tenant_id text NOT NULL,
  registration_id text NOT NULL,
  policy_version integer NOT NULL,
  outcome text NOT NULL,
  fired_rules jsonb NOT NULL,
  conflicts jsonb NOT NULL,
  wanted_fields jsonb NOT NULL DEFAULT '[]',
  protection_days integer NOT NULL,
  assigned_approver_id text,
  review_due_at timestamptz,
  escalated_at timestamptz,
  extensions_used integer NOT NULL DEFAULT 0,
  PRIMARY KEY (tenant_id, registration_id),
  FOREIGN KEY (tenant_id, registration_id) REFERENCES registrations (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX registration_governance_by_approver ON registration_governance (tenant_id, assigned_approver_id);

-- Decisions are history: rows are only ever added, so a later policy never rewrites an earlier decision.
CREATE TABLE registration_decisions (
  tenant_id text NOT NULL,
  registration_id text NOT NULL,
  seq integer NOT NULL,
  kind text NOT NULL,
  outcome text NOT NULL,
  policy_version integer,
  fired_rules jsonb NOT NULL DEFAULT '[]',
  actor_user_id text,
  second_approver_id text,
  reason text,
  decided_at timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, registration_id, seq)
);

CREATE TABLE audit_log (
  tenant_id text NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  seq bigint NOT NULL,
  at timestamptz NOT NULL,
  type text NOT NULL,
  actor text NOT NULL,
  subject text NOT NULL,
  payload jsonb NOT NULL,
  prev_hash text NOT NULL,
  hash text NOT NULL,
  PRIMARY KEY (tenant_id, seq)
);
-- One row per tenant, locked FOR UPDATE by each append, so concurrent appends cannot fork the chain.
CREATE TABLE audit_heads (
  tenant_id text PRIMARY KEY REFERENCES tenants (id) ON DELETE CASCADE,
  seq bigint NOT NULL,
  hash text NOT NULL
);

CREATE TABLE idempotency_keys (
  tenant_id text NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  principal text NOT NULL,
  key text NOT NULL,
  request_hash text NOT NULL,
  status integer,
  response jsonb,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, principal, key)
);

-- The in-memory candidate indexes catch up on changed rows by these.
CREATE INDEX accounts_by_updated ON accounts (tenant_id, updated_at);
CREATE INDEX registrations_by_updated ON registrations (tenant_id, updated_at);
CREATE INDEX accounts_by_parent ON accounts (tenant_id, parent_account_id);
`;
