import type { CrmPort } from '../../crm/crmPort.js';
import type { Store } from '../../store/store.js';
import { applyCrmEntities } from './applyCrmEntities.js';

/** How often reconciliation runs per tenant. */
export const RECONCILE_EVERY_MS = 15 * 60_000;
/** Search indexes lag writes: look back a little before the cursor so nothing falls in the gap. */
const OVERLAP_MS = 5 * 60_000;

/**
 * Heals anything inbound changes missed: searches each kind for records modified since the stored
 * cursor (hs_lastmodifieddate) and upserts them. The cursor moves only after a kind is read to
 * the end, to the newest modification seen, so a crash re-reads rather than skips.
 */
export const reconcile = async (
  store: Store,
  port: CrmPort,
  tenantId: string,
  now: Date,
): Promise<Record<'companies' | 'contacts' | 'deals', number>> => {
  const tenant = store.forTenant(tenantId);
  const counts = { companies: 0, contacts: 0, deals: 0 };
  for (const kind of ['companies', 'contacts', 'deals'] as const) {
    const saved = await tenant.crmSync.getCursor(`reconcile:${kind}`);
    // First run: the backfill has just read everything, so start from now.
    const since = saved.cursor ? new Date(Date.parse(saved.cursor) - OVERLAP_MS) : now;
    let newest = saved.cursor ?? now.toISOString();
    let after: string | undefined;
    do {
      const page = await port.readChangedSince(kind, since, after);
      await store.inTransaction(tenantId, (tx) =>
        applyCrmEntities(tx, page.entities, now, { source: 'reconciliation', at: now }),
      );
      counts[kind] += page.entities.length;
      if (page.newestModifiedAt && page.newestModifiedAt > newest) newest = page.newestModifiedAt;
      after = page.next;
    } while (after);
    await tenant.crmSync.saveCursor({
      name: `reconcile:${kind}`,
      cursor: newest,
      records: saved.records + counts[kind],
      done: false,
    });
  }
  return counts;
};
