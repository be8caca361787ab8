import { formatShareBp, type AttributionAdjustment } from '@entente/shared/attribution';
import type { TenantStore } from '../../store/store.js';
import { requestDealWriteBack } from '../sync/writeBack.js';
import type { ComputedAttribution } from './computeAttribution.js';

/**
 * The one line the CRM shows in the deal's "attribution summary" property, e.g.
 * `position_based (v3): Northwind 60%, Direct team 40%`, or
 * `position_based (v3, split set by dispute dsp_…): …` once a dispute corrected it. The
 * explanations stay in the service (the card fetches them); a CRM text property only needs who and
 * how much.
 */
export const attributionSummary = (
  attribution: ComputedAttribution,
  nameOf: (id: string) => string,
  settingsVersion: number,
): string =>
  `${attribution.model} (v${settingsVersion}${attribution.adjustment ? `, ${adjustmentLabel(attribution.adjustment)}` : ''}): ` +
  attribution.splits
    .map((split) => `${nameOf(split.participantId)} ${formatShareBp(split.shareBp)}`)
    .join(', ');

/** A seller reading the CRM sees the credit was adjudicated, and where to look. */
const adjustmentLabel = (adjustment: AttributionAdjustment): string =>
  adjustment.kind === 'split'
    ? `split set by dispute ${adjustment.disputeId}`
    : `model set by dispute ${adjustment.disputeId}`;

/**
 * Asks the CRM connector to show the summary on the deal, in the same transaction as the split it
 * summarises: the connector's outbox sends it in batches within the rate limit.
 */
export const requestAttributionWriteBack = (
  tx: TenantStore,
  dealId: string,
  now: Date,
  summary: string,
): Promise<void> => requestDealWriteBack(tx, dealId, { attributionSummary: summary }, now);
