import { ATTRIBUTION_JOB_KINDS } from '../attribution/jobs.js';
import type { AppContext } from '../../appContext.js';
import type { CrmEntity, CrmPort } from '../../crm/crmPort.js';
import { hubspotEventBatchSchema, toInboundEvent } from '../../crm/hubspot/webhookEvents.js';
import { hubspotIds } from '../../crm/hubspot/toDomain.js';
import { DomainError, issueDetails } from '@entente/shared/errors';
import { enqueueJob } from '../../store/repositories/jobQueue.js';
import { crmSyncRepository, type InboundEvent } from '../../store/repositories/crmSync.js';
import { tenantsRepository } from '../../store/repositories/tenants.js';
import type { TenantStore } from '../../store/store.js';
import { applyCrmEntities } from './applyCrmEntities.js';
import { WRITE_BACK_JOB } from './writeBack.js';

export const APPLY_WEBHOOKS_JOB = 'hubspot.apply_webhooks';

export type ReceiveResult = { received: number; stored: number; duplicates: number; ignored: number };

/**
 * A verified webhook POST: store its events (duplicates by eventId are dropped by the primary key)
 * and queue their processing, all in one transaction, then answer. Nothing is applied here, so
 * the answer is fast and a crash after it loses nothing.
 */
export const receiveHubSpotWebhooks = async (
  ctx: Pick<AppContext, 'store' | 'now'>,
  body: unknown,
): Promise<ReceiveResult> => {
  const parsed = hubspotEventBatchSchema.safeParse(body);
  if (!parsed.success) {
    throw new DomainError('WEBHOOK.MALFORMED', 'The webhook body is not a batch of HubSpot events', {
      details: issueDetails(parsed.error.issues.slice(0, 10)),
    });
  }
  const byPortal = new Map<string, InboundEvent[]>();
  let ignored = 0;
  for (const raw of parsed.data) {
    const event = toInboundEvent(raw);
    if (!event) {
      ignored++;
      continue;
    }
    const { portalId, ...inbound } = event;
    byPortal.set(portalId, [...(byPortal.get(portalId) ?? []), inbound]);
  }
  let stored = 0;
  await ctx.store.db.transaction(async (tx) => {
    for (const [portalId, events] of byPortal) {
      const tenant = await tenantsRepository(tx).findByExternalId('hubspot', portalId);
      if (!tenant || tenant.status !== 'active') {
        ignored += events.length;
        continue;
      }
      const inserted = await crmSyncRepository({ tenantId: tenant.id, db: tx }).insertEvents(events);
      stored += inserted;
      if (inserted > 0)
        await enqueueJob(tx, { tenantId: tenant.id, kind: APPLY_WEBHOOKS_JOB, runAt: ctx.now() });
    }
  });
  const received = parsed.data.length;
  return { received, stored, duplicates: received - stored - ignored, ignored };
};

type Outcome = { eventId: string; status: 'applied' | 'skipped'; outcome: string };

const isEcho = async (
  store: TenantStore,
  event: InboundEvent,
  appId: string | undefined,
): Promise<boolean> => {
  if (event.change !== 'propertyChange') return false;
  const { changeSource, sourceId, ententeField, propertyValue } = event.payload as Record<
    string,
    string | null
  >;
  if (appId && changeSource === 'INTEGRATION' && (sourceId === appId || sourceId === `app:${appId}`))
    return true;
  if (!ententeField) return false;
  const last = await store.crmSync.lastWritten(event.objectKind, event.objectId, ententeField);
  return last !== undefined && (last.value ?? '') === (propertyValue ?? '');
};

const domainId = (kind: string, crmId: string) =>
  kind === 'deals'
    ? hubspotIds.deal(crmId)
    : kind === 'companies'
      ? hubspotIds.company(crmId)
      : hubspotIds.contact(crmId);

const removeLocal = async (store: TenantStore, kind: string, crmId: string) => {
  const id = domainId(kind, crmId);
  if (kind === 'deals') {
    await store.crmSync.detachDeal(id);
    await store.deals.remove(id);
  } else if (kind === 'companies') await store.accounts.remove(id);
  else await store.contacts.remove(id);
};

/**
 * Applies a tenant's stored events: per object in occurredAt order, skipping duplicates, events
 * older than what was already applied, and echoes of Entente's own writes. Rather than trusting
 * each event's partial payload, a changed object is re-read from the CRM and upserted whole,
 * which is idempotent and immune to reordering. Deletions remove the record (kept as a
 * tombstone); a restore brings it back. A merge moves everything on the merged-away records,
 * registrations included, to the survivor, and flags a conflict when partners now collide there.
 */
