import type { Conflict, ConflictKind } from '@entente/shared/conflicts';
import type { Partner, Registration } from '@entente/shared/domain';
import type { AppContext } from '../../appContext.js';
import type { GovernanceState } from '../../governance/governanceStore.js';
import type { TenantStore } from '../../store/store.js';

const HOUR_MS = 3_600_000;

export const PENDING = new Set<Registration['status']>(['submitted', 'in_review', 'info_requested']);
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

export const approvalClock = (registration: Registration, state: GovernanceState | undefined, now: Date) =>
  PENDING.has(registration.status) && state?.reviewDueAt
    ? clockView('Approval clock', registration.submittedAt, state.reviewDueAt, now)
    : null;

export const protectionClock = (registration: Registration, now: Date) =>
  PROTECTED.has(registration.status) && registration.protectedUntil
    ? clockView(
        'Protection window',
        registration.decidedAt ?? registration.submittedAt,
        registration.protectedUntil,
        now,
      )
    : null;

/** HubSpot record pages: 0-3 deals, 0-2 companies. */
export const hubspotRecordUrl = (
  ctx: AppContext,
  portalId: string,
  type: 'deal' | 'company',
  crmId: string,
) =>
  `${ctx.config.hubspot.authBaseUrl}/contacts/${portalId}/record/${type === 'deal' ? '0-3' : '0-2'}/${crmId}`;

const TITLES: Record<ConflictKind, string> = {
  duplicate_registration: 'The same partner registered this customer twice',
  competing_registration: 'Another partner claims this customer',
  direct_owned_account: 'The account is owned by a direct seller',
  direct_owned_deal: 'A direct seller is already working this customer',
  same_customer_other_identity: 'The same customer exists under another name or domain',
  corporate_family: 'A related company is already an account',
};

type Labels = { partners: Map<string, Partner> };

const recordLabel = async (
  scoped: TenantStore,
  type: 'deal' | 'account' | 'registration',
  id: string,
  labels: Labels,
) => {
  if (type === 'deal') {
    const deal = await scoped.deals.get(id);
    return { label: deal ? `deal ${deal.name}` : `deal ${id}`, crmId: deal?.crmId ?? null };
  }
  if (type === 'account') {
    const account = await scoped.accounts.get(id);
    return { label: account ? `company ${account.name}` : `company ${id}`, crmId: account?.crmId ?? null };
  }
  const registration = await scoped.registrations.get(id);
  const partner = registration ? labels.partners.get(registration.partnerId) : undefined;
  return {
    label: `registration by ${partner?.name ?? 'another partner'} (${registration?.status ?? 'unknown'})`,
    crmId: null,
  };
};

/** A conflict in a seller's words: what overlaps, the evidence with its reasons, and links. */
export const conflictView = async (
  ctx: AppContext,
  caller: { scoped: TenantStore; portalId: string },
  registration: Registration,
  conflict: Conflict,
  partners: Map<string, Partner>,
  userNames: ReadonlyMap<string, string> = new Map(),
) => {
  const labels = { partners };
  // The engine's summary names internal users by id; a seller reads names.
  const named = (text: string) => text.replace(/\b[\w-]+\b/g, (word) => userNames.get(word) ?? word);
  const evidence = await Promise.all(
    conflict.evidence.slice(0, 5).map(async (e) => {
      const { label } = await recordLabel(
        caller.scoped,
        e.type === 'account' ? 'account' : e.type,
        e.id,
        labels,
      );
      const reasons = e.reasons.slice(0, 3).map((r) => r.text);
      return `${label}: ${Math.round(e.score * 100)}% match${reasons.length ? ` (${reasons.join('; ')})` : ''}`;
    }),
  );
  const competing = await Promise.all(
    conflict.competing.slice(0, 5).map(async (record) => {
      const { label, crmId } = await recordLabel(caller.scoped, record.type, record.id, labels);
      const type = record.type === 'account' ? ('company' as const) : record.type;
      return {
        type,
        id: record.id,
        label,
        url: crmId && type !== 'registration' ? hubspotRecordUrl(ctx, caller.portalId, type, crmId) : null,
      };
    }),
  );
  return {
    kind: conflict.kind,
    severity: conflict.severity,
    title: TITLES[conflict.kind] ?? 'A conflict was detected',
    summary: named(conflict.summary),
    registrationId: registration.id,
    partnerName: partners.get(registration.partnerId)?.name ?? registration.partnerId,
    evidence,
    competing,
  };
};

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
