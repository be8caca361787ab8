/**
 * API keys for partners (their integrations) and for internal users (admin tools, CRM surfaces).
 * Only a sha256 of the secret is kept. The key id is public and globally unique, so a request can be
 * authenticated before its tenant is known; the tenant comes from the key, never from the caller.
 */
export const sql = `
CREATE TABLE api_keys (
  tenant_id text NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  id text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('partner', 'internal')),
  partner_id text,
  user_id text,
  role text CHECK (role IN ('user', 'admin')),
  secret_hash text NOT NULL,
  label text NOT NULL DEFAULT '',
  created_at timestamptz NOT NULL DEFAULT now(),
  revoked_at timestamptz,
  PRIMARY KEY (tenant_id, id),
  CHECK ((kind = 'partner' AND partner_id IS NOT NULL) OR (kind = 'internal' AND user_id IS NOT NULL AND role IS NOT NULL))
);
CREATE UNIQUE INDEX api_keys_by_key_id ON api_keys (id);
`;
