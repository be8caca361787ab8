/**
 * The CRM jobs are the sync core's, not HubSpot's: a Salesforce tenant runs the same kinds. Jobs
 * already queued under the old names keep running under the new ones.
 */
export const sql = `
UPDATE jobs SET
  kind = 'crm.' || substr(kind, 9),
  dedupe_key = CASE WHEN dedupe_key LIKE 'hubspot.%' THEN 'crm.' || substr(dedupe_key, 9) ELSE dedupe_key END
WHERE kind IN ('hubspot.provision', 'hubspot.backfill', 'hubspot.reconcile', 'hubspot.write_back',
  'hubspot.purge_uninstalled');

UPDATE jobs SET
  kind = 'crm.apply_inbound',
  dedupe_key = CASE WHEN dedupe_key LIKE 'hubspot.apply_webhooks%'
    THEN 'crm.apply_inbound' || substr(dedupe_key, 23) ELSE dedupe_key END
WHERE kind = 'hubspot.apply_webhooks';
`;
