import { CREDITED_STATUSES } from '@entente/shared/governance';
import type { TouchKind } from '@entente/shared/attribution';
import type { Deal, Partner, Registration } from '@entente/shared/domain';
import { CommonErrors } from '@entente/shared/errors';
import type { AppContext } from '../../appContext.js';
import { type CardCaller, viewerOf } from './cardRequest.js';
import { loadDealCardData } from './dealCardData.js';
import { dealCardAttribution } from './dealCardAttribution.js';
import { approvalClock, describeConflicts, LIVE, modelLabel, PENDING, protectionClock } from './cardViews.js';

type Role = 'sourced' | 'influenced' | 'co_sell' | 'fulfilment';

const ROLE_OF_TOUCH: Record<TouchKind, Role> = {
  sourced: 'sourced',
  referral: 'sourced',
  introduction: 'influenced',
  demo: 'influenced',
  technical_validation: 'influenced',
  marketplace_transaction: 'influenced',
  co_sell_meeting: 'co_sell',
  implementation: 'fulfilment',
  renewal_support: 'fulfilment',
};
const ROLE_ORDER: Role[] = ['sourced', 'co_sell', 'influenced', 'fulfilment'];

/** Registrations on the deal, and claims on its account not tied to another deal. */
export const registrationsForDeal = async (caller: CardCaller, deal: Deal): Promise<Registration[]> => {
  const [onDeal, onAccount] = await Promise.all([
    caller.scoped.registrations.listByDeal(deal.id),
    deal.accountId ? caller.scoped.registrations.listByAccount(deal.accountId) : Promise.resolve([]),
  ]);
  const all = new Map(
    [...onDeal, ...onAccount.filter((r) => r.dealId === null || r.dealId === deal.id)].map((r) => [r.id, r]),
  );
  return [...all.values()].sort(
    (a, b) => a.submittedAt.localeCompare(b.submittedAt) || a.id.localeCompare(b.id),
  );
};

const day = (iso: string) => iso.slice(0, 10);

/**
 * Everything the partner deal card shows: one statement for the data, one for the labels of
 * the records its conflicts name (when there are any), assembled from the store and the governance and
 * attribution functions. Attribution failing does not take the card down with it.
 */
export const getDealCard = async (ctx: AppContext, caller: CardCaller, dealId: string) => {
  const now = ctx.now();
  const data = await loadDealCardData(caller.scoped, dealId);
  if (!data) throw CommonErrors.notFound(`Deal ${dealId}`);
  const { deal, registrations, states, touchpoints, users, sync } = data;
  const partnerList = data.partners;
  const partners = new Map<string, Partner>(partnerList.map((p) => [p.id, p]));
  const userNames = new Map(users.map((u) => [u.id, u.name]));
  const nameOf = (userId: string | null | undefined) => (userId ? (userNames.get(userId) ?? null) : null);

  // Refused, withdrawn and expired claims are history: the company card lists them.
  const live = registrations.filter((r) => LIVE.has(r.status));
  const roles = new Map<string, Map<Role, string>>();
  const addRole = (partnerId: string, role: Role, why: string) => {
    if (!partners.has(partnerId)) return;
    const entry = roles.get(partnerId) ?? new Map<Role, string>();
    if (!entry.has(role)) entry.set(role, why);
    roles.set(partnerId, entry);
  };
  // Only an approved claim sourced the deal, as attribution credits it; a claim still waiting for
  // a decision is listed with the registrations, not given a role it may never get.
  for (const r of live)
    if (CREDITED_STATUSES.has(r.status)) addRole(r.partnerId, 'sourced', 'registered the deal');
  for (const t of [...touchpoints].sort((a, b) => a.occurredAt.localeCompare(b.occurredAt)))
    addRole(t.participantId, ROLE_OF_TOUCH[t.kind], `${t.kind.replace(/_/g, ' ')} on ${day(t.occurredAt)}`);

  // The deal itself is never a conflict on its own card; the seller is already looking at it.
  const { groups, matchesOf } = await describeConflicts(
    ctx,
    caller,
    [live.map((r) => ({ registration: r, conflicts: states.get(r.id)?.conflicts ?? [] }))],
    [{ type: 'deal', id: deal.id }],
    { partners, userNames },
  );

  let attribution = null;
  let attributionError: string | null = null;
  try {
    const { view, settings } = await dealCardAttribution(caller, deal, data, now);
    const finalised = view.status === 'finalised';
    attribution = {
      status: view.status,
      model: view.model,
      modelLabel: modelLabel(settings.model.name === view.model ? settings.model : view.model),
      settingsVersion: view.settingsVersion,
      amount: { amountMinor: view.amountMinor, currency: view.currency },
      splits: view.splits.map((s) => ({
        participantId: s.participantId,
        name: s.participantName,
        kind: s.participantKind,
        share: s.share,
        shareBp: s.shareBp,
        amountMinor: s.amountMinor,
        why: s.explanation,
        disputable: finalised && caller.user !== null,
      })),
      disputes: view.disputes.map((d) => ({
        id: d.id,
        participantId: d.participantId,
        state: d.state,
        reason: d.reason,
        deadline: d.deadline,
      })),
      disputeBlockedReason: !finalised
        ? 'Credit can be disputed once the deal is won and its attribution is final.'
        : caller.user === null
          ? 'Only users linked to Entente can dispute credit.'
          : null,
    };
  } catch (error) {
    ctx.logger.warn(
      { err: error, tenantId: caller.tenantId, dealId: deal.id },
      'deal card: attribution unavailable',
    );
    attributionError =
      'Credit for this deal could not be worked out right now; the rest of the card is up to date.';
  }

  return {
    generatedAt: now.toISOString(),
    deal: {
      id: deal.id,
      crmId: deal.crmId,
      name: deal.name,
      stage: deal.stage,
      stageCategory: deal.stageCategory,
      amount: { amountMinor: deal.amountMinor, currency: deal.currency },
      closeDate: deal.closeDate,
      ownerName: nameOf(deal.ownerId),
    },
    viewer: viewerOf(caller.user),
    partners: [...roles.entries()].map(([partnerId, byRole]) => {
      const partner = partners.get(partnerId)!;
      const ordered = ROLE_ORDER.filter((role) => byRole.has(role));
      return {
        partnerId,
        name: partner.name,
        tier: partner.tier,
        roles: ordered,
        roleReasons: ordered.map((role) => byRole.get(role)!),
      };
    }),
    registrations: live.map((r) => {
      const state = states.get(r.id);
      return {
        id: r.id,
        partnerId: r.partnerId,
        partnerName: partners.get(r.partnerId)?.name ?? r.partnerId,
        status: r.status,
        submittedAt: r.submittedAt,
        decidedAt: r.decidedAt,
        protection: protectionClock(r, now),
        approvalClock: approvalClock(r, state, now),
        assignedApproverName: PENDING.has(r.status) ? nameOf(state?.assignedApproverId) : null,
        firedRules: (state?.firedRules ?? []).map(({ ruleId, reason }) => ({ ruleId, reason })),
        matches: matchesOf(r.id),
      };
    }),
    conflicts: groups[0] ?? [],
    attribution,
    attributionError,
    sync,
  };
};
export type DealCard = Awaited<ReturnType<typeof getDealCard>>;
