import type { ChangeRecord, Tenant } from '@entente/shared/domain';
import type { AppContext } from '../../appContext.js';
import type { CrmEntity, CrmPort } from '../../crm/crmPort.js';
import { enqueue } from '../../jobs/jobKinds.js';
import type { TenantStore } from '../../store/store.js';
import { requestAttributionFinalise } from '../attribution/jobs.js';
import { applyCrmEntities } from './applyCrmEntities.js';
import { requestWriteBack } from './writeBack.js';

export type ReceiveResult = {
  received: number;
  stored: number;
  duplicates: number;
  /** Events set aside with their reason (they could not be taken as they came). */
  quarantined: number;
  ignored: number;
};

/** Change records an adapter made from one delivery, grouped by CRM account (portal, org). */
export type ChangeBatch = {
  received: number;
  byAccount: Map<string, ChangeRecord[]>;
  /** Events the adapter could not take, with why, by CRM account. */
  rejectedByAccount: Map<string, { eventId: string | null; reason: string; raw: string }[]>;
  ignored: number;
};

/**
 * A verified delivery of CRM changes: store them in each tenant's inbox (duplicates by eventId are
 * dropped by the primary key) and queue their processing, all in one transaction, then answer.
 * Nothing is applied here, so the answer is fast and a crash after it loses nothing. Changes for
 * an account that is not an active tenant are ignored.
 */
export const receiveChanges = async (
  ctx: Pick<AppContext, 'store' | 'now'>,
  crm: Tenant['crm'],
  batch: ChangeBatch,
): Promise<ReceiveResult> => {
  let ignored = batch.ignored;
  let stored = 0;
  let quarantined = 0;
  await ctx.store.transaction(async (store) => {
    const accounts = new Set([...batch.byAccount.keys(), ...batch.rejectedByAccount.keys()]);
    for (const externalId of accounts) {
      const changes = batch.byAccount.get(externalId) ?? [];
      const rejected = batch.rejectedByAccount.get(externalId) ?? [];
      const tenant = await store.tenants.findByExternalId(crm, externalId);
      if (!tenant || tenant.status !== 'active') {
        ignored += changes.length + rejected.length;
        continue;
      }
      const tx = store.forTenant(tenant.id);
      quarantined += await tx.crmSync.quarantine(rejected);
      const inserted = await tx.crmSync.insertChanges(changes);
      stored += inserted;
      if (inserted > 0) await enqueue(tx, 'crm.apply_inbound', {}, { runAt: ctx.now() });
    }
  });
  return {
    received: batch.received,
    stored,
    duplicates: batch.received - stored - quarantined - ignored,
    quarantined,
    ignored,
  };
};

type Outcome = { eventId: string; status: 'applied' | 'skipped'; outcome: string };

/**
 * A change Entente caused itself: the adapter recognised its own integration as the source, or
 * the new value of an Entente-owned field is exactly what Entente last wrote there.
 */
const isEcho = async (store: TenantStore, change: ChangeRecord): Promise<boolean> => {
  if (change.change !== 'updated') return false;
  if (change.madeByEntente) return true;
  if (!change.ententeField) return false;
  const last = await store.crmSync.lastWritten(change.objectKind, change.objectId, change.ententeField);
  return last !== undefined && (last.value ?? '') === (change.value ?? '');
};

const removeLocal = async (
  store: TenantStore,
  port: CrmPort,
  kind: ChangeRecord['objectKind'],
  crmId: string,
) => {
  const id = port.localId(kind, crmId);
  if (kind === 'deals') {
    await store.crmSync.detachDeal(id);
    await store.deals.remove(id);
  } else if (kind === 'companies') await store.accounts.remove(id);
  else await store.contacts.remove(id);
};

/**
 * Applies a tenant's stored changes: per record in occurredAt order, skipping duplicates, changes
 * older than what was already applied, and echoes of Entente's own writes. Rather than trusting
 * each change's partial payload, a changed record is re-read from the CRM and upserted whole,
 * which is idempotent and immune to reordering. Deletions remove the record (kept as a
 * tombstone); a restore brings it back. A merge moves everything on the merged-away records,
 * registrations included, to the survivor, and flags a conflict when partners now collide there.
 * The jobs a change causes (finalising a won deal, writing a conflict flag back) are queued in the
 * same transaction as the change.
 */
