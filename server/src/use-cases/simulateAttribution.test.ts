import { startTestApp, type TestApp } from '../testing/testApp.js';
import { crmTouch, seedAttributionWorld } from '../testing/seedAttributionWorld.js';
import { recordTouchpoints } from './recordTouchpoints.js';
import { formatAttributionSimulation, simulateAttribution } from './simulateAttribution.js';

describe('simulating an attribution model change on history', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ seed: false });
    await seedAttributionWorld(app.ctx, 't-sim');
    await recordTouchpoints(app.ctx, 't-sim', [
      crmTouch({
        id: 's1',
        participantId: 'p-northwind',
        kind: 'sourced',
        occurredAt: '2026-08-02T10:00:00.000Z',
      }),
      crmTouch({
        id: 's2',
        participantId: 'p-contoso',
        kind: 'demo',
        occurredAt: '2026-10-28T10:00:00.000Z',
      }),
    ]);
  });
  afterAll(() => app.close());

  it('When first touch is compared with last touch, then the won deal’s credit moves from the sourcer to the closer in its quarter', async () => {
    const result = await simulateAttribution(app.ctx, 't-sim', {
      models: ['first_touch', 'last_touch'],
      by: 'quarter',
    });
    expect(result.dealsCompared).toBe(2);
    const row = (id: string) => result.rows.find((r) => r.participantId === id && r.period === '2026-Q4');
    expect(row('p-northwind')).toMatchObject({
      pipelineA: 1_000_001,
      pipelineB: 0,
      revenueDelta: -1_000_001,
    });
    expect(row('p-contoso')).toMatchObject({ pipelineA: 0, pipelineB: 1_000_001, revenueDelta: 1_000_001 });
    // The open deal has no touches: it stays with the direct team under both models.
    expect(row('direct')).toMatchObject({ pipelineA: 500_000, pipelineDelta: 0, revenueA: 0 });
    expect(result.revenueMoved).toBe(1_000_001);
    expect(result.rows.reduce((sum, r) => sum + r.pipelineDelta, 0)).toBe(0);
    const text = formatAttributionSimulation(result);
    expect(text).toContain('2026-Q4\tNorthwind\t10000.01\t0.00\t-10000.01');
  });

  it('When "current" is named, then the tenant’s published model is used', async () => {
    const result = await simulateAttribution(app.ctx, 't-sim', { models: ['current', 'linear'], by: 'all' });
    expect(result.modelA).toMatch(/position-based/);
    expect(result.rows.every((r) => r.period === 'all')).toBe(true);
  });

  it('When a model name is unknown, then ATTRIBUTION.INVALID_MODEL', async () => {
    await expect(
      simulateAttribution(app.ctx, 't-sim', { models: ['first_touch', 'magic'], by: 'quarter' }),
    ).rejects.toMatchObject({ code: 'ATTRIBUTION.INVALID_MODEL' });
  });
});
