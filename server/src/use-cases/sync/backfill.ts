import type { CrmObjectKind, CrmPort } from '../../crm/crmPort.js';
import type { SyncCursor } from '../../store/repositories/crmSync.js';
import type { Store } from '../../store/store.js';
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
  /** The service clock, for each record's sync state (when Entente last heard of it). */
  now?: () => Date;
  onProgress?: (progress: BackfillProgress) => void;
  /** Parts of a kind read at once (default BACKFILL_PARTS); 1 reads with a single cursor. */
  parts?: number;
  /** Stops cleanly between pages (shutdown, tests simulating a crash). */
  shouldStop?: () => boolean;
};

export type BackfillResult = { counts: Partial<Record<CrmObjectKind, number>>; complete: boolean };

/**
 * Parts of a kind read at once. One list read at a time is bound by latency (a page every
 * ~130 ms at HubSpot's typical 120 ms is ~7.5 of the 11 requests/s a portal may make); with
 * several in flight the tenant's rate limiter, not latency, sets the pace. Six leaves headroom for
 * slower answers and for the store writes between a part's pages; more never exceeds the limit.
 */
export const BACKFILL_PARTS = 6;

const cursorName = (kind: CrmObjectKind) => `backfill:${kind}`;
const partName = (kind: CrmObjectKind, index: number) => `backfill:${kind}#${index}`;
/** The kind's own cursor says it was split into this many parts, each with its own cursor. */
const PARTS_MARK = 'parts:';

type Plan = { parts: SyncCursor[]; total: number | undefined };

/**
 * The cursors a kind is read through. A fresh kind is split once and the split is committed before
 * any page, so a resumed run continues the same parts; a kind already under way with one cursor
 * (or a CRM that cannot split) goes on with that one.
 */
const planKind = async (input: BackfillInput, kind: CrmObjectKind, ways: number): Promise<Plan> => {
  const { store, port, tenantId } = input;
  const sync = store.forTenant(tenantId).crmSync;
  const own = await sync.getCursor(cursorName(kind));
  if (own.cursor?.startsWith(PARTS_MARK)) {
    const count = Number(own.cursor.slice(PARTS_MARK.length));
    const parts = await Promise.all(
      Array.from({ length: count }, (_, i) => sync.getCursor(partName(kind, i))),
    );
    return { parts, total: undefined };
  }
  if (own.cursor !== null || own.records > 0 || kind === 'owners' || ways < 2) {
    return { parts: [own], total: undefined };
  }
  const split = await port.split(kind, ways);
  if (split.starts.length < 2) return { parts: [own], total: split.total };
  const parts = split.starts.map((start, i) => ({
    name: partName(kind, i),
    cursor: start ?? null,
    records: 0,
    done: false,
  }));
  await store.inTransaction(tenantId, async (tx) => {
    for (const part of parts) await tx.crmSync.saveCursor(part);
    await tx.crmSync.saveCursor({ ...own, cursor: `${PARTS_MARK}${parts.length}` });
  });
  return { parts, total: split.total };
};

/**
 * Reads every record of each kind, page by page, within the tenant's rate limit, a few parts of a
 * kind at once. Each page is written in the same transaction as its part's cursor, so after a
 * crash (even kill -9) every part resumes at its first page not committed: nothing is skipped, and
 * the record count stays exact because a page whose commit was lost is counted only when it is
 * written again, and parts never share a record.
 */
export const backfill = async (input: BackfillInput): Promise<BackfillResult> => {
  const { store, port, tenantId } = input;
  const kinds = input.kinds ?? BACKFILL_KINDS;
  const clock = input.clock ?? (() => performance.now());
  const tenant = store.forTenant(tenantId);
  if (input.restart) await tenant.crmSync.resetCursors('backfill:');
  const counts: BackfillResult['counts'] = {};

  for (const kind of kinds) {
    const own = await tenant.crmSync.getCursor(cursorName(kind));
    if (own.done) {
      counts[kind] = own.records;
      continue;
    }
    const plan = await planKind(input, kind, input.parts ?? BACKFILL_PARTS);
    let total = plan.total;
    if (total === undefined && kind !== 'owners') {
      // Progress only: the pages do not wait for it.
      void port.count(kind).then(
        (n) => (total = n),
        () => undefined,
      );
    }
    const started = clock();
    const startedWith = plan.parts.reduce((sum, part) => sum + part.records, 0);
    let records = startedWith;
    counts[kind] = records;
    let stopped = false;

    const report = () => {
      const seconds = Math.max((clock() - started) / 1000, 0.001);
      const rate = (records - startedWith) / seconds;
      const totalKnown = total === undefined ? undefined : Math.max(total, records);
      input.onProgress?.({
        kind,
        done: records,
        total: totalKnown,
        percent: totalKnown ? Math.min(100, Math.round((records / totalKnown) * 1000) / 10) : undefined,
        recordsPerSecond: Math.round(rate * 10) / 10,
        etaSeconds:
          totalKnown && rate > 0 ? Math.max(0, Math.round((totalKnown - records) / rate)) : undefined,
      });
    };

    const readPart = async (part: SyncCursor) => {
      let cursor = part;
      while (!cursor.done) {
        if (stopped || input.shouldStop?.()) {
          stopped = true;
          return;
        }
        const page = await port.readPage(kind, cursor.cursor ?? undefined, input.pageSize);
        const next = {
          name: cursor.name,
          cursor: page.next ?? null,
          records: cursor.records + page.entities.length,
          done: page.next === undefined,
        };
        await store.inTransaction(tenantId, async (tx) => {
          const at = input.now?.() ?? new Date();
          await applyCrmEntities(tx, page.entities, at, { source: 'backfill', at });
          await tx.crmSync.saveCursor(next);
        });
        cursor = next;
        records += page.entities.length;
        counts[kind] = records;
        report();
      }
    };

    // One failing part stops the others between pages; the first failure is what the caller sees.
    const outcomes = await Promise.allSettled(
      plan.parts.map((part) =>
        readPart(part).catch((error: unknown) => {
          stopped = true;
          throw error;
        }),
      ),
    );
    const failed = outcomes.find((o): o is PromiseRejectedResult => o.status === 'rejected');
    if (failed) throw failed.reason;
    if (stopped) return { counts, complete: false };
    if (plan.parts[0]?.name !== own.name) {
      await tenant.crmSync.saveCursor({
        ...own,
        cursor: `${PARTS_MARK}${plan.parts.length}`,
        records,
        done: true,
      });
    }
  }
  return { counts, complete: true };
};
