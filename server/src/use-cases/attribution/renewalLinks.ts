import { chooseRenewalOriginal } from '@entente/shared/attribution';
import type { Deal } from '@entente/shared/domain';
import type { DealSignals } from '../../crm/crmPort.js';
import type { RenewalLink, RenewalRecognition } from '../../store/repositories/attribution/dealRenewals.js';
import type { DealTimeline } from '../../store/repositories/deals.js';
import type { TenantStore } from '../../store/store.js';
import { auditAttribution } from './audit.js';
import { requestAttributionFinalise } from './jobs.js';

/** A deal as the CRM sent it, with what it says about the deal (absent when the adapter says nothing). */
export type ArrivedDeal = { deal: Deal; signals?: DealSignals };

type Mark = { recognisedBy: RenewalRecognition; evidence: string };

/** One change to a renewal link, as the audit log keeps it. */
type LinkChange = {
  dealId: string;
  originalDealId: string | null;
  previousOriginalDealId: string | null;
  recognisedBy: RenewalRecognition;
  evidence: string;
  reason: string;
};

/** Whether a change to this deal can change which deal a renewal on its account renews. */
const movesOriginals = (deal: Deal, before: Deal | undefined): boolean =>
  before === undefined
    ? deal.stageCategory === 'won'
    : (deal.stageCategory === 'won') !== (before.stageCategory === 'won') ||
      (deal.stageCategory === 'won' &&
        (deal.closeDate !== before.closeDate || deal.accountId !== before.accountId));

const sameLink = (link: RenewalLink | undefined, next: Omit<LinkChange, 'previousOriginalDealId'>): boolean =>
  link !== undefined &&
  link.originalDealId === next.originalDealId &&
  link.reason === next.reason &&
  link.recognisedBy === next.recognisedBy &&
  link.evidence === next.evidence;

/**
 * Keeps renewal links in step with the CRM, for deals just written by the sync (webhook, backfill
 * or reconciliation), in their transaction. A deal the CRM marks a renewal is linked to its
 * original, the latest won deal on its account that closed before the renewal was created
 * (`chooseRenewalOriginal`), or recorded as a renewal with no original when there is none. Because
 * the original may arrive after its renewal (a backfill reads in parallel parts), a won deal that
 * arrives, closes or moves on an account chooses again for that account's renewals. A deal the CRM
 * no longer marks a renewal is unlinked. Links made by hand are left alone. What changed goes to
 * the audit log as one `attribution.renewals_linked` entry for the batch (each link with its
 * original, the previous one, how the CRM marked it and why), since a backfill page holds dozens of
 * renewals; a renewal whose credit was already finalised on another original is finalised again.
 */
export const followCrmRenewals = async (
  tx: TenantStore,
  arrived: readonly ArrivedDeal[],
  before: ReadonlyMap<string, Deal>,
  now: Date,
): Promise<void> => {
  const judged = arrived.filter((e) => e.signals !== undefined);
  const moving = arrived.filter((e) => movesOriginals(e.deal, before.get(e.deal.id)));
  if (judged.length === 0 && moving.length === 0) return;
  const stored = await tx.attribution.renewals.getMany(judged.map((e) => e.deal.id));

  // Unmarked in the CRM: a link the CRM made goes; one made by hand stays.
  const unlinked = judged.filter(({ deal, signals }) => {
    const link = stored.get(deal.id);
    return !signals?.renewal && link !== undefined && link.recognisedBy !== null;
  });

  // The renewals to choose an original for: those in this batch, and the CRM's renewals on accounts
  // whose won deals just changed.
  const marked = new Map<string, Mark>();
  for (const { deal, signals } of judged) {
    const link = stored.get(deal.id);
    if (signals?.renewal && (!link || link.recognisedBy !== null)) marked.set(deal.id, signals.renewal);
  }
  const accountsMoved = moving
    .flatMap(({ deal }) => [deal.accountId, before.get(deal.id)?.accountId ?? null])
    .filter((id): id is string => id !== null);
  const accounts = new Set(accountsMoved);
  for (const { deal } of judged) if (marked.has(deal.id) && deal.accountId) accounts.add(deal.accountId);
  const onAccounts = await tx.deals.timelineByAccounts([...accounts]);
  const moved = new Set(accountsMoved);
  // The CRM's renewals on accounts whose won deals just changed, beyond those in this batch.
  const others = await tx.attribution.renewals.getMany(
    onAccounts.filter((d) => moved.has(d.accountId as string) && !stored.has(d.id)).map((d) => d.id),
  );
  const known = new Map([...stored, ...others]);
  for (const link of others.values())
    if (!marked.has(link.dealId) && link.recognisedBy && link.evidence)
      marked.set(link.dealId, { recognisedBy: link.recognisedBy, evidence: link.evidence });

  const changes: LinkChange[] = [];
  const batch = new Map(arrived.map(({ deal }) => [deal.id, deal]));
  const byId = new Map<string, DealTimeline>(onAccounts.map((d) => [d.id, d]));
  for (const [id, deal] of batch) byId.set(id, deal);
  for (const [dealId, mark] of marked) {
    const renewal = byId.get(dealId);
    if (!renewal) continue;
    const siblings = onAccounts.filter((d) => d.accountId !== null && d.accountId === renewal.accountId);
    const choice = chooseRenewalOriginal(renewal, siblings);
    const next = { dealId, ...choice, ...mark };
    const link = known.get(dealId);
    if (!sameLink(link, next))
      changes.push({ ...next, previousOriginalDealId: link?.originalDealId ?? null });
  }
  if (changes.length === 0 && unlinked.length === 0) return;

  await tx.attribution.renewals.removeMany(unlinked.map((u) => u.deal.id));
  await tx.attribution.renewals.recordMany(
    changes.map((c) => ({
      dealId: c.dealId,
      originalDealId: c.originalDealId,
      recognisedBy: c.recognisedBy,
      evidence: c.evidence,
      reason: c.reason,
      linkedAt: now.toISOString(),
    })),
  );
  const concerned = [...changes.map((c) => c.dealId), ...unlinked.map((u) => u.deal.id)];
  await auditAttribution(tx, {
    type: 'attribution.renewals_linked',
    actor: 'system',
    // One deal (a webhook) is the entry's subject; a batch (a backfill page) names each in the payload.
    subject: concerned.length === 1 ? `deal:${concerned[0]}` : 'deals',
    at: now,
    payload: {
      linked: changes,
      unlinked: unlinked.map(({ deal }) => ({
        dealId: deal.id,
        previousOriginalDealId: stored.get(deal.id)?.originalDealId ?? null,
        reason: 'the CRM no longer marks it a renewal',
      })),
    },
  });
  // A finalised renewal whose original moved (or went) is finalised again. Only a deal stored before
  // this batch can have been finalised, so a first backfill asks nothing here.
  const outOfDate = [
    ...changes.filter((c) => c.previousOriginalDealId !== c.originalDealId).map((c) => c.dealId),
    ...unlinked.map((u) => u.deal.id),
  ].filter((id) => byId.get(id)?.stageCategory === 'won' && (!batch.has(id) || before.has(id)));
  for (const dealId of outOfDate)
    if (await tx.attribution.dealAttributions.get(dealId)) await requestAttributionFinalise(tx, dealId, now);
};
