import { enqueueJob } from '../jobs/jobQueue.js';
import type { Queryable } from '../store/database.js';
import { formatShareBp } from '@entente/shared/attribution';
import type { ComputedAttribution } from './computeAttribution.js';

/**
 * The one line the CRM shows in the deal's "attribution summary" property, e.g.
 * `Position-based (v3): Northwind 60%, Direct team 40%`. The explanations stay in the service (the
 * card fetches them); a CRM text property only needs who and how much.
 */
export const attributionSummary = (
  attribution: ComputedAttribution,
  nameOf: (id: string) => string,
  settingsVersion: number,
): string =>
  `${attribution.model} (v${settingsVersion}): ` +
  attribution.splits
    .map((split) => `${nameOf(split.participantId)} ${formatShareBp(split.shareBp)}`)
    .join(', ');

/**
 * Outbound CRM writes belong to the connector. Until it exports a write-back request, the summary
 * waits in a job of this kind for the connector's handler to pick up (nothing else claims it).
 */
export const ATTRIBUTION_WRITEBACK_JOB_KIND = 'crm.deal_writeback.attribution';

export const requestAttributionWriteBack = async (
  tx: Queryable,
  tenantId: string,
  dealId: string,
  now: Date,
  summary: string,
): Promise<void> => {
  await enqueueJob(tx, {
    tenantId,
    kind: ATTRIBUTION_WRITEBACK_JOB_KIND,
    payload: { dealId, fields: { attributionSummary: summary } },
    runAt: now,
  });
};
