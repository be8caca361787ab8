/**
 * Touchpoint provenance and disputes that change the credit. A touchpoint's source now says who
 * vouches for it (the CRM, an approved registration, an internal user, or the partner's own report),
 * so the engine can discount a partner's word and refuse its self-reported sourcing. The registration
 * credit was stored as a partner-API touch; it is recognised by the id and evidence the registration
 * gave it. Settings gain the partner-reported policy (null: the built-in default), disputes the
 * remedy they ask for and the attribution revision upholding them created, and each deal a history of
 * what changed its credit and why, which the deal card shows.
 */
export const sql = `
ALTER TABLE touchpoints DROP CONSTRAINT touchpoints_source_check;
UPDATE touchpoints SET source = CASE
  WHEN source = 'partner_api' AND kind = 'sourced' AND id LIKE 'tp-sourced-%'
    AND evidence->>'externalId' LIKE 'registration:%' THEN 'registration'
  WHEN source = 'crm_activity' THEN 'crm'
  WHEN source = 'partner_api' THEN 'partner_reported'
  ELSE 'internal'
END;
ALTER TABLE touchpoints ADD CONSTRAINT touchpoints_source_check
  CHECK (source IN ('crm', 'registration', 'internal', 'partner_reported'));

-- The merged-away records keep their own copy of the touchpoint; it says the same thing in the new words.
UPDATE touchpoint_duplicates SET touchpoint = jsonb_set(touchpoint, '{source}', to_jsonb(CASE
  WHEN touchpoint->>'source' = 'partner_api' AND touchpoint->>'kind' = 'sourced' AND id LIKE 'tp-sourced-%'
    AND touchpoint->'evidence'->>'externalId' LIKE 'registration:%' THEN 'registration'
  WHEN touchpoint->>'source' = 'crm_activity' THEN 'crm'
  WHEN touchpoint->>'source' = 'partner_api' THEN 'partner_reported'
  ELSE 'internal'
END))
WHERE touchpoint->>'source' IN ('crm_activity', 'partner_api', 'routing', 'manual');

ALTER TABLE attribution_settings ADD COLUMN partner_reported jsonb;

ALTER TABLE attribution_disputes ADD COLUMN remedy jsonb;
ALTER TABLE attribution_disputes ADD COLUMN applied_revision integer;
CREATE INDEX attribution_disputes_live ON attribution_disputes (tenant_id, deadline)
  WHERE state IN ('open', 'under_review');

CREATE TABLE attribution_history (
  tenant_id text NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  deal_id text NOT NULL,
  seq bigint GENERATED ALWAYS AS IDENTITY,
  at timestamptz NOT NULL,
  kind text NOT NULL CHECK (kind IN ('finalised', 'sourcing_credited', 'sourcing_withdrawn', 'dispute_upheld')),
  participant_id text,
  line text NOT NULL,
  details jsonb NOT NULL DEFAULT '{}',
  PRIMARY KEY (tenant_id, deal_id, seq)
);
`;
