import {
  DIRECT_PARTICIPANT_ID,
  formatShareBp,
  isDisputeClosed,
  type DisputeRemedy,
} from '@entente/shared/attribution';
import type { Deal, Partner, Registration, User } from '@entente/shared/domain';
import { canAdjudicate, describeStakes, stakesOf, type Stake } from '@entente/shared/governance';
import type { AppContext } from '../../appContext.js';
import { gatherFacts } from '../governance/gatherFacts.js';
import { listDealDisputes } from '../listAttributionDisputes.js';
import { type CardCaller, findCompany, findDeal, viewerOf } from './cardRequest.js';
import {
  approvalClock,
  clockView,
  describeConflicts,
  modelLabel,
  PENDING,
  protectionClock,
} from './cardViews.js';
import { registrationsForDeal } from './getDealCard.js';

const roleOf = (user: User) =>
  user.roles.includes('deal_desk')
    ? 'deal desk'
    : user.roles.includes('partner_manager')
      ? 'partner manager'
      : 'admin';
const person = (user: User) => ({ userId: user.id, name: user.name, role: roleOf(user) });

const NOT_LINKED = 'Your HubSpot user is not linked to an Entente user.';

/** Why the viewer may not decide, in words; null when they may. */
const refusal = (viewer: User | null, own: readonly Stake[], proposedBy: string | null): string | null => {
  if (!viewer) return NOT_LINKED;
  // Four eyes: the service refuses the proposer before anything else, so the card says the same.
  if (proposedBy !== null && viewer.id === proposedBy)
    return 'You proposed this override; a second, different person must confirm it.';
  // Then the stake: it is the reason that holds whatever the viewer's role.
  if (own.length > 0)
    return `You have a stake in the outcome (${describeStakes(own)}); nobody decides a registration they are paid on.`;
  if (!canAdjudicate(viewer))
    return 'Only partner managers, the deal desk and admins decide partner registrations.';
  return null;
};

/** What upholding would do, as a reviewer reads it before the split it gives. */
const remedyView = (remedy: DisputeRemedy | null, nameOf: (id: string) => string) =>
  remedy === null
    ? null
    : remedy.kind === 'split'
      ? {
          kind: remedy.kind,
          description: `Set ${remedy.shares
            .map((s) => `${nameOf(s.participantId)} to ${formatShareBp(Math.round(s.percent * 100))}`)
            .join(', ')}${
            remedy.shares.reduce((bp, s) => bp + Math.round(s.percent * 100), 0) < 10_000
              ? '; the rest goes to the others in proportion to what they had'
              : ''
          }`,
        }
      : { kind: remedy.kind, description: `Attribute the deal under ${modelLabel(remedy.model)} instead` };

/**
 * A deal's disputes still waiting for a decision, as the attribution use case judges them for the
 * viewer: what is disputed, what upholding gives, its deadline, and what the viewer may do (or why
 * not). Reviewers are internal users, so partners are named.
 */
const reviewDisputes = async (
  ctx: AppContext,
  caller: CardCaller,
  deal: Deal,
  { partners, userNames }: { partners: ReadonlyMap<string, Partner>; userNames: ReadonlyMap<string, string> },
  now: Date,
) => {
  // Most deals were never disputed, and an undisputed deal may have no finalised credit at all (which
  // the use case answers with 404): only a deal with a live dispute is worth working out.
  const stored = await caller.scoped.attribution.disputes.listByDeal(deal.id);
  if (!stored.some((d) => !isDisputeClosed(d))) return [];
  // An unlinked viewer is nobody the use case knows; it refuses them, and the card says why in its words.
  const listed = await listDealDisputes(ctx, caller.tenantId, caller.user?.id ?? '', deal.id, {
    state: 'live',
  });
  const nameOf = (id: string) =>
    id === DIRECT_PARTICIPANT_ID ? 'Direct team' : (partners.get(id)?.name ?? id);
  const shareNow = new Map(listed.splits.map((s) => [s.participantId, s.share]));
  return listed.disputes.map((dispute) => ({
    id: dispute.id,
    participantId: dispute.participantId,
    participantName: nameOf(dispute.participantId),
    /** The disputed participant's share of the credit of record. */
    disputedShare: shareNow.get(dispute.participantId) ?? '0%',
    raisedBy: {
      role: dispute.raisedBy.role,
      name:
        dispute.raisedBy.role === 'partner'
          ? nameOf(dispute.raisedBy.id)
          : (userNames.get(dispute.raisedBy.id) ?? dispute.raisedBy.id),
    },
    reason: dispute.reason,
    state: dispute.state,
    openedAt: dispute.openedAt,
    clock: clockView('Decision due', dispute.openedAt, dispute.deadline, now),
    remedy: remedyView(dispute.remedy, nameOf),
    proposed:
      dispute.proposed?.map((s) => ({
        participantId: s.participantId,
        name: s.participantName,
        share: s.share,
        shareBp: s.shareBp,
        was: shareNow.get(s.participantId) ?? '0%',
      })) ?? null,
    actions: caller.user ? dispute.actions : [],
    blockedReason: caller.user ? dispute.blockedReason : NOT_LINKED,
  }));
};

type Mode = 'decide' | 'confirm' | 'override';
/** Pending first: they are what the reviewer came for; then proposals waiting for a second person. */
const MODE_ORDER: Record<Mode, number> = { decide: 0, confirm: 1, override: 2 };

/**
 * Pending registrations, overrides waiting for a second person, and ones the rules decided
 * automatically (which a neutral person may propose to overturn), with their evidence and the
 * viewer's neutrality.
 */
