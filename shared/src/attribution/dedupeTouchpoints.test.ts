import { dedupeTouchpoints } from './dedupeTouchpoints.js';
import type { Touchpoint } from './touchpoint.js';

const buildTouchpoint = (overrides: Partial<Touchpoint>): Touchpoint => ({
  id: 'tp-1',
  dealId: 'D-1',
  participantId: 'nw',
  kind: 'demo',
  occurredAt: '2025-05-01T10:00:00Z',
  source: 'crm',
  evidence: {},
  ...overrides,
});

describe('touchpoint deduplication', () => {
  it('When the CRM and the partner report the same demo 20 minutes apart, then the CRM record is kept with both evidences', () => {
    const { kept, duplicates } = dedupeTouchpoints([
      buildTouchpoint({
        id: 'api',
        source: 'partner_reported',
        occurredAt: '2025-05-01T10:20:00Z',
        evidence: { note: 'demo deck v2' },
      }),
      buildTouchpoint({ id: 'crm', source: 'crm', evidence: { externalId: 'hs-meeting-9' } }),
    ]);
    expect(kept).toEqual([
      buildTouchpoint({ id: 'crm', evidence: { externalId: 'hs-meeting-9', note: 'demo deck v2' } }),
    ]);
    expect(duplicates).toEqual([
      expect.objectContaining({ keptId: 'crm', reason: 'same demo by nw within 60 minutes' }),
    ]);
  });

  it('When an internal user records the demo a partner reported, then the internal record is kept: the report is confirmed', () => {
    const { kept, duplicates } = dedupeTouchpoints([
      buildTouchpoint({ id: 'reported', source: 'partner_reported' }),
      buildTouchpoint({ id: 'confirmed', source: 'internal', occurredAt: '2025-05-01T10:30:00Z' }),
    ]);
    expect(kept.map((t) => [t.id, t.source])).toEqual([['confirmed', 'internal']]);
    expect(duplicates.map((d) => [d.duplicate.id, d.keptId])).toEqual([['reported', 'confirmed']]);
  });

  it('When two records share an evidence id, then they are one touch even if their times differ', () => {
    const { kept, duplicates } = dedupeTouchpoints([
      buildTouchpoint({ id: 'a', evidence: { externalId: 'x1' } }),
      buildTouchpoint({
        id: 'b',
        kind: 'co_sell_meeting',
        occurredAt: '2025-05-03T10:00:00Z',
        source: 'internal',
        evidence: { externalId: 'x1' },
      }),
    ]);
    expect(kept.map((t) => t.id)).toEqual(['a']);
    expect(duplicates[0]?.reason).toBe('same evidence record x1');
  });

  it('When the same partner runs two demos a day apart, then both are kept', () => {
    const { kept } = dedupeTouchpoints([
      buildTouchpoint({ id: 'a' }),
      buildTouchpoint({ id: 'b', occurredAt: '2025-05-02T10:00:00Z' }),
    ]);
    expect(kept.map((t) => t.id)).toEqual(['a', 'b']);
  });

  it('When different partners or deals have touches at the same time, then none is a duplicate', () => {
    const { kept } = dedupeTouchpoints([
      buildTouchpoint({ id: 'a' }),
      buildTouchpoint({ id: 'b', participantId: 'ct' }),
      buildTouchpoint({ id: 'c', dealId: 'D-2' }),
    ]);
    expect(kept).toHaveLength(3);
  });

  it('When deduplicating, then the input is not changed', () => {
    const input = [
      buildTouchpoint({ id: 'crm' }),
      buildTouchpoint({ id: 'api', source: 'partner_reported', evidence: { note: 'n' } }),
    ];
    dedupeTouchpoints(input);
    expect(input[0]?.evidence).toEqual({});
  });
});