export const applyHubSpotWebhooks = async (
  ctx: Pick<AppContext, 'store' | 'now' | 'config'>,
  tenantId: string,
  port: CrmPort,
): Promise<{ applied: number; skipped: number }> => {
  const store = ctx.store.forTenant(tenantId);
  let applied = 0;
  let skipped = 0;
  for (;;) {
    const events = await store.crmSync.pendingEvents(500);
    if (events.length === 0) break;
    const outcomes: Outcome[] = [];
    const objects = new Map<string, InboundEvent[]>();
    for (const event of events) {
      const key = `${event.objectKind}:${event.objectId}`;
      objects.set(key, [...(objects.get(key) ?? []), event]);
    }
    const refresh = new Map<'deals' | 'companies' | 'contacts', Set<string>>();
    const deletions: { kind: string; crmId: string; at: number }[] = [];
    const merges: InboundEvent[] = [];
    const versions: { kind: string; crmId: string; at: number; deleted: boolean }[] = [];

    for (const group of objects.values()) {
      const { objectKind: kind, objectId: crmId } = group[0] as InboundEvent;
      const version = await store.crmSync.objectVersion(kind, crmId);
      const live: InboundEvent[] = [];
      for (const event of group) {
        if (version && event.occurredAt < version.occurredAt)
          outcomes.push({ eventId: event.eventId, status: 'skipped', outcome: 'stale' });
        else if (await isEcho(store, event, ctx.config.hubspot.appId))
          outcomes.push({ eventId: event.eventId, status: 'skipped', outcome: 'echo' });
        else live.push(event);
      }
      if (live.length === 0) continue;
      const last = live.at(-1) as InboundEvent;
      for (const event of live) {
        if (event.change === 'merge') merges.push(event);
        outcomes.push({ eventId: event.eventId, status: 'applied', outcome: event.change });
      }
      const deleted = last.change === 'deletion';
      versions.push({ kind, crmId, at: last.occurredAt, deleted });
      if (deleted) deletions.push({ kind, crmId, at: last.occurredAt });
      else refresh.set(kind as 'deals', (refresh.get(kind as 'deals') ?? new Set()).add(crmId));
    }

    // Read current state outside the transaction: CRM calls are slow and may wait on the limit.
    const entities: CrmEntity[] = [];
    for (const [kind, ids] of refresh) entities.push(...(await port.readByIds(kind, [...ids])));

    let conflicts = 0;
    const won: string[] = [];
    await ctx.store.inTransaction(tenantId, async (tx) => {
      for (const merge of merges) conflicts += await applyMerge(tx, merge, ctx.now());
      for (const { kind, crmId } of deletions) await removeLocal(tx, kind, crmId);
      // A deal that closes won here has its attribution finalised (docs/attribution.md).
      for (const entity of entities)
        if (entity.kind === 'deals' && entity.deal.stageCategory === 'won')
          if ((await tx.deals.get(entity.deal.id))?.stageCategory !== 'won') won.push(entity.deal.id);
      await applyCrmEntities(tx, entities, ctx.now());
      for (const v of versions) await tx.crmSync.setObjectVersion(v.kind, v.crmId, v.at, v.deleted);
      for (const o of outcomes) await tx.crmSync.finishEvent(o.eventId, o.status, o.outcome);
    });
    if (conflicts > 0) await enqueueJob(ctx.store.db, { tenantId, kind: WRITE_BACK_JOB, runAt: ctx.now() });
    for (const dealId of won)
      await enqueueJob(ctx.store.db, {
        tenantId,
        kind: ATTRIBUTION_JOB_KINDS.finalise,
        payload: { dealId },
        runAt: ctx.now(),
      });
    applied += outcomes.filter((o) => o.status === 'applied').length;
    skipped += outcomes.filter((o) => o.status === 'skipped').length;
  }
  return { applied, skipped };
};

/** Returns 1 when the merge put registrations of different partners on one company. */
const applyMerge = async (tx: TenantStore, event: InboundEvent, now: Date): Promise<number> => {
  const payload = event.payload as {
    primaryObjectId: string | null;
    mergedObjectIds: string[];
    newObjectId: string | null;
  };
  const survivor = event.objectId;
  const gone = [payload.primaryObjectId, ...payload.mergedObjectIds].filter(
    (id): id is string => !!id && id !== survivor,
  );
  for (const crmId of new Set(gone)) {
    if (event.objectKind === 'companies') {
      await tx.crmSync.moveAccount(hubspotIds.company(crmId), hubspotIds.company(survivor));
      await tx.accounts.remove(hubspotIds.company(crmId));
    } else if (event.objectKind === 'deals') {
      await tx.crmSync.moveDeal(hubspotIds.deal(crmId), hubspotIds.deal(survivor));
      await removeLocal(tx, 'deals', crmId);
    } else await tx.contacts.remove(hubspotIds.contact(crmId));
    await tx.crmSync.setObjectVersion(event.objectKind, crmId, event.occurredAt, true);
  }
  if (event.objectKind === 'companies') {
    const survivorId = hubspotIds.company(survivor);
    const partners = await tx.crmSync.registeredPartners(survivorId);
    if (partners.length > 1) {
      await tx.crmSync.enqueueWrite('companies', survivor, { conflictFlag: true } as never, now);
      return 1;
    }
  }
  return 0;
};
