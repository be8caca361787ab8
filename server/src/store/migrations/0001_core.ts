/** Tenants and the CRM objects mapped into the domain, plus the durable job queue. */
export const sql = `
CREATE TABLE tenants (
  id text PRIMARY KEY,
  name text NOT NULL,
  crm text NOT NULL CHECK (crm IN ('hubspot', 'salesforce', 'sandbox')),
  external_id text NOT NULL,
  status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'uninstalled')),
  sandbox boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (crm, external_id)
);

-- Every tenant-owned table leads with tenant_id in its primary key, so each lookup is tenant-scoped
-- by the index itself and no query can reach across tenants by accident.
CREATE TABLE users (
  tenant_id text NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  id text NOT NULL,
  crm_user_id text NOT NULL,
  email text NOT NULL,
  name text NOT NULL,
  roles text[] NOT NULL,
  manager_id text,
  active boolean NOT NULL DEFAULT true,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, crm_user_id)
);

CREATE TABLE accounts (
  tenant_id text NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  id text NOT NULL,
  crm_id text NOT NULL,
  name text NOT NULL,
  domains text[] NOT NULL DEFAULT '{}',
  phone text,
  address jsonb,
  industry text,
  employees integer,
  owner_id text,
  parent_account_id text,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, crm_id)
);

CREATE TABLE deals (
  tenant_id text NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  id text NOT NULL,
  crm_id text NOT NULL,
  name text NOT NULL,
  account_id text,
  stage text NOT NULL,
  stage_category text NOT NULL CHECK (stage_category IN ('open', 'won', 'lost')),
  amount_minor bigint NOT NULL DEFAULT 0,
  currency text NOT NULL,
  close_date date,
  owner_id text,
  splits jsonb NOT NULL DEFAULT '[]',
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, crm_id)
);
CREATE INDEX deals_by_account ON deals (tenant_id, account_id);

CREATE TABLE partners (
  tenant_id text NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  id text NOT NULL,
  name text NOT NULL,
  domain text,
  tier text NOT NULL,
  motions text[] NOT NULL,
  capabilities jsonb NOT NULL,
  manager_user_id text,
  active boolean NOT NULL DEFAULT true,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id)
);

CREATE TABLE registrations (
  tenant_id text NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  id text NOT NULL,
  partner_id text NOT NULL,
  customer jsonb NOT NULL,
  account_id text,
  deal_id text,
  status text NOT NULL,
  amount_minor bigint,
  currency text,
  expected_close_date date,
  notes text,
  submitted_at timestamptz NOT NULL,
  decided_at timestamptz,
  protected_until timestamptz,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, partner_id) REFERENCES partners (tenant_id, id)
);
CREATE INDEX registrations_by_partner ON registrations (tenant_id, partner_id);
CREATE INDEX registrations_by_account ON registrations (tenant_id, account_id);
CREATE INDEX registrations_by_deal ON registrations (tenant_id, deal_id);

-- Durable background work. Several service instances claim jobs with FOR UPDATE SKIP LOCKED, so
-- none is done twice; a claimed job whose worker died becomes claimable again after locked_until.
CREATE TABLE jobs (
  id bigserial PRIMARY KEY,
  tenant_id text REFERENCES tenants (id) ON DELETE CASCADE,
  kind text NOT NULL,
  payload jsonb NOT NULL DEFAULT '{}',
  status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'done', 'failed')),
  attempts integer NOT NULL DEFAULT 0,
  max_attempts integer NOT NULL DEFAULT 8,
  run_at timestamptz NOT NULL DEFAULT now(),
  locked_until timestamptz,
  last_error text,
  dedupe_key text UNIQUE,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX jobs_ready ON jobs (run_at) WHERE status IN ('queued', 'running');
`;
