import type { CrmObjectKind, CrmPort } from '../crm/crmPort.js';
import type { Store } from '../store/store.js';
import { applyCrmEntities } from './applyCrmEntities.js';

/** Owners first, then companies and contacts, then the deals that point at them. */
export const BACKFILL_KINDS: readonly CrmObjectKind[] = ['owners', 'companies', 'contacts', 'deals'];

export type BackfillProgress = {
  kind: CrmObjectKind;
  done: number;
  total: number | undefined;
  percent: number | undefined;
  recordsPerSecond: number;
  etaSeconds: number | undefined;
};

export type BackfillInput = {
  store: Store;
  port: CrmPort;
  tenantId: string;
  kinds?: readonly CrmObjectKind[];
  pageSize?: number;
  /** Start over instead of resuming from the checkpoints. */
  restart?: boolean;
  /** Monotonic milliseconds, for the rate (never the business clock). */
  clock?: () => number;
  onProgress?: (progress: BackfillProgress) => void;
  /** Stops cleanly between pages (shutdown, tests simulating a crash). */
  shouldStop?: () => boolean;
};

export type BackfillResult = { counts: Partial<Record<CrmObjectKind, number>>; complete: boolean };

const cursorName = (kind: CrmObjectKind) => `backfill:${kind}`;

/**
 * Reads every record of each kind, page by page, within the tenant's rate limit. Each page is
 * written in the same transaction as the cursor that follows it, so after a crash (even kill -9)
 * the backfill resumes at the first page not committed: nothing is skipped, and the record count
 * stays exact because a page whose commit was lost is counted only when it is written again.
 */
export const backfill = async (input: BackfillInput): Promise<BackfillResult> => {
  const { store, port, tenantId } = input;
  const kinds = input.kinds ?? BACKFILL_KINDS;
  const clock = input.clock ?? (() => performance.now());
  const tenant = store.forTenant(tenantId);
  if (input.restart) await tenant.crmSync.resetCursors('backfill:');
  const counts: BackfillResult['counts'] = {};

  for (const kind of kinds) {
    let cursor = await tenant.crmSync.getCursor(cursorName(kind));
    counts[kind] = cursor.records;
    if (cursor.done) continue;
    const total = kind === 'owners' ? undefined : await port.count(kind).catch(() => undefined);
    const started = clock();
    const startedWith = cursor.records;
    do {
      if (input.shouldStop?.()) return { counts, complete: false };
      const page = await port.readPage(kind, cursor.cursor ?? undefined, input.pageSize);
      const next = {
        name: cursor.name,
        cursor: page.next ?? null,
        records: cursor.records + page.entities.length,
        done: page.next === undefined,
      };
      await store.inTransaction(tenantId, async (tx) => {
        await applyCrmEntities(tx, page.entities);
        await tx.crmSync.saveCursor(next);
      });
      cursor = next;
      counts[kind] = cursor.records;
      const seconds = Math.max((clock() - started) / 1000, 0.001);
      const rate = (cursor.records - startedWith) / seconds;
      const totalKnown = total === undefined ? undefined : Math.max(total, cursor.records);
      input.onProgress?.({
        kind,
        done: cursor.records,
        total: totalKnown,
        percent: totalKnown
          ? Math.min(100, Math.round((cursor.records / totalKnown) * 1000) / 10)
          : undefined,
        recordsPerSecond: Math.round(rate * 10) / 10,
        etaSeconds:
          totalKnown && rate > 0 ? Math.max(0, Math.round((totalKnown - cursor.records) / rate)) : undefined,
      });
    } while (!cursor.done);
  }
  return { counts, complete: true };
};
