import { enqueue } from '../../jobs/jobKinds.js';
import type { TenantStore } from '../../store/store.js';
import type { ArrivedDeal } from '../attribution/renewalLinks.js';

/**
 * Deals whose mapped CRM properties say an outcome happened (a go-live date, a ticked checkbox) get
 * a job that records it for the partners credited on them, in the sync's transaction. Kinds the
 * CRM already recorded on a deal are not asked for again, so reading a deal again queues nothing.
 */
export const requestCrmOutcomes = async (
  tx: TenantStore,
  arrived: readonly ArrivedDeal[],
  now: Date,
): Promise<void> => {
  const signalled = arrived.filter((e) => (e.signals?.outcomes.length ?? 0) > 0);
  if (signalled.length === 0) return;
  const recorded = await tx.attribution.partnerProgram.crmOutcomeKindsByDeal(signalled.map((e) => e.deal.id));
  for (const { deal, signals } of signalled) {
    const outcomes = (signals?.outcomes ?? []).filter((o) => !recorded.get(deal.id)?.has(o.kind));
    if (outcomes.length > 0)
      await enqueue(tx, 'partner_value.crm_outcomes', { dealId: deal.id, outcomes }, { runAt: now });
  }
};
