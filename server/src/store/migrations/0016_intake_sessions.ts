/**
 * Intake sessions: the friction metrics' source. A partner's form (or a chat, or a client of the
 * API) opens a session when it starts a registration, says which stage it reached, and names it
 * when it submits; a registration submitted without one opens and closes its own. A session never
 * submitted was abandoned at its last stage. `fields_filled` counts the fields the partner typed in
 * (what the service enriched itself does not count).
 */
export const sql = `
CREATE TABLE intake_sessions (
  tenant_id text NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  id text NOT NULL,
  partner_id text NOT NULL,
  channel text NOT NULL CHECK (channel IN ('form', 'chat', 'api')),
  started_at timestamptz NOT NULL,
  last_stage text NOT NULL,
  submitted_at timestamptz,
  registration_id text,
  fields_filled integer,
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, partner_id) REFERENCES partners (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX intake_sessions_by_start ON intake_sessions (tenant_id, started_at);
`;
