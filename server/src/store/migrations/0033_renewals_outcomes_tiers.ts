/**
 * Renewals the CRM marks, outcomes by kind, and stored tiers.
 *
 * A renewal link now says how the CRM marked the deal a renewal (its deal type, a renewal pipeline,
 * an admin-mapped property; null when linked by hand), why that original was chosen, and when; a
 * renewal whose original cannot be found is still a renewal, with no original. Customer outcomes
 * gain their kind (activation, adoption, co-sell, implementation; null for those recorded before),
 * who vouches for them (an internal user, or the CRM through a mapped deal property) and when they
 * happened. Each tier assessment that changed something is kept with its reasons, newest last: the
 * partner's tier of record and why.
 */
export const sql = `
ALTER TABLE deal_renewals ALTER COLUMN original_deal_id DROP NOT NULL;
ALTER TABLE deal_renewals ADD COLUMN recognised_by text
  CHECK (recognised_by IS NULL OR recognised_by IN ('deal_type', 'pipeline', 'property'));
ALTER TABLE deal_renewals ADD COLUMN evidence text;
ALTER TABLE deal_renewals ADD COLUMN reason text;
ALTER TABLE deal_renewals ADD COLUMN linked_at timestamptz;

ALTER TABLE partner_customer_outcomes ADD COLUMN kind text
  CHECK (kind IS NULL OR kind IN ('activation', 'adoption', 'co_sell', 'implementation'));
ALTER TABLE partner_customer_outcomes ADD COLUMN source text NOT NULL DEFAULT 'internal'
  CHECK (source IN ('internal', 'crm'));
ALTER TABLE partner_customer_outcomes ADD COLUMN recorded_by text;
ALTER TABLE partner_customer_outcomes ADD COLUMN occurred_at timestamptz;
CREATE INDEX partner_customer_outcomes_by_deal ON partner_customer_outcomes (tenant_id, deal_id)
  WHERE deal_id IS NOT NULL;

CREATE TABLE partner_tier_history (
  tenant_id text NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  partner_id text NOT NULL,
  seq bigint GENERATED ALWAYS AS IDENTITY,
  assessed_at timestamptz NOT NULL,
  tier_id text NOT NULL,
  tier_name text NOT NULL,
  previous_tier text NOT NULL,
  policy_version text NOT NULL,
  reasons jsonb NOT NULL,
  next jsonb,
  cause jsonb NOT NULL,
  PRIMARY KEY (tenant_id, partner_id, seq),
  FOREIGN KEY (tenant_id, partner_id) REFERENCES partners (tenant_id, id) ON DELETE CASCADE
);
`;
