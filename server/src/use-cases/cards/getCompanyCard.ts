import type { Partner } from '@entente/shared/domain';
import type { AppContext } from '../../appContext.js';
import { getDealAttribution } from '../getDealAttribution.js';
import { tiersOfRecord } from '../partnerValue/partnerTier.js';
import { type CardCaller, findCompany, viewerOf } from './cardRequest.js';
import { describeConflicts, LIVE } from './cardViews.js';

/** Attribution is worked out per open deal; past this many the card says it shows a part. */
const MAX_ATTRIBUTED_DEALS = 25;

/**
 * The account view: active partners (each with its tier and why), registration history, open
 * conflicts, attributed pipeline.
 */
export const getCompanyCard = async (ctx: AppContext, caller: CardCaller, companyId: string) => {
  const now = ctx.now();
  const account = await findCompany(caller.scoped, companyId);
  const [registrations, deals, partnerList, users] = await Promise.all([
    caller.scoped.registrations.listByAccount(account.id),
    caller.scoped.deals.listByAccount(account.id),
    caller.scoped.partners.list(),
    caller.scoped.users.list(),
  ]);
  const userNames = new Map(users.map((u) => [u.id, u.name]));
  const partners = new Map<string, Partner>(partnerList.map((p) => [p.id, p]));
  const dealNames = new Map(deals.map((d) => [d.id, d.name]));
  const open = deals.filter((d) => d.stageCategory === 'open');
  const currency = open[0]?.currency ?? deals[0]?.currency ?? 'USD';

  const credited = new Map<string, { amountMinor: number; deals: number }>();
  let skipped = 0;
  for (const deal of open.slice(0, MAX_ATTRIBUTED_DEALS)) {
    try {
      const view = await getDealAttribution(ctx, caller.tenantId, deal.id);
      if (view.currency !== currency) {
        skipped++;
        continue;
      }
      for (const split of view.splits.filter((s) => s.participantKind === 'partner' && s.amountMinor > 0)) {
        const entry = credited.get(split.participantId) ?? { amountMinor: 0, deals: 0 };
        credited.set(split.participantId, {
          amountMinor: entry.amountMinor + split.amountMinor,
          deals: entry.deals + 1,
        });
      }
    } catch {
      skipped++;
    }
  }
  skipped += Math.max(0, open.length - MAX_ATTRIBUTED_DEALS);

  // Oldest first: when two claims name each other, the later one says it (see groupConflicts).
  const live = registrations
    .filter((r) => LIVE.has(r.status))
    .sort((a, b) => a.submittedAt.localeCompare(b.submittedAt) || a.id.localeCompare(b.id));
  const partnerIds = [...new Set([...registrations.map((r) => r.partnerId), ...credited.keys()])].filter(
    (id) => partners.has(id),
  );
  const states = await Promise.all(live.map((r) => caller.scoped.governance.get(r.id)));
  const tiers = await tiersOfRecord(
    caller.scoped,
    partnerIds.map((id) => partners.get(id)!),
  );
  // The company is where the reader already is: owning it is not a conflict on its own card.
  const { groups } = await describeConflicts(
    ctx,
    caller,
    [live.map((r, i) => ({ registration: r, conflicts: states[i]?.conflicts ?? [] }))],
    [{ type: 'account', id: account.id }],
    { partners, userNames },
  );

  return {
    generatedAt: now.toISOString(),
    company: { id: account.id, crmId: account.crmId, name: account.name, domain: account.domains[0] ?? null },
    viewer: viewerOf(caller.user),
    partners: partnerIds.map((id) => {
      const partner = partners.get(id)!;
      const mine = live.filter((r) => r.partnerId === id);
      return {
        partnerId: id,
        name: partner.name,
        tier: tiers.get(id)?.tierName ?? partner.tier,
        // Why the partner holds its tier, from the assessment that set it; null when set by hand.
        tierAssessment: tiers.get(id)?.assessment ?? null,
        activeRegistrations: mine.length,
        roles:
          mine.length > 0
            ? (['sourced'] as const).slice()
            : credited.has(id)
              ? (['influenced'] as const).slice()
              : [],
      };
    }),
    registrations: [...registrations]
      .sort((a, b) => b.submittedAt.localeCompare(a.submittedAt))
      .slice(0, 50)
      .map((r) => ({
        id: r.id,
        partnerName: partners.get(r.partnerId)?.name ?? r.partnerId,
        status: r.status,
        submittedAt: r.submittedAt,
        decidedAt: r.decidedAt,
        dealName: r.dealId ? (dealNames.get(r.dealId) ?? null) : null,
      })),
    conflicts: groups[0] ?? [],
    pipeline: {
      openDeals: open.length,
      total: {
        amountMinor: open.filter((d) => d.currency === currency).reduce((sum, d) => sum + d.amountMinor, 0),
        currency,
      },
      byPartner: [...credited.entries()]
        .filter(([id]) => partners.has(id))
        .map(([id, c]) => ({
          partnerId: id,
          name: partners.get(id)!.name,
          attributed: { amountMinor: c.amountMinor, currency },
          deals: c.deals,
        }))
        .sort((a, b) => b.attributed.amountMinor - a.attributed.amountMinor),
      note:
        skipped > 0
          ? `${skipped} open deal(s) are not counted (other currency, too many to total here, or attribution unavailable).`
          : null,
    },
  };
};
