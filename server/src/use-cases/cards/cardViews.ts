import type { Conflict, ConflictKind } from '@entente/shared/conflicts';
import type { Partner, Registration } from '@entente/shared/domain';
import { PENDING_STATUSES } from '@entente/shared/governance';
import type { AppContext } from '../../appContext.js';
import type { GovernanceState } from '../../store/repositories/governanceStore.js';
import { foldEvidence, groupConflicts, type ConflictGroup, type RecordRef } from './conflictGroups.js';

const HOUR_MS = 3_600_000;

/**
 * Claims that hold the customer but are not protected yet. An override waiting for its second
 * approver is one of them: it is still live (the deal and company cards show it), and whichever
 * way it ends, nothing about it is settled until a second person acts.
 */
export const PENDING = new Set<Registration['status']>(PENDING_STATUSES);
export const PROTECTED = new Set<Registration['status']>(['approved', 'extended']);
export const LIVE = new Set<Registration['status']>([...PENDING, ...PROTECTED, 'won']);

/** A window from start to end as the card draws it, computed on the service's clock. */
export const clockView = (label: string, startsAt: string, endsAt: string, now: Date) => {
  const start = Date.parse(startsAt);
  const end = Date.parse(endsAt);
  const span = Math.max(1, end - start);
  const used = Math.min(100, Math.max(0, ((now.getTime() - start) / span) * 100));
  const left = end - now.getTime();
  return {
    label,
    startsAt,
    endsAt,
    percentUsed: Math.round(used * 10) / 10,
    hoursLeft: left >= 0 ? Math.floor(left / HOUR_MS) : -Math.ceil(-left / HOUR_MS),
    overdue: left < 0,
  };
};

/**
 * The clock a pending claim runs on: the review's, or, for a proposed override, the time the second
 * approver has before the proposal lapses and the automatic decision stands.
 */
export const approvalClock = (registration: Registration, state: GovernanceState | undefined, now: Date) => {
  if (registration.status === 'pending_second_approval')
    return state?.pendingOverride
      ? clockView('Second approval', state.pendingOverride.proposedAt, state.pendingOverride.dueAt, now)
      : null;
  return PENDING.has(registration.status) && state?.reviewDueAt
    ? clockView('Approval clock', registration.submittedAt, state.reviewDueAt, now)
    : null;
};

export const protectionClock = (registration: Registration, now: Date) =>
  PROTECTED.has(registration.status) && registration.protectedUntil
    ? clockView(
        'Protection window',
        registration.decidedAt ?? registration.submittedAt,
        registration.protectedUntil,
        now,
      )
    : null;

/**
 * HubSpot record pages (0-3 deals, 0-2 companies), on the portal's own UI domain: an EU-hosted
 * portal lives on app-eu1.hubspot.com. Without a domain read at install, HubSpot's default.
 */
export const hubspotRecordUrl = (
  ctx: AppContext,
  caller: { portalId: string; uiDomain?: string | null },
  type: 'deal' | 'company',
  crmId: string,
) =>
  `${caller.uiDomain ? `https://${caller.uiDomain}` : ctx.config.hubspot.authBaseUrl}/contacts/${caller.portalId}/record/${type === 'deal' ? '0-3' : '0-2'}/${crmId}`;

type RecordType = 'deal' | 'account' | 'registration';
type RecordLabel = { label: string; crmId: string | null };
/** Labels of the records conflicts point at, by `type:id`. */
export type RecordLabels = ReadonlyMap<string, RecordLabel>;

const refKey = (type: RecordType, id: string) => `${type}:${id}`;

/**
 * Every label a card's conflicts need in one statement (a card may name a dozen records; one
 * query per record made the card wait its turn that many times).
 */
export const recordLabels = async (
  ctx: AppContext,
  tenantId: string,
  refs: readonly RecordRef[],
  partners: ReadonlyMap<string, Partner>,
): Promise<RecordLabels> => {
  const idsOf = (type: RecordType) => [...new Set(refs.filter((r) => r.type === type).map((r) => r.id))];
  const [dealIds, accountIds, registrationIds] = [idsOf('deal'), idsOf('account'), idsOf('registration')];
  const found = new Map<
    string,
    { name: string | null; crm_id: string | null; partner_id: string | null; status: string | null }
  >();
  if (refs.length > 0) {
    const rows = await ctx.store.forTenant(tenantId).recordLabels.find(dealIds, accountIds, registrationIds);
    for (const row of rows) found.set(refKey(row.type, row.id), row);
  }
  const labels = new Map<string, RecordLabel>();
  for (const { type, id } of refs) {
    const row = found.get(refKey(type, id));
    if (type === 'deal')
      labels.set(refKey(type, id), { label: `deal ${row?.name ?? id}`, crmId: row?.crm_id ?? null });
    else if (type === 'account')
      labels.set(refKey(type, id), { label: `company ${row?.name ?? id}`, crmId: row?.crm_id ?? null });
    else {
      const partner = row?.partner_id ? partners.get(row.partner_id) : undefined;
      const status = row?.status ? row.status.replace(/_/g, ' ') : 'unknown';
      labels.set(refKey(type, id), {
        label: `registration by ${partner?.name ?? 'another partner'} (${status})`,
        crmId: null,
      });
    }
  }
  return labels;
};

/** Past this many records a party's block says how many more it holds instead of listing them. */
const MAX_RECORDS = 5;
/** Past this many matched records the evidence stops; the strongest come first. */
const MAX_MATCHES = 8;

