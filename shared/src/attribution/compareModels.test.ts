import { compareModels, periodOf } from './compareModels.js';
import { createModel } from './createModel.js';
import { buildDeal, DAY_MS } from './__tests__/builders.js';

describe('comparing models', () => {
  const q2 = Date.parse('2025-05-15T00:00:00Z');
  const q3 = Date.parse('2025-08-15T00:00:00Z');
  const at = (id: string, participantId: string, kind: 'sourced' | 'demo', atMs: number) => ({
    id,
    participantId,
    kind,
    occurredAtMs: atMs,
  });
  const deals = [
    buildDeal({
      id: 'a',
      amountMinor: 100_00,
      closedAtMs: q2,
      outcome: 'won',
      touches: [at('a1', 'S', 'sourced', q2 - 30 * DAY_MS), at('a2', 'C', 'demo', q2 - DAY_MS)],
    }),
    buildDeal({
      id: 'b',
      amountMinor: 50_00,
      closedAtMs: q3,
      outcome: 'open',
      touches: [at('b1', 'S', 'sourced', q3 - 30 * DAY_MS), at('b2', 'C', 'demo', q3 - DAY_MS)],
    }),
  ];

  it('When first touch is compared with last touch by quarter, then credit moves from the sourcer to the closer per quarter', () => {
    const result = compareModels(
      deals,
      createModel({ name: 'first_touch' }),
      createModel({ name: 'last_touch' }),
      { by: 'quarter' },
    );
    expect(result.rows).toEqual([
      {
        participantId: 'C',
        period: '2025-Q2',
        pipelineA: 0,
        pipelineB: 100_00,
        pipelineDelta: 100_00,
        revenueA: 0,
        revenueB: 100_00,
        revenueDelta: 100_00,
      },
      {
        participantId: 'S',
        period: '2025-Q2',
        pipelineA: 100_00,
        pipelineB: 0,
        pipelineDelta: -100_00,
        revenueA: 100_00,
        revenueB: 0,
        revenueDelta: -100_00,
      },
      {
        participantId: 'C',
        period: '2025-Q3',
        pipelineA: 0,
        pipelineB: 50_00,
        pipelineDelta: 50_00,
        revenueA: 0,
        revenueB: 0,
        revenueDelta: 0,
      },
      {
        participantId: 'S',
        period: '2025-Q3',
        pipelineA: 50_00,
        pipelineB: 0,
        pipelineDelta: -50_00,
        revenueA: 0,
        revenueB: 0,
        revenueDelta: 0,
      },
    ]);
    expect(result.pipelineMoved).toBe(150_00);
    expect(result.revenueMoved).toBe(100_00);
  });

  it('When a model is compared with itself, then nothing moves', () => {
    const linear = createModel({ name: 'linear' });
    const result = compareModels(deals, linear, linear, { by: 'year' });
    expect(result.rows.every((row) => row.pipelineDelta === 0 && row.revenueDelta === 0)).toBe(true);
    expect(result.pipelineMoved).toBe(0);
  });

  it('When periods are named, then they are UTC calendar periods', () => {
    const at = Date.parse('2025-12-31T23:30:00Z');
    expect([
      periodOf(at, 'quarter'),
      periodOf(at, 'month'),
      periodOf(at, 'year'),
      periodOf(at, 'all'),
    ]).toEqual(['2025-Q4', '2025-12', '2025', 'all']);
  });
});
