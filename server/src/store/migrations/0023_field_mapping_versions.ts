/**
 * Every change an admin makes to the CRM field mapping is kept as a numbered version: the overrides
 * as saved (`mapping`, the same shape as `crm_settings.field_mapping`), who saved it and when. The
 * current mapping stays in `crm_settings`; a tenant that already had overrides gets them as
 * version 1, so its history starts with what is in force.
 */
export const sql = `
CREATE TABLE crm_field_mapping_versions (
  tenant_id text NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  version integer NOT NULL CHECK (version > 0),
  mapping jsonb NOT NULL,
  changed_by text NOT NULL,
  changed_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, version)
);

INSERT INTO crm_field_mapping_versions (tenant_id, version, mapping, changed_by, changed_at)
SELECT tenant_id, 1, field_mapping, 'system', updated_at FROM crm_settings
WHERE field_mapping <> '{}'::jsonb;
`;