/** What a competing record is to the claim, in a seller's words. */
const WHY: Record<ConflictKind, string> = {
  duplicate_registration: 'an earlier claim by the same partner',
  competing_registration: 'a competing claim',
  direct_owned_account: 'the account they own',
  direct_owned_deal: 'an open deal they own',
  same_customer_other_identity: 'the same customer under another name or domain',
  corporate_family: 'a company in the same corporate family',
};

const titleOf = (group: ConflictGroup, name: string): string => {
  const has = (kind: ConflictKind) => group.kinds.includes(kind);
  if (group.party.kind === 'partner')
    return has('competing_registration')
      ? `${name} already claims this customer`
      : `${name} already registered this customer`;
  if (group.party.kind === 'direct')
    return has('direct_owned_deal')
      ? `Direct seller ${name} is already working this customer`
      : has('direct_owned_account')
        ? `Direct seller ${name} owns this customer's account`
        : `Direct seller ${name} holds a record that may be this customer`;
  return 'Other records may be this customer';
};

/** A claim on the card and the conflicts it runs into. */
export type CardClaim = { registration: Registration; conflicts: readonly Conflict[] };

type Names = { partners: ReadonlyMap<string, Partner>; userNames: ReadonlyMap<string, string> };

/**
 * What a card says about its claims' conflicts: one block per competing party (for each set of
 * claims the card shows together), never the records in `onCard`, and each claim's evidence one
 * line per matched record. One statement reads every label.
 */
export const describeConflicts = async (
  ctx: AppContext,
  caller: { tenantId: string; portalId: string; uiDomain?: string | null },
  claimSets: readonly (readonly CardClaim[])[],
  onCard: readonly RecordRef[],
  { partners, userNames }: Names,
) => {
  const groupSets = claimSets.map((claims) =>
    groupConflicts(
      claims.map((c) => ({ registrationId: c.registration.id, conflicts: c.conflicts })),
      onCard,
    ),
  );
  const claims = new Map(claimSets.flat().map((c) => [c.registration.id, c]));
  const matched = new Map(
    [...claims.values()].map((c) => [c.registration.id, foldEvidence(c.conflicts).slice(0, MAX_MATCHES)]),
  );
  const labels = await recordLabels(
    ctx,
    caller.tenantId,
    [...groupSets.flat().flatMap((g) => g.records.slice(0, MAX_RECORDS)), ...[...matched.values()].flat()],
    partners,
  );
  const link = (type: RecordType, id: string) => {
    const { label, crmId } = labels.get(refKey(type, id)) ?? { label: `${type} ${id}`, crmId: null };
    const shown = type === 'account' ? ('company' as const) : type;
    return {
      type: shown,
      id,
      label,
      url: crmId && shown !== 'registration' ? hubspotRecordUrl(ctx, caller, shown, crmId) : null,
    };
  };
  // The engine's summaries name internal users by id; a seller reads names.
  const named = (text: string) => text.replace(/\b[\w-]+\b/g, (word) => userNames.get(word) ?? word);
  const partyName = (group: ConflictGroup) =>
    group.party.kind === 'partner'
      ? ((group.party.partnerId && partners.get(group.party.partnerId)?.name) ?? 'Another partner')
      : group.party.kind === 'direct'
        ? (userNames.get(group.party.userId) ?? group.party.userId)
        : 'Nobody';
  const view = (group: ConflictGroup) => {
    const name = partyName(group);
    return {
      party: {
        kind: group.party.kind,
        id:
          group.party.kind === 'partner'
            ? group.party.partnerId
            : group.party.kind === 'direct'
              ? group.party.userId
              : null,
        name,
      },
      severity: group.severity,
      title: titleOf(group, name),
      kinds: group.kinds,
      records: group.records
        .slice(0, MAX_RECORDS)
        .map((r) => ({ ...link(r.type, r.id), why: r.kinds.map((k) => WHY[k]).join('; ') })),
      moreRecords: Math.max(0, group.records.length - MAX_RECORDS),
      against: group.registrationIds.flatMap((id) => {
        const registration = claims.get(id)?.registration;
        return registration
          ? [
              {
                registrationId: id,
                partnerName: partners.get(registration.partnerId)?.name ?? registration.partnerId,
                status: registration.status,
              },
            ]
          : [];
      }),
      details: group.summaries.map(named),
    };
  };
  return {
    /** The blocks of each set of claims, in the order the sets were given. */
    groups: groupSets.map((groups) => groups.map(view)),
    /** Each claim's matched records, by registration id. */
    matchesOf: (registrationId: string) =>
      (matched.get(registrationId) ?? []).map((m) => ({
        ...link(m.type, m.id),
        score: m.score,
        decision: m.decision,
        reasons: m.reasons.slice(0, 4),
      })),
  };
};
export type ConflictGroupView = Awaited<ReturnType<typeof describeConflicts>>['groups'][number][number];

const MODEL_LABELS: Record<string, string> = {
  sourced_influenced: 'Sourced / influenced',
  first_touch: 'First touch',
  last_touch: 'Last touch',
  linear: 'Linear',
  time_decay: 'Time decay',
  position_based: 'Position-based',
  shapley: 'Data-driven (Shapley)',
  markov: 'Data-driven (Markov removal)',
};

export const modelLabel = (model: { name: string; weights?: readonly number[] } | string): string => {
  const name = typeof model === 'string' ? model : model.name;
  const base = MODEL_LABELS[name] ?? name;
  return typeof model !== 'string' && model.weights ? `${base} ${model.weights.join('/')}` : base;
};
