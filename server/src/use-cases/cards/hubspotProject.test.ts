import { readFileSync } from 'node:fs';
import path from 'node:path';
import { toChangeRecord } from '../../crm/hubspot/webhookEvents.js';
import { HUBSPOT_OPTIONAL_SCOPES, HUBSPOT_SCOPES } from '../installHubSpot.js';

const app = (file: string) =>
  JSON.parse(readFileSync(path.join(__dirname, '../../../../hubspot-app/src/app', file), 'utf8'));

describe('The HubSpot project files', () => {
  it('When the app asks for scopes, then they are exactly the ones the connector uses', () => {
    const { auth } = app('app-hsmeta.json').config;
    expect([...auth.requiredScopes].sort()).toEqual([...HUBSPOT_SCOPES].sort());
    expect([...auth.optionalScopes].sort()).toEqual([...HUBSPOT_OPTIONAL_SCOPES].sort());
  });

  it('When cards fetch, then the origin they call is the one permitted', () => {
    const origins: string[] = app('app-hsmeta.json').config.permittedUrls.fetch;
    const source = readFileSync(
      path.join(__dirname, '../../../../hubspot-app/src/app/cards/utils/fetchFromService.ts'),
      'utf8',
    );
    const origin = /SERVICE_ORIGIN = '([^']+)'/.exec(source)?.[1];
    expect(origins).toContain(origin);
    expect(Object.keys(app('local.json').proxy)).toEqual([origin]);
  });

  it('When webhooks are declared, then they go to the connector endpoint for the objects it maps', () => {
    const webhooks = app('webhooks/webhooks-hsmeta.json').config;
    expect(webhooks.settings.targetUrl).toMatch(/\/webhooks\/hubspot$/);
    expect(webhooks.settings.maxConcurrentRequests).toBeGreaterThan(5);
    const types = new Set(webhooks.subscriptions.crmObjects.map((s: { objectType: string }) => s.objectType));
    expect([...types].sort()).toEqual(['company', 'contact', 'deal']);
  });

  it('When webhook subscriptions are declared, then crmObjects holds only real object.* types and contact privacy deletion is the classic hub event', () => {
    const { subscriptions } = app('webhooks/webhooks-hsmeta.json').config;
    const generic = new Set([
      'object.creation',
      'object.deletion',
      'object.propertyChange',
      'object.merge',
      'object.restore',
      'object.associationChange',
    ]);
    const crmObjects = subscriptions.crmObjects as { subscriptionType: string; objectType: string }[];
    // There is no `object.privacyDeletion`: HubSpot would refuse the whole component.
    expect(crmObjects.filter((s) => !generic.has(s.subscriptionType))).toEqual([]);
    expect(subscriptions.hubEvents).toEqual([{ subscriptionType: 'contact.privacyDeletion', active: true }]);
    // What HubSpot then sends for it is a contact deletion to the webhook parser.
    const [privacy] = subscriptions.hubEvents as { subscriptionType: string }[];
    expect(
      toChangeRecord(
        {
          eventId: '1',
          portalId: '990001',
          occurredAt: 1_700_000_000_000,
          subscriptionType: privacy!.subscriptionType,
          objectId: '5',
        },
        undefined,
      ),
    ).toMatchObject({ objectKind: 'contacts', objectId: '5', change: 'deleted' });
  });
});