export const getReviewCard = async (
  ctx: AppContext,
  caller: CardCaller,
  objectType: 'deals' | 'companies',
  objectId: string,
) => {
  const now = ctx.now();
  const record =
    objectType === 'deals'
      ? await findDeal(caller.scoped, objectId).then((d) => ({
          type: 'deal' as const,
          id: d.id,
          crmId: d.crmId,
          name: d.name,
          deal: d,
        }))
      : await findCompany(caller.scoped, objectId).then((a) => ({
          type: 'company' as const,
          id: a.id,
          crmId: a.crmId,
          name: a.name,
          deal: null,
        }));
  const candidates: Registration[] = record.deal
    ? await registrationsForDeal(caller, record.deal)
    : await caller.scoped.registrations.listByAccount(record.id);
  const [users, partnerList] = await Promise.all([caller.scoped.users.list(), caller.scoped.partners.list()]);
  const partners = new Map<string, Partner>(partnerList.map((p) => [p.id, p]));
  const adjudicators = users.filter(canAdjudicate);
  const userNames = new Map(users.map((u) => [u.id, u.name]));
  const nameOf = (id: string | null) => (id ? (users.find((u) => u.id === id)?.name ?? id) : null);

  const reviewable = [];
  for (const registration of candidates) {
    const [state, decisions] = await Promise.all([
      caller.scoped.governance.get(registration.id),
      caller.scoped.governance.decisions(registration.id),
    ]);
    const awaitingSecond =
      registration.status === 'pending_second_approval' && state?.pendingOverride
        ? state.pendingOverride
        : null;
    // What decideRegistration treats as automatic: nobody has decided it by hand, nor overridden it.
    // A proposal that was declined or lapsed leaves it automatic, so it may be proposed again.
    const automatic =
      !decisions.some((d) => d.kind === 'human' || d.kind === 'override') &&
      ((registration.status === 'approved' && state?.outcome === 'approve') ||
        (registration.status === 'rejected' && state?.outcome === 'reject'));
    const mode: Mode | null = awaitingSecond
      ? 'confirm'
      : registration.status !== 'pending_second_approval' && PENDING.has(registration.status)
        ? 'decide'
        : automatic
          ? 'override'
          : null;
    if (!mode) continue;
    const facts = await gatherFacts(ctx.store, caller.scoped, registration, now);
    reviewable.push({ registration, state, decisions, facts, mode, pendingOverride: awaitingSecond });
  }

  // Each registration is decided on its own, so its competing parties are its own; the record
  // the card is on is where the reviewer already is, never a conflict.
  const { groups, matchesOf } = await describeConflicts(
    ctx,
    caller,
    reviewable.map(({ registration, facts }) => [{ registration, conflicts: facts.conflicts }]),
    [{ type: record.type === 'deal' ? 'deal' : 'account', id: record.id }],
    { partners, userNames },
  );

  const views = reviewable.map(({ registration, state, decisions, facts, mode, pendingOverride }, index) => {
    const own = caller.user ? stakesOf(caller.user.id, facts.stakes) : [];
    const proposedBy = pendingOverride?.proposedBy ?? null;
    // Whoever proposed an override is not among those who can confirm it.
    const neutral = adjudicators.filter(
      (u) => stakesOf(u.id, facts.stakes).length === 0 && u.id !== proposedBy,
    );
    const assigned = state?.assignedApproverId
      ? neutral.find((u) => u.id === state.assignedApproverId)
      : undefined;
    const reason = refusal(caller.user, own, proposedBy);
    return {
      id: registration.id,
      partnerName: partners.get(registration.partnerId)?.name ?? registration.partnerId,
      status: registration.status,
      submittedAt: registration.submittedAt,
      customer: { name: registration.customer.name ?? null, domain: registration.customer.domain ?? null },
      policy: { version: state?.policyVersion ?? null, outcome: state?.outcome ?? null },
      firedRules: (state?.firedRules ?? []).map(({ ruleId, reason: why }) => ({ ruleId, reason: why })),
      matches: matchesOf(registration.id),
      conflicts: groups[index] ?? [],
      clock: approvalClock(registration, state, now),
      protection: protectionClock(registration, now),
      neutrality: {
        canDecide: reason === null,
        stakes: own.map((s) => s.description),
        reason,
        assignedApprover: assigned ? person(assigned) : null,
        whoCan: neutral.slice(0, 6).map(person),
      },
      mode,
      pendingOverride: pendingOverride
        ? {
            outcome: pendingOverride.outcome,
            proposedByName: nameOf(pendingOverride.proposedBy) ?? pendingOverride.proposedBy,
            reason: pendingOverride.reason,
            proposedAt: pendingOverride.proposedAt,
            dueAt: pendingOverride.dueAt,
          }
        : null,
      decisions: decisions.map((d) => ({
        kind: d.kind,
        outcome: d.outcome,
        actorName: nameOf(d.actorUserId),
        reason: d.reason,
        decidedAt: d.decidedAt,
      })),
    };
  });
  return {
    generatedAt: now.toISOString(),
    record: { type: record.type, id: record.id, crmId: record.crmId, name: record.name },
    viewer: viewerOf(caller.user),
    registrations: views.sort(
      (a, b) => MODE_ORDER[a.mode] - MODE_ORDER[b.mode] || a.submittedAt.localeCompare(b.submittedAt),
    ),
    // Credit is disputed per deal; a company has none of its own.
    disputes: record.deal ? await reviewDisputes(ctx, caller, record.deal, { partners, userNames }, now) : [],
  };
};
