import { resolveFieldMapping } from './fieldMapping.js';
import { propertiesToRead, toDealSignals, type HubSpotRecord } from './toDomain.js';

const deal = (properties: HubSpotRecord['properties']): HubSpotRecord => ({ id: '501', properties });

describe('what a HubSpot deal says beyond its fields', () => {
  const mapping = resolveFieldMapping({
    renewals: { pipelines: 'renewals', property: 'contract_kind', propertyValues: 'Renewal' },
    outcomes: { implementation: 'go_live_date', adoption: 'adopted' },
  });

  it('When the deal type is existingbusiness, then it is a renewal whatever the mapping', () => {
    expect(toDealSignals(deal({ dealtype: 'existingbusiness' }), resolveFieldMapping({})).renewal).toEqual({
      recognisedBy: 'deal_type',
      evidence: 'deal type existingbusiness',
    });
    expect(toDealSignals(deal({ dealtype: 'newbusiness' }), resolveFieldMapping({})).renewal).toBeNull();
  });

  it('When the deal is in a mapped renewal pipeline, or its mapped property holds a renewal value, then it is a renewal and says how', () => {
    expect(toDealSignals(deal({ dealtype: 'newbusiness', pipeline: 'renewals' }), mapping).renewal).toEqual({
      recognisedBy: 'pipeline',
      evidence: 'pipeline renewals',
    });
    expect(toDealSignals(deal({ pipeline: 'default', contract_kind: 'renewal' }), mapping).renewal).toEqual({
      recognisedBy: 'property',
      evidence: 'contract_kind = renewal',
    });
    expect(toDealSignals(deal({ pipeline: 'default', contract_kind: 'New' }), mapping).renewal).toBeNull();
  });

  it('When a mapped outcome property is set, then the outcome is read with its date; an unticked or empty one is not', () => {
    expect(toDealSignals(deal({ go_live_date: '2026-05-15', adopted: 'false' }), mapping).outcomes).toEqual([
      {
        kind: 'implementation',
        occurredAt: '2026-05-15T00:00:00.000Z',
        evidence: 'go_live_date = 2026-05-15',
      },
    ]);
    expect(toDealSignals(deal({ go_live_date: '', adopted: 'true' }), mapping).outcomes).toEqual([
      { kind: 'adoption', occurredAt: null, evidence: 'adopted = true' },
    ]);
  });

  it('When deals are read, then the deal type and the mapped renewal and outcome properties are asked for', () => {
    expect(propertiesToRead(mapping, 'deals')).toEqual(
      expect.arrayContaining(['dealtype', 'pipeline', 'contract_kind', 'go_live_date', 'adopted']),
    );
    expect(propertiesToRead(mapping, 'companies')).not.toContain('go_live_date');
  });
});
