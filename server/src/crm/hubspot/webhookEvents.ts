import { z } from 'zod';
import {
  isStorableText,
  unstorableTextPaths,
  type ChangeKind,
  type ChangeRecord,
  type EntenteField,
} from '@entente/shared/domain';
import { DomainError, issueDetails } from '@entente/shared/errors';
import { ENTENTE_PROPERTIES } from './ententeProperties.js';

const ENTENTE_FIELD_BY_PROPERTY = new Map(
  Object.entries(ENTENTE_PROPERTIES).map(([field, p]) => [p.name, field]),
);

const TYPE_IDS: Record<string, 'deals' | 'companies' | 'contacts'> = {
  '0-1': 'contacts',
  '0-2': 'companies',
  '0-3': 'deals',
};
const SINGULAR: Record<string, 'deals' | 'companies' | 'contacts'> = {
  contact: 'contacts',
  company: 'companies',
  deal: 'deals',
};
const CHANGES = [
  'creation',
  'propertyChange',
  'deletion',
  'restore',
  'merge',
  'associationChange',
  'privacyDeletion',
] as const;

const id = z.union([z.number().int(), z.string().regex(/^\d+$/)]).transform(String);

/** One event as HubSpot sends it (legacy `deal.creation` or generic `object.creation`). */
export const hubspotEventSchema = z.looseObject({
  eventId: id,
  subscriptionId: id.optional(),
  portalId: id,
  appId: id.optional(),
  occurredAt: z.number().int().nonnegative(),
  subscriptionType: z.string().regex(/^[a-z]+\.[A-Za-z]+$/),
  attemptNumber: z.number().int().optional(),
  objectId: id.optional(),
  objectTypeId: z.string().optional(),
  changeSource: z.string().optional(),
  sourceId: z.string().optional(),
  propertyName: z.string().optional(),
  propertyValue: z.string().nullable().optional(),
  primaryObjectId: id.optional(),
  mergedObjectIds: z.array(id).optional(),
  newObjectId: id.optional(),
  fromObjectId: id.optional(),
  toObjectId: id.optional(),
  fromObjectTypeId: z.string().optional(),
  toObjectTypeId: z.string().optional(),
  associationType: z.string().optional(),
  associationRemoved: z.boolean().optional(),
});
/** A webhook POST is a JSON array of at most 100 events (each is checked on its own). */
export const hubspotEventBatchSchema = z.array(z.unknown()).min(1).max(100);
export type HubSpotEvent = z.infer<typeof hubspotEventSchema>;

const kindOf = (event: HubSpotEvent): 'deals' | 'companies' | 'contacts' | undefined => {
  const [prefix] = event.subscriptionType.split('.');
  if (prefix && prefix !== 'object') return SINGULAR[prefix];
  return TYPE_IDS[event.objectTypeId ?? event.fromObjectTypeId ?? ''];
};

const CHANGE_KIND: Record<(typeof CHANGES)[number], ChangeKind> = {
  creation: 'created',
  propertyChange: 'updated',
  deletion: 'deleted',
  privacyDeletion: 'deleted',
  restore: 'restored',
  merge: 'merged',
  associationChange: 'associated',
};

/**
 * HubSpot's echo rule: a change whose source is an integration and whose source id is this app
 * was made by Entente's own write-back.
 */
const madeByApp = (event: HubSpotEvent, appId: string | undefined): boolean =>
  !!appId &&
  event.changeSource === 'INTEGRATION' &&
  (event.sourceId === appId || event.sourceId === `app:${appId}`);

/**
 * Turns HubSpot's event into a change record (HubSpot's shape stops here). Association changes
 * are filed under the deal they touch, so they are ordered with that deal's other events.
 */
