/**
 * The sync core is CRM-neutral. Each record's sync state says how Entente last heard of it
 * (backfill, inbound change, reconciliation) and when, and whether the CRM refused a write-back to
 * it (a record deleted or merged away there), so a card can say which. Inbox rows speak the
 * neutral change vocabulary; pending HubSpot-shaped rows are converted (without the vendor's echo
 * marker, which the value comparison still covers).
 */
export const sql = `
ALTER TABLE crm_object_versions
  ADD COLUMN source text CHECK (source IN ('backfill', 'inbound', 'reconciliation')),
  ADD COLUMN synced_at timestamptz,
  ADD COLUMN write_refused_reason text,
  ADD COLUMN write_refused_at timestamptz;

UPDATE crm_object_versions SET source = 'inbound', synced_at = to_timestamp(occurred_at / 1000.0)
WHERE occurred_at > 0;

UPDATE crm_webhook_events SET payload = jsonb_build_object(
  'madeByEntente', false,
  'ententeField', payload -> 'ententeField',
  'value', payload -> 'propertyValue',
  'mergedIds', CASE WHEN change = 'merge' THEN (
    SELECT coalesce(jsonb_agg(DISTINCT merged), '[]'::jsonb)
    FROM jsonb_array_elements_text(
      coalesce(payload -> 'mergedObjectIds', '[]'::jsonb) ||
      CASE WHEN payload ->> 'primaryObjectId' IS NULL THEN '[]'::jsonb
        ELSE jsonb_build_array(payload ->> 'primaryObjectId') END
    ) AS merged
    WHERE merged <> object_id
  ) ELSE '[]'::jsonb END
)
WHERE status = 'pending';

UPDATE crm_webhook_events SET change = CASE change
  WHEN 'creation' THEN 'created'
  WHEN 'propertyChange' THEN 'updated'
  WHEN 'deletion' THEN 'deleted'
  WHEN 'restore' THEN 'restored'
  WHEN 'merge' THEN 'merged'
  WHEN 'associationChange' THEN 'associated'
  ELSE change END;
`;
