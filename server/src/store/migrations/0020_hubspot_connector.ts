/**
 * The HubSpot connector: encrypted tokens, OAuth states, contacts and deal contacts, the webhook
 * inbox, per-object ordering, sync cursors, the outbound write queue and what Entente last wrote.
 */
export const sql = `
ALTER TABLE tenants ADD COLUMN uninstalled_at timestamptz;

CREATE TABLE crm_tokens (
  tenant_id text PRIMARY KEY REFERENCES tenants (id) ON DELETE CASCADE,
  access_token text NOT NULL,
  refresh_token text NOT NULL,
  expires_at timestamptz NOT NULL,
  scopes text[] NOT NULL DEFAULT '{}',
  refresh_failed_at timestamptz,
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- OAuth state nonces: a state is accepted once, before it expires.
CREATE TABLE oauth_states (
  nonce text PRIMARY KEY,
  expires_at timestamptz NOT NULL,
  used_at timestamptz
);

CREATE TABLE contacts (
  tenant_id text NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  id text NOT NULL,
  crm_id text NOT NULL,
  email text,
  first_name text,
  last_name text,
  job_title text,
  phone text,
  account_id text,
  owner_id text,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, crm_id)
);
CREATE INDEX contacts_by_account ON contacts (tenant_id, account_id);

CREATE TABLE deal_contacts (
  tenant_id text NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  deal_id text NOT NULL,
  contact_id text NOT NULL,
  PRIMARY KEY (tenant_id, deal_id, contact_id)
);

-- Webhook events, deduplicated by HubSpot's eventId, applied asynchronously in occurredAt order.
CREATE TABLE crm_webhook_events (
  tenant_id text NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  event_id text NOT NULL,
  object_kind text NOT NULL,
  object_id text NOT NULL,
  occurred_at bigint NOT NULL,
  change text NOT NULL,
  payload jsonb NOT NULL,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'applied', 'skipped')),
  outcome text,
  received_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, event_id)
);
CREATE INDEX crm_webhook_events_pending ON crm_webhook_events (tenant_id, occurred_at) WHERE status = 'pending';

-- The newest change applied to each CRM object, so an older event arriving late changes nothing.
CREATE TABLE crm_object_versions (
  tenant_id text NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  object_kind text NOT NULL,
  crm_id text NOT NULL,
  occurred_at bigint NOT NULL,
  deleted boolean NOT NULL DEFAULT false,
  PRIMARY KEY (tenant_id, object_kind, crm_id)
);

-- Backfill and reconciliation cursors, committed with the page they describe.
CREATE TABLE crm_sync_cursors (
  tenant_id text NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  name text NOT NULL,
  cursor text,
  records integer NOT NULL DEFAULT 0,
  done boolean NOT NULL DEFAULT false,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, name)
);

-- Entente-owned fields waiting to be written back; one row per object, newer values merged in.
CREATE TABLE crm_outbox (
  tenant_id text NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  object_kind text NOT NULL,
  crm_id text NOT NULL,
  fields jsonb NOT NULL,
  version integer NOT NULL DEFAULT 1,
  requested_at timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, object_kind, crm_id)
);

-- What Entente last wrote, property by property: an inbound change carrying it is our own echo.
CREATE TABLE crm_written_values (
  tenant_id text NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  object_kind text NOT NULL,
  crm_id text NOT NULL,
  property text NOT NULL,
  value text,
  written_at timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, object_kind, crm_id, property)
);

CREATE TABLE crm_settings (
  tenant_id text PRIMARY KEY REFERENCES tenants (id) ON DELETE CASCADE,
  field_mapping jsonb NOT NULL DEFAULT '{}',
  registrations_store text CHECK (registrations_store IN ('custom_object', 'properties')),
  registrations_object_type text,
  provisioned_at timestamptz,
  updated_at timestamptz NOT NULL DEFAULT now()
);
`;