export const toChangeRecord = (
  event: HubSpotEvent,
  appId: string | undefined,
): (ChangeRecord & { portalId: string }) | undefined => {
  const change = event.subscriptionType.split('.')[1] as (typeof CHANGES)[number];
  if (!CHANGES.includes(change)) return undefined;
  let objectKind = kindOf(event);
  let objectId = event.objectId;
  if (change === 'associationChange') {
    const from = TYPE_IDS[event.fromObjectTypeId ?? ''] ?? objectKind;
    const to =
      TYPE_IDS[event.toObjectTypeId ?? ''] ??
      SINGULAR[(event.associationType ?? '').split('_TO_')[1]?.toLowerCase() ?? ''];
    if (from === 'deals') [objectKind, objectId] = ['deals', event.fromObjectId];
    else if (to === 'deals') [objectKind, objectId] = ['deals', event.toObjectId];
    else if (from === 'contacts') [objectKind, objectId] = ['contacts', event.fromObjectId];
    else if (to === 'contacts') [objectKind, objectId] = ['contacts', event.toObjectId];
  }
  if (change === 'merge') objectId = event.newObjectId ?? event.primaryObjectId ?? event.objectId;
  if (!objectKind || !objectId) return undefined;
  const survivor = objectId;
  const ententeField =
    change === 'propertyChange' && event.propertyName
      ? ((ENTENTE_FIELD_BY_PROPERTY.get(event.propertyName) as EntenteField | undefined) ?? null)
      : null;
  return {
    portalId: event.portalId,
    eventId: event.eventId,
    objectKind,
    objectId,
    occurredAt: event.occurredAt,
    change: CHANGE_KIND[change],
    madeByEntente: change === 'propertyChange' && madeByApp(event, appId),
    ententeField,
    value: ententeField ? (event.propertyValue ?? null) : null,
    mergedIds:
      change === 'merge'
        ? [...new Set([event.primaryObjectId, ...(event.mergedObjectIds ?? [])])].filter(
            (id): id is string => !!id && id !== survivor,
          )
        : [],
  };
};

/** An event that could not be taken as it came, kept aside for its portal with the reason. */
export type RejectedEvent = { eventId: string | null; reason: string; raw: string };

export type HubSpotChangeBatch = {
  received: number;
  /** Change records by HubSpot portal (the tenant's external id). */
  byAccount: Map<string, ChangeRecord[]>;
  /** Events that could not be taken, by portal, when their portal can be told. */
  rejectedByAccount: Map<string, RejectedEvent[]>;
  /** Events of kinds Entente does not follow, and rejected ones whose portal cannot be told. */
  ignored: number;
};

const portalOf = (raw: unknown): string | null => {
  const portalId = (raw as { portalId?: unknown } | null)?.portalId;
  return (typeof portalId === 'number' && Number.isSafeInteger(portalId)) ||
    (typeof portalId === 'string' && /^\d{1,20}$/.test(portalId))
    ? String(portalId)
    : null;
};

const eventIdOf = (raw: unknown): string | null => {
  const eventId = (raw as { eventId?: unknown } | null)?.eventId;
  return typeof eventId === 'number' || (typeof eventId === 'string' && isStorableText(eventId))
    ? String(eventId).slice(0, 200)
    : null;
};

/** HubSpot's event as it can be taken, or why it cannot. */
const checkEvent = (raw: unknown): { event: HubSpotEvent } | { problem: string } => {
  const bad = unstorableTextPaths(raw, 3);
  if (bad.length > 0)
    return {
      problem: `text no database can store (U+0000 or an unpaired surrogate) at ${bad
        .map((b) => b.path.join('.') || '(event)')
        .join(', ')}`,
    };
  const parsed = hubspotEventSchema.safeParse(raw);
  if (!parsed.success)
    return {
      problem: `not a HubSpot event: ${issueDetails(parsed.error.issues.slice(0, 3))
        .map((i) => `${i.path || '(event)'} ${i.message}`)
        .join('; ')}`,
    };
  return { event: parsed.data };
};

/**
 * A verified webhook POST as change records per portal. Each event is checked on its own: one
 * that cannot be taken is set aside with its reason, and the rest of the delivery still counts
 * (HubSpot retries a refused delivery with the same bad event). WEBHOOK.MALFORMED only when the
 * body is not a batch at all.
 */
export const parseHubSpotWebhookBatch = (body: unknown, appId: string | undefined): HubSpotChangeBatch => {
  const parsed = hubspotEventBatchSchema.safeParse(body);
  if (!parsed.success)
    throw new DomainError('WEBHOOK.MALFORMED', 'The webhook body is not a batch of HubSpot events', {
      details: issueDetails(parsed.error.issues.slice(0, 10)),
    });
  const byAccount = new Map<string, ChangeRecord[]>();
  const rejectedByAccount = new Map<string, RejectedEvent[]>();
  let ignored = 0;
  for (const raw of parsed.data) {
    const checked = checkEvent(raw);
    if ('problem' in checked) {
      const portalId = portalOf(raw);
      if (!portalId) ignored++;
      else
        rejectedByAccount.set(portalId, [
          ...(rejectedByAccount.get(portalId) ?? []),
          { eventId: eventIdOf(raw), reason: checked.problem, raw: JSON.stringify(raw) },
        ]);
      continue;
    }
    // Parsed once: each event of a batch is checked and converted from the same result.
    const record = toChangeRecord(checked.event, appId);
    if (!record) {
      ignored++;
      continue;
    }
    const { portalId, ...change } = record;
    byAccount.set(portalId, [...(byAccount.get(portalId) ?? []), change]);
  }
  return { received: parsed.data.length, byAccount, rejectedByAccount, ignored };
};
