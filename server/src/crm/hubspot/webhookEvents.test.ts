import { parseHubSpotWebhookBatch, toChangeRecord, type HubSpotEvent } from './webhookEvents.js';

const APP_ID = '1990001';
const event = (overrides: Partial<HubSpotEvent>): HubSpotEvent => ({
  eventId: '1',
  portalId: '990001',
  occurredAt: 1_700_000_000_000,
  subscriptionType: 'deal.propertyChange',
  objectId: '42',
  ...overrides,
});

describe('HubSpot webhook events as change records', () => {
  it('When Entente’s own app changed an Entente property, then the record says Entente made it, with the field and value', () => {
    const record = toChangeRecord(
      event({
        changeSource: 'INTEGRATION',
        sourceId: APP_ID,
        propertyName: 'entente_registration_status',
        propertyValue: 'approved',
      }),
      APP_ID,
    );
    expect(record).toMatchObject({
      objectKind: 'deals',
      objectId: '42',
      change: 'updated',
      madeByEntente: true,
      ententeField: 'registrationStatus',
      value: 'approved',
    });
  });

  it('When a person or another integration changed a field, then it is not Entente’s echo', () => {
    expect(toChangeRecord(event({ changeSource: 'CRM_UI', propertyName: 'amount' }), APP_ID)).toMatchObject({
      madeByEntente: false,
      ententeField: null,
      value: null,
    });
    expect(
      toChangeRecord(
        event({ changeSource: 'INTEGRATION', sourceId: 'app:555', propertyName: 'amount' }),
        APP_ID,
      ),
    ).toMatchObject({ madeByEntente: false });
  });

  it('When companies merge, then the record is filed under the survivor and lists the records merged away', () => {
    const record = toChangeRecord(
      event({
        subscriptionType: 'company.merge',
        objectId: '7',
        primaryObjectId: '7',
        mergedObjectIds: ['8', '9'],
        newObjectId: '7',
      }),
      APP_ID,
    );
    expect(record).toMatchObject({
      objectKind: 'companies',
      objectId: '7',
      change: 'merged',
      mergedIds: ['8', '9'],
    });
  });

  it('When a contact is deleted for privacy or an association changes, then they map to a deletion and a change of the deal', () => {
    expect(
      toChangeRecord(event({ subscriptionType: 'contact.privacyDeletion', objectId: '5' }), APP_ID),
    ).toMatchObject({ objectKind: 'contacts', change: 'deleted' });
    expect(
      toChangeRecord(
        event({
          subscriptionType: 'object.associationChange',
          objectId: undefined,
          fromObjectTypeId: '0-1',
          toObjectTypeId: '0-3',
          fromObjectId: '5',
          toObjectId: '42',
        }),
        APP_ID,
      ),
    ).toMatchObject({ objectKind: 'deals', objectId: '42', change: 'associated' });
  });

  it('When a batch mixes portals and unknown kinds, then records are grouped by portal and the rest counted as ignored', () => {
    const batch = parseHubSpotWebhookBatch(
      [
        { ...event({ eventId: '1' }) },
        { ...event({ eventId: '2', portalId: '990002' }) },
        { ...event({ eventId: '3', subscriptionType: 'deal.somethingNew' }) },
      ],
      APP_ID,
    );
    expect(batch.received).toBe(3);
    expect(batch.ignored).toBe(1);
    expect([...batch.byAccount.keys()].sort()).toEqual(['990001', '990002']);
  });

  it('When the body is not a batch of events, then it is refused as WEBHOOK.MALFORMED naming the problem', () => {
    expect(() => parseHubSpotWebhookBatch({ not: 'a batch' }, APP_ID)).toThrow(
      expect.objectContaining({ code: 'WEBHOOK.MALFORMED' }),
    );
  });
});
