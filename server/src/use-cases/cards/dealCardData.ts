import type { Dispute, Touchpoint } from '@entente/shared/attribution';
import type { Deal, Partner, Registration, User } from '@entente/shared/domain';
import {
  defaultAttributionSettings,
  type AttributionSettings,
} from '../../store/repositories/attribution/attributionSettings.js';
import type { StoredAttribution } from '../../store/repositories/attribution/dealAttributions.js';
import type { DealCardRecords } from '../../store/repositories/dealCard.js';
import type { GovernanceState } from '../../store/repositories/governanceStore.js';
import type { TenantStore } from '../../store/store.js';
import { toSyncHealth } from './syncHealth.js';

/** Everything one deal card view reads, already in domain shapes. */
export type DealCardData = {
  deal: Deal;
  /** Registrations on the deal, and claims on its account not tied to another deal. */
  registrations: Registration[];
  states: Map<string, GovernanceState>;
  partners: Partner[];
  users: User[];
  touchpoints: Touchpoint[];
  attribution: {
    finalised: StoredAttribution | undefined;
    disputes: Dispute[];
    settings: AttributionSettings;
    originalId: string | undefined;
  };
  sync: ReturnType<typeof toSyncHealth>;
};

const toCardData = (records: DealCardRecords): DealCardData => ({
  deal: records.deal,
  registrations: [...records.registrations].sort(
    (a, b) => a.submittedAt.localeCompare(b.submittedAt) || a.id.localeCompare(b.id),
  ),
  states: new Map(records.governance.map((g) => [g.registrationId, g])),
  partners: records.partners,
  users: records.users,
  touchpoints: records.touchpoints,
  attribution: {
    finalised: records.finalised,
    disputes: records.disputes,
    settings: records.settings ?? defaultAttributionSettings,
    originalId: records.originalDealId,
  },
  sync: toSyncHealth(records.sync),
});

/** Undefined when the tenant has no such deal (by HubSpot id or Entente id). One statement. */
export const loadDealCardData = async (
  store: TenantStore,
  dealRef: string,
): Promise<DealCardData | undefined> => {
  const records = await store.dealCard.load(dealRef);
  return records && toCardData(records);
};
