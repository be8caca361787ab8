import { attributeDeal, DIRECT_PARTICIPANT_ID } from '@entente/shared/attribution';
import type { Deal } from '@entente/shared/domain';
import { toStoredAttributableDeal } from '../attribution/attributableDeals.js';
import type { AttributionSettings } from '../../store/repositories/attribution/attributionSettings.js';
import type { AttributionHistoryEntry } from '../../store/repositories/attribution/history.js';
import { buildTenantModel, computeAttribution } from '../attribution/computeAttribution.js';
import { toDealAttributionView, type DealAttributionView } from '../getDealAttribution.js';
import type { CardCaller } from './cardRequest.js';
import type { DealCardData } from './dealCardData.js';

/**
 * The same view as `getDealAttribution`, from what the deal card has already loaded in its one
 * statement (the deal, its touchpoints, the partners, the finalised split, disputes, settings and
 * renewal link) plus the deal's credit history, so a card view reads nothing more unless the model
 * needs history or the deal is a renewal (those keep the full path).
 */
export const dealCardAttribution = async (
  caller: CardCaller,
  deal: Deal,
  loaded: Pick<DealCardData, 'touchpoints' | 'partners' | 'attribution'>,
  now: Date,
): Promise<{ view: DealAttributionView; settings: AttributionSettings }> => {
  const tenant = caller.scoped;
  const names = new Map(loaded.partners.map((p) => [p.id, p.name]));
  names.set(DIRECT_PARTICIPANT_ID, 'Direct team');
  const nameOf = (id: string) => names.get(id) ?? id;
  const { finalised, disputes, settings, originalId } = loaded.attribution;
  const [result, history] = await Promise.all([
    finalised?.result ??
      (originalId === undefined
        ? buildTenantModel(tenant, settings.model, now).then((model) =>
            attributeDeal(toStoredAttributableDeal(deal, loaded.touchpoints, now), model, {
              nameOf,
              partnerReported: settings.partnerReported,
            }),
          )
        : computeAttribution(tenant, deal, settings, now)),
    tenant.attribution.history.listByDeal(deal.id),
  ]);
  const view = toDealAttributionView({ deal, finalised, settings, result, disputes, nameOf, history });
  return { settings, view: withWithdrawalsExplained(view, history, loaded.touchpoints) };
};

/**
 * The card's attribution panel shows each split's explanation and nothing else of the history, so
 * a sourcing credit that was taken back is told there: on the partner's own split when it still has
 * one, otherwise on the direct team's (which took the credit back), otherwise on the first. A credit
 * given again since (its touchpoint is back on the deal) is not told.
 */
const withWithdrawalsExplained = (
  view: DealAttributionView,
  history: readonly AttributionHistoryEntry[],
  touchpoints: DealCardData['touchpoints'],
): DealAttributionView => {
  const present = new Set(touchpoints.map((t) => t.id));
  const latest = new Map<string, AttributionHistoryEntry>();
  for (const entry of history)
    if (entry.kind === 'sourcing_withdrawn' || entry.kind === 'sourcing_credited')
      latest.set(String(entry.details.touchpointId), entry);
  const withdrawn = [...latest.entries()]
    .filter(([touchpointId, entry]) => entry.kind === 'sourcing_withdrawn' && !present.has(touchpointId))
    .map(([, entry]) => entry);
  if (withdrawn.length === 0 || view.splits.length === 0) return view;
  const notes = new Map<number, string[]>();
  for (const entry of withdrawn) {
    const own = view.splits.findIndex((s) => s.participantId === entry.participantId);
    const direct = view.splits.findIndex((s) => s.participantId === DIRECT_PARTICIPANT_ID);
    const at = own >= 0 ? own : direct >= 0 ? direct : 0;
    notes.set(at, [...(notes.get(at) ?? []), entry.line]);
  }
  return {
    ...view,
    splits: view.splits.map((split, i) =>
      notes.has(i) ? { ...split, explanation: `${split.explanation}; ${notes.get(i)!.join('; ')}` } : split,
    ),
  };
};
