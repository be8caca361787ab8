/**
 * Partner onboarding: the domains and contacts an admin or partner manager records for a partner,
 * when each key was last used, and one-time links that hand a new key over.
 *
 * - `partner_domains`: every registrable domain of a partner. The primary key makes a domain belong
 *   to one partner of a tenant at most. (`partners.domain` keeps the first, for older readers.)
 * - `partner_contacts`: the partner's people (name, e-mail, role), in the order given.
 * - `api_keys.last_used_at`: set when a key authenticates, at most once an hour per key.
 * - `api_key_links`: a key waiting to be viewed once. Only a sha256 of the link's token is kept
 *   (256 bits of entropy, so a plain hash is enough); the key itself is sealed with the service's
 *   cipher (ENCRYPTION_KEY). The row is deleted when the link is viewed, when it expires (a job at
 *   `expires_at`), and when its key is revoked.
 */
export const sql = `
CREATE TABLE partner_domains (
  tenant_id text NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  domain text NOT NULL,
  partner_id text NOT NULL,
  position integer NOT NULL,
  PRIMARY KEY (tenant_id, domain),
  FOREIGN KEY (tenant_id, partner_id) REFERENCES partners (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX partner_domains_by_partner ON partner_domains (tenant_id, partner_id);

CREATE TABLE partner_contacts (
  tenant_id text NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  partner_id text NOT NULL,
  position integer NOT NULL,
  name text NOT NULL,
  email text NOT NULL,
  role text NOT NULL,
  PRIMARY KEY (tenant_id, partner_id, position),
  FOREIGN KEY (tenant_id, partner_id) REFERENCES partners (tenant_id, id) ON DELETE CASCADE
);

ALTER TABLE api_keys ADD COLUMN last_used_at timestamptz;

CREATE TABLE api_key_links (
  tenant_id text NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  token_hash text NOT NULL,
  key_id text NOT NULL,
  sealed_key text NOT NULL,
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, token_hash),
  FOREIGN KEY (tenant_id, key_id) REFERENCES api_keys (tenant_id, id) ON DELETE CASCADE
);
CREATE UNIQUE INDEX api_key_links_by_token ON api_key_links (token_hash);
CREATE INDEX api_key_links_by_expiry ON api_key_links (tenant_id, expires_at);
CREATE INDEX api_key_links_by_key ON api_key_links (tenant_id, key_id);
`;
