import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ChangeEvent } from './store.js';
import type { Portal } from './portal.js';

export type SubscriptionType =
  'object.creation' | 'object.deletion' | 'object.propertyChange' | 'object.associationChange';

/** Mirrors a `crmObjects` entry of webhooks-hsmeta.json. */
export type WebhookSubscription = {
  subscriptionType: SubscriptionType;
  objectName: string;
  propertyName?: string;
};

/** `generic`: `object.*` types with `objectTypeId` (the current platform); `legacy`: `deal.creation` etc. */
export type WebhookFormat = 'generic' | 'legacy';

export type WebhookEvent = Record<string, string | number | boolean | number[] | undefined> & {
  eventId: number;
  subscriptionId: number;
  portalId: number;
  appId: number;
  occurredAt: number;
  subscriptionType: string;
  attemptNumber: number;
};

type Payload = { subscriptionId: number; body: Omit<WebhookEvent, 'eventId' | 'attemptNumber'> };

export const DEFAULT_SUBSCRIPTIONS: WebhookSubscription[] = ['contact', 'company', 'deal'].flatMap(
  (objectName) =>
    (
      ['object.creation', 'object.deletion', 'object.propertyChange', 'object.associationChange'] as const
    ).map((subscriptionType) => ({
      subscriptionType,
      objectName,
    })),
);

const PROJECT_FILE = path.join('hubspot-app', 'src', 'app', 'webhooks', 'webhooks-hsmeta.json');
const EMITTED = new Set<string>([
  'object.creation',
  'object.deletion',
  'object.propertyChange',
  'object.associationChange',
]);

/**
 * The subscriptions the app declares in its project (`webhooks-hsmeta.json`, `crmObjects`), as
 * HubSpot reads them: only those types, objects and properties produce events. Types this
 * simulator does not emit (restore, merge; `hubEvents`) are left out. Undefined when the project
 * file is not found above this module (the simulator used on its own keeps its broad default).
 */
export const projectSubscriptions = (
  from = path.dirname(fileURLToPath(import.meta.url)),
): WebhookSubscription[] | undefined => {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const file = path.join(dir, PROJECT_FILE);
    if (existsSync(file)) {
      const project = JSON.parse(readFileSync(file, 'utf8')) as {
        config?: {
          subscriptions?: {
            crmObjects?: {
              subscriptionType: string;
              objectType: string;
              propertyName?: string;
              active?: boolean;
            }[];
          };
        };
      };
      return (project.config?.subscriptions?.crmObjects ?? [])
        .filter((entry) => entry.active !== false && EMITTED.has(entry.subscriptionType))
        .map((entry) => ({
          subscriptionType: entry.subscriptionType as SubscriptionType,
          objectName: entry.objectType,
          ...(entry.propertyName ? { propertyName: entry.propertyName } : {}),
        }));
    }
    if (path.dirname(dir) === dir) return undefined;
  }
};

const KIND_TO_TYPE: Record<ChangeEvent['kind'], SubscriptionType> = {
  creation: 'object.creation',
  deletion: 'object.deletion',
  propertyChange: 'object.propertyChange',
  associationChange: 'object.associationChange',
};

const CHANGE_FLAGS: Partial<Record<ChangeEvent['kind'], string>> = {
  creation: 'CREATED',
  deletion: 'DELETED',
};

/** Turns one store change into the events its matching subscriptions produce (without ids yet). */
export const payloadsFor = (
  change: ChangeEvent,
  portal: Portal,
  subscriptions: readonly WebhookSubscription[],
  format: WebhookFormat,
  appId: number,
): Payload[] => {
  const def = portal.types.get(change.objectTypeId);
  if (!def) return [];
  const wantedType = KIND_TO_TYPE[change.kind];
  return subscriptions.flatMap((subscription, index): Payload[] => {
    if (subscription.subscriptionType !== wantedType) return [];
    if (![def.singular, def.name, def.objectTypeId, def.fullyQualifiedName].includes(subscription.objectName))
      return [];
    if (subscription.propertyName && subscription.propertyName !== change.propertyName) return [];
    const verb = wantedType.slice('object.'.length);
    const base = {
      subscriptionId: 1_000 + index,
      portalId: change.portalId,
      appId,
      occurredAt: change.occurredAt,
      subscriptionType: format === 'generic' ? wantedType : `${def.singular}.${verb}`,
      changeSource: change.changeSource,
      ...(change.sourceId ? { sourceId: change.sourceId } : {}),
    };
    if (change.kind === 'associationChange' && change.association) {
      const target = portal.types.get(change.association.toObjectTypeId);
      return [
        {
          subscriptionId: base.subscriptionId,
          body: {
            ...base,
            associationType:
              `${def.singular}_TO_${target?.singular ?? change.association.toObjectTypeId}`.toUpperCase(),
            associationTypeId: change.association.associationTypeId,
            fromObjectTypeId: change.objectTypeId,
            toObjectTypeId: change.association.toObjectTypeId,
            fromObjectId: Number(change.objectId),
            toObjectId: Number(change.association.toObjectId),
            associationRemoved: change.association.removed,
            isPrimaryAssociation: [1, 2, 5, 6].includes(change.association.associationTypeId),
          },
        },
      ];
    }
    return [
      {
        subscriptionId: base.subscriptionId,
        body: {
          ...base,
          objectId: Number(change.objectId),
          ...(format === 'generic' ? { objectTypeId: change.objectTypeId } : {}),
          ...(CHANGE_FLAGS[change.kind] ? { changeFlag: CHANGE_FLAGS[change.kind] } : {}),
          ...(change.kind === 'propertyChange'
            ? { propertyName: change.propertyName, propertyValue: change.propertyValue }
            : {}),
        },
      },
    ];
  });
};
