import type { Deal, Registration } from '../domain/index.js';

export type DealChoice = { deal: Deal; reason: string } | { deal: null; reason: string };

const hitsOf = (registration: Registration, deal: Deal): string[] => [
  ...(registration.amountMinor !== null && registration.amountMinor === deal.amountMinor ? ['amount'] : []),
  ...(registration.expectedCloseDate !== null && registration.expectedCloseDate === deal.closeDate
    ? ['expected close date']
    : []),
  ...(registration.notes?.toLowerCase().includes(deal.name.toLowerCase()) ? ['deal name'] : []),
];

/**
 * The deal a new registration is about, when that is unambiguous: the only open deal on the
 * account, or the one open deal that matches the registration's amount, close date or named deal
 * better than every other. Anything else is left for the approver, with the reason.
 */
export const chooseDeal = (registration: Registration, deals: readonly Deal[]): DealChoice => {
  const open = deals.filter((deal) => deal.stageCategory === 'open');
  if (open.length === 0) return { deal: null, reason: 'the customer has no open deal' };
  if (open.length === 1)
    return { deal: open[0] as Deal, reason: 'the only open deal on the customer’s account' };
  const scored = open.map((deal) => ({ deal, hits: hitsOf(registration, deal) }));
  const best = Math.max(...scored.map((s) => s.hits.length));
  const winners = scored.filter((s) => s.hits.length === best);
  if (best > 0 && winners.length === 1) {
    const { deal, hits } = winners[0] as (typeof scored)[number];
    return { deal, reason: `the open deal that matches the registration’s ${hits.join(', ')}` };
  }
  return {
    deal: null,
    reason: `${open.length} open deals on the customer’s account and nothing singles one out; an approver links it`,
  };
};