export const applyInboundChanges = async (
  ctx: Pick<AppContext, 'store' | 'now'>,
  tenantId: string,
  port: CrmPort,
): Promise<{ applied: number; skipped: number }> => {
  const store = ctx.store.forTenant(tenantId);
  let applied = 0;
  let skipped = 0;
  for (;;) {
    const changes = await store.crmSync.pendingChanges(500);
    if (changes.length === 0) break;
    const outcomes: Outcome[] = [];
    const records = new Map<string, ChangeRecord[]>();
    for (const change of changes) {
      const key = `${change.objectKind}:${change.objectId}`;
      records.set(key, [...(records.get(key) ?? []), change]);
    }
    const refresh = new Map<ChangeRecord['objectKind'], Set<string>>();
    const deletions: { kind: ChangeRecord['objectKind']; crmId: string }[] = [];
    const merges: ChangeRecord[] = [];
    const versions: { kind: ChangeRecord['objectKind']; crmId: string; at: number; deleted: boolean }[] = [];

    for (const group of records.values()) {
      const { objectKind: kind, objectId: crmId } = group[0] as ChangeRecord;
      const version = await store.crmSync.objectVersion(kind, crmId);
      const live: ChangeRecord[] = [];
      for (const change of group) {
        if (version && change.occurredAt < version.occurredAt)
          outcomes.push({ eventId: change.eventId, status: 'skipped', outcome: 'stale' });
        else if (await isEcho(store, change))
          outcomes.push({ eventId: change.eventId, status: 'skipped', outcome: 'echo' });
        else live.push(change);
      }
      if (live.length === 0) continue;
      const last = live.at(-1) as ChangeRecord;
      for (const change of live) {
        if (change.change === 'merged') merges.push(change);
        outcomes.push({ eventId: change.eventId, status: 'applied', outcome: change.change });
      }
      const deleted = last.change === 'deleted';
      versions.push({ kind, crmId, at: last.occurredAt, deleted });
      if (deleted) deletions.push({ kind, crmId });
      else refresh.set(kind, (refresh.get(kind) ?? new Set()).add(crmId));
    }

    // Read current state outside the transaction: CRM calls are slow and may wait on the limit.
    const entities: CrmEntity[] = [];
    for (const [kind, ids] of refresh) entities.push(...(await port.readByIds(kind, [...ids])));

    const now = ctx.now();
    await ctx.store.inTransaction(tenantId, async (tx) => {
      for (const merge of merges) await applyMerge(tx, port, merge, now);
      for (const { kind, crmId } of deletions) await removeLocal(tx, port, kind, crmId);
      // A deal that closes won here has its attribution finalised (docs/attribution.md).
      const won: string[] = [];
      for (const entity of entities)
        if (entity.kind === 'deals' && entity.deal.stageCategory === 'won')
          if ((await tx.deals.get(entity.deal.id))?.stageCategory !== 'won') won.push(entity.deal.id);
      await applyCrmEntities(tx, entities, now);
      for (const v of versions)
        await tx.crmSync.setObjectVersion(v.kind, v.crmId, v.at, v.deleted, { source: 'inbound', at: now });
      for (const o of outcomes) await tx.crmSync.finishEvent(o.eventId, o.status, o.outcome);
      for (const dealId of won) await requestAttributionFinalise(tx, dealId, now);
    });
    applied += outcomes.filter((o) => o.status === 'applied').length;
    skipped += outcomes.filter((o) => o.status === 'skipped').length;
  }
  return { applied, skipped };
};

/** Moves what hung on the merged-away records to the survivor; flags partners now colliding there. */
const applyMerge = async (tx: TenantStore, port: CrmPort, change: ChangeRecord, now: Date): Promise<void> => {
  const survivor = change.objectId;
  const seen = { source: 'inbound' as const, at: now };
  for (const crmId of new Set(change.mergedIds)) {
    if (change.objectKind === 'companies') {
      await tx.crmSync.moveAccount(port.localId('companies', crmId), port.localId('companies', survivor));
      await tx.accounts.remove(port.localId('companies', crmId));
    } else if (change.objectKind === 'deals') {
      await tx.crmSync.moveDeal(port.localId('deals', crmId), port.localId('deals', survivor));
      await removeLocal(tx, port, 'deals', crmId);
    } else await tx.contacts.remove(port.localId('contacts', crmId));
    await tx.crmSync.setObjectVersion(change.objectKind, crmId, change.occurredAt, true, seen);
  }
  if (change.objectKind === 'companies') {
    const partners = await tx.crmSync.registeredPartners(port.localId('companies', survivor));
    if (partners.length > 1) await requestWriteBack(tx, 'companies', survivor, { conflictFlag: true }, now);
  }
};
