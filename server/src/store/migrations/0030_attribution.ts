/**
 * Attribution: touchpoints (and the duplicates merged into them), versioned attribution settings,
 * renewal links, the splits finalised at close, disputes, and the partner facts that partner value
 * and tiers need but the CRM does not hold (when a partner joined, its verified customer outcomes).
 */
export const sql = `
CREATE TABLE touchpoints (
  tenant_id text NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  id text NOT NULL,
  deal_id text NOT NULL,
  participant_id text NOT NULL,
  kind text NOT NULL,
  occurred_at timestamptz NOT NULL,
  source text NOT NULL CHECK (source IN ('crm_activity', 'partner_api', 'routing', 'manual')),
  evidence jsonb NOT NULL DEFAULT '{}',
  recorded_at timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, id)
);
CREATE INDEX touchpoints_by_deal ON touchpoints (tenant_id, deal_id, occurred_at);
CREATE INDEX touchpoints_by_participant ON touchpoints (tenant_id, participant_id, occurred_at);

-- A touch reported twice (CRM and partner API, or a re-delivery) is kept once; the dropped record
-- stays here with the id it duplicates, so a repeat delivery of it is recognised and ignored.
CREATE TABLE touchpoint_duplicates (
  tenant_id text NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  id text NOT NULL,
  deal_id text NOT NULL,
  kept_id text NOT NULL,
  reason text NOT NULL,
  touchpoint jsonb NOT NULL,
  recorded_at timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, id)
);

CREATE TABLE attribution_settings (
  tenant_id text NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  version integer NOT NULL CHECK (version > 0),
  model jsonb NOT NULL,
  renewal_policy jsonb NOT NULL,
  dispute_policy jsonb NOT NULL,
  published_by text,
  published_at timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, version)
);

CREATE TABLE deal_renewals (
  tenant_id text NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  deal_id text NOT NULL,
  original_deal_id text NOT NULL,
  PRIMARY KEY (tenant_id, deal_id),
  CHECK (deal_id <> original_deal_id)
);

CREATE TABLE deal_attributions (
  tenant_id text NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  deal_id text NOT NULL,
  revision integer NOT NULL,
  model text NOT NULL,
  settings_version integer NOT NULL,
  amount_minor bigint NOT NULL,
  currency text NOT NULL,
  result jsonb NOT NULL,
  finalised_at timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, deal_id)
);
CREATE INDEX deal_attributions_by_time ON deal_attributions (tenant_id, finalised_at);

CREATE TABLE attribution_disputes (
  tenant_id text NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  id text NOT NULL,
  deal_id text NOT NULL,
  participant_id text NOT NULL,
  raised_by_role text NOT NULL CHECK (raised_by_role IN ('partner', 'seller')),
  raised_by_id text NOT NULL,
  reason text NOT NULL,
  state text NOT NULL CHECK (state IN ('open', 'under_review', 'upheld', 'rejected', 'expired')),
  opened_at timestamptz NOT NULL,
  deadline timestamptz NOT NULL,
  adjudicator_id text,
  outcome_reason text,
  history jsonb NOT NULL,
  PRIMARY KEY (tenant_id, id)
);
CREATE INDEX attribution_disputes_by_deal ON attribution_disputes (tenant_id, deal_id, opened_at);
-- One live dispute per split: a second one waits for the first to be decided.
CREATE UNIQUE INDEX attribution_disputes_one_live ON attribution_disputes (tenant_id, deal_id, participant_id)
  WHERE state IN ('open', 'under_review');

CREATE TABLE partner_program (
  tenant_id text NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  partner_id text NOT NULL,
  joined_at timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, partner_id),
  FOREIGN KEY (tenant_id, partner_id) REFERENCES partners (tenant_id, id) ON DELETE CASCADE
);

CREATE TABLE partner_customer_outcomes (
  tenant_id text NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  id text NOT NULL,
  partner_id text NOT NULL,
  deal_id text,
  verified boolean NOT NULL,
  csat double precision CHECK (csat IS NULL OR (csat >= 1 AND csat <= 5)),
  note text,
  recorded_at timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, partner_id) REFERENCES partners (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX partner_customer_outcomes_by_partner ON partner_customer_outcomes (tenant_id, partner_id);
`;
