import { CommonErrors } from '@entente/shared/errors';
import { z } from 'zod';
import { dedupeTouchpoints, touchpointSchema, type Touchpoint } from '@entente/shared/attribution';
import type { AppContext } from '../appContext.js';
import { requestAttributionFinalise } from './attribution/jobs.js';
import type { TenantStore } from '../store/store.js';

export type RecordedTouchpoints = {
  /** Stored as new touchpoints. */
  recorded: Touchpoint[];
  /** Recognised as the same touch as a stored one: kept for evidence, not counted twice. */
  duplicates: { id: string; keptId: string; reason: string }[];
  /** Already stored under the same id (a re-delivery): nothing changed. */
  alreadyKnown: string[];
};

/**
 * Touchpoints reach the store from the CRM mapping, from approved registrations, from internal users
 * and from partners through the API; each says which (its source). Each deal's
 * touchpoints are deduplicated against what is stored (`dedupeTouchpoints`): the most authoritative
 * record stays, so a CRM activity replaces the partner's report of the same meeting, and the
 * dropped record's evidence is merged into the kept one. Re-delivering the same id is a no-op.
 * A won deal whose credit was already finalised is finalised again when an earlier touch arrives late.
 */
export type RecordOptions = {
  /**
   * Runs in the recording's transaction once the touchpoints are stored, so what the caller keeps
   * about them (an audit entry, a line of the deal's credit history) commits with them.
   */
  afterRecording?: (tx: TenantStore, result: RecordedTouchpoints) => Promise<void>;
};

export const recordTouchpoints = async (
  ctx: AppContext,
  tenantId: string,
  input: readonly unknown[],
  options: RecordOptions = {},
): Promise<RecordedTouchpoints> => {
  const parsed = z.array(touchpointSchema).safeParse(input);
  if (!parsed.success) throw CommonErrors.invalidInput('body', parsed.error.issues);
  const byDeal = new Map<string, Touchpoint[]>();
  for (const touch of parsed.data) byDeal.set(touch.dealId, [...(byDeal.get(touch.dealId) ?? []), touch]);

  const result: RecordedTouchpoints = { recorded: [], duplicates: [], alreadyKnown: [] };
  const now = ctx.now();
  await ctx.store.inTransaction(tenantId, async (tenant) => {
    // Sorted, so two transactions touching the same deals always lock them in the same order.
    for (const dealId of [...byDeal.keys()].sort()) {
      await recordForDeal(tenant, dealId, byDeal.get(dealId) ?? [], now, result);
    }
    await options.afterRecording?.(tenant, result);
  });
  const changedDeals = new Set(result.recorded.map((touch) => touch.dealId));
  for (const dealId of changedDeals) await refinaliseIfClosed(ctx, tenantId, dealId);
  return result;
};

const recordForDeal = async (
  tenant: TenantStore,
  dealId: string,
  incoming: readonly Touchpoint[],
  now: Date,
  result: RecordedTouchpoints,
): Promise<void> => {
  const repo = tenant.attribution.touchpoints;
  await repo.lockDeal(dealId);
  const known = await repo.knownIds(incoming.map((touch) => touch.id));
  const seen = new Set<string>();
  const fresh = incoming.filter((touch) => {
    if (known.has(touch.id) || seen.has(touch.id)) {
      result.alreadyKnown.push(touch.id);
      return false;
    }
    seen.add(touch.id);
    return true;
  });
  if (fresh.length === 0) return;

  const stored = await repo.listByDeal(dealId);
  const storedById = new Map(stored.map((touch) => [touch.id, touch]));
  const { kept, duplicates } = dedupeTouchpoints([...stored, ...fresh]);
  for (const { duplicate, keptId, reason } of duplicates) {
    if (storedById.has(duplicate.id)) {
      // A more authoritative record of a stored touch arrived: it takes the stored one's place.
      await repo.remove(duplicate.id);
      await repo.repointDuplicates(duplicate.id, keptId);
    }
    await repo.recordDuplicate({ duplicate, keptId, reason }, now);
    result.duplicates.push({ id: duplicate.id, keptId, reason });
  }
  for (const touch of kept) {
    const before = storedById.get(touch.id);
    if (!before) {
      await repo.insert(touch, now);
      result.recorded.push(touch);
    } else if (JSON.stringify(before.evidence) !== JSON.stringify(touch.evidence)) {
      await repo.updateEvidence(touch.id, touch.evidence);
    }
  }
};

const refinaliseIfClosed = async (ctx: AppContext, tenantId: string, dealId: string): Promise<void> => {
  const tenant = ctx.store.forTenant(tenantId);
  const [deal, finalised] = await Promise.all([
    tenant.deals.get(dealId),
    tenant.attribution.dealAttributions.get(dealId),
  ]);
  if (deal?.stageCategory === 'won' && finalised) await requestAttributionFinalise(tenant, dealId, ctx.now());
};
