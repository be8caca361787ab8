/**
 * Inbound events that could not be taken as they came (a value no database stores as text, a
 * shape the adapter does not know) are kept aside with the reason, instead of failing the whole
 * delivery: the CRM retries a failed delivery with the same bad event, so its good events would
 * never be stored. `raw` is the event as JSON text, with such characters escaped.
 */
export const sql = `
CREATE TABLE crm_inbox_quarantine (
  tenant_id text NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  id bigint GENERATED ALWAYS AS IDENTITY,
  event_id text,
  reason text NOT NULL,
  raw text NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id)
);
-- A redelivered bad event is kept once.
CREATE UNIQUE INDEX crm_inbox_quarantine_event ON crm_inbox_quarantine (tenant_id, event_id);
`;
