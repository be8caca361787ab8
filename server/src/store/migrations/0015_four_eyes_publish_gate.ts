/**
 * Four eyes as two requests, and a publish gate the server checks.
 *
 * - `registration_governance.pending_override`: the override a first person proposed and a second
 *   must confirm (who, what, why, the status it would overturn, and when it lapses), or null.
 * - `policy_simulations`: every simulation an admin ran, keyed by id, with the sha256 of the exact
 *   source simulated. Publishing looks its simulation up here, so a client cannot compute its way
 *   past the gate.
 */
export const sql = `
ALTER TABLE registration_governance ADD COLUMN pending_override jsonb;

CREATE TABLE policy_simulations (
  tenant_id text NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  id text NOT NULL,
  source_sha256 text NOT NULL,
  simulated_by text NOT NULL,
  simulated_at timestamptz NOT NULL,
  summary jsonb NOT NULL,
  PRIMARY KEY (tenant_id, id)
);
CREATE INDEX policy_simulations_by_source ON policy_simulations (tenant_id, source_sha256, simulated_at DESC);
`;
