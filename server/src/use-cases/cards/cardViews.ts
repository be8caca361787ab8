import type { Conflict, ConflictKind } from '@entente/shared/conflicts';
import type { Partner, Registration } from '@entente/shared/domain';
import type { AppContext } from '../../appContext.js';
import type { GovernanceState } from '../../store/repositories/governanceStore.js';
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

const TITLES: Record<ConflictKind, string> = {
  duplicate_registration: 'The same partner registered this customer twice',
  competing_registration: 'Another partner claims this customer',
  direct_owned_account: 'The account is owned by a direct seller',
  direct_owned_deal: 'A direct seller is already working this customer',
  same_customer_other_identity: 'The same customer exists under another name or domain',
  corporate_family: 'A related company is already an account',
};

type RecordType = 'deal' | 'account' | 'registration';
type RecordRef = { type: RecordType; id: string };
type RecordLabel = { label: string; crmId: string | null };
/** Labels of the records conflicts point at, by `type:id`. */
export type RecordLabels = ReadonlyMap<string, RecordLabel>;

const refKey = (type: RecordType, id: string) => `${type}:${id}`;

/** The records a conflict view names: its first five pieces of evidence and competing records. */
export const conflictRecords = (conflicts: readonly Conflict[]): RecordRef[] =>
  conflicts.flatMap((c) => [
    ...c.evidence
      .slice(0, 5)
      .map((e) => ({ type: e.type === 'account' ? ('account' as const) : e.type, id: e.id })),
    ...c.competing.slice(0, 5).map((r) => ({ type: r.type, id: r.id })),
  ]);

/**
 * Every label the conflicts need in one statement (a card may show a dozen conflicts, each naming
 * up to ten records; one query per record made the card wait its turn that many times).
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
      labels.set(refKey(type, id), {
        label: `registration by ${partner?.name ?? 'another partner'} (${row?.status ?? 'unknown'})`,
        crmId: null,
      });
    }
  }
  return labels;
};

/** A conflict in a seller's words: what overlaps, the evidence with its reasons, and links. */
export const conflictView = async (
  ctx: AppContext,
  caller: { scoped: TenantStore; portalId: string },
  registration: Registration,
  conflict: Conflict,
  partners: Map<string, Partner>,
  userNames: ReadonlyMap<string, string> = new Map(),
  /** Labels read once for all of a card's conflicts; read here for this conflict when absent. */
  known?: RecordLabels,
) => {
  const labels =
    known ?? (await recordLabels(ctx, caller.scoped.tenantId, conflictRecords([conflict]), partners));
  const labelOf = (type: RecordType, id: string): RecordLabel =>
    labels.get(refKey(type, id)) ?? { label: `${type === 'account' ? 'company' : type} ${id}`, crmId: null };
  // The engine's summary names internal users by id; a seller reads names.
  const named = (text: string) => text.replace(/\b[\w-]+\b/g, (word) => userNames.get(word) ?? word);
  const evidence = conflict.evidence.slice(0, 5).map((e) => {
    const { label } = labelOf(e.type === 'account' ? 'account' : e.type, e.id);
    const reasons = e.reasons.slice(0, 3).map((r) => r.text);
    return `${label}: ${Math.round(e.score * 100)}% match${reasons.length ? ` (${reasons.join('; ')})` : ''}`;
  });
  const competing = conflict.competing.slice(0, 5).map((record) => {
    const { label, crmId } = labelOf(record.type, record.id);
    const type = record.type === 'account' ? ('company' as const) : record.type;
    return {
      type,
      id: record.id,
      label,
      url: crmId && type !== 'registration' ? hubspotRecordUrl(ctx, caller, type, crmId) : null,
    };
  });
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
