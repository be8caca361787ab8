import http from 'node:http';
import request from 'supertest';
import { startTestApp, type TestApp } from '../../testing/testApp.js';

type Fixture = {
  adminToken: string;
  scenarios: { conflictedApproval: { registrationId: string; neutralUserId: string } };
};

describe('two decisions on one registration at once', () => {
  let app: TestApp;
  let fixture: Fixture;
  beforeAll(async () => {
    http.globalAgent = new http.Agent({ keepAlive: false });
    app = await startTestApp();
    fixture = (await request(app.url).get('/sandbox/fixture')).body as Fixture;
  }, 60_000);
  afterAll(() => app.close());

  it('When two reviewers decide the same registration at the same moment, then exactly one wins and the other gets 409 with a code', async () => {
    const { registrationId, neutralUserId } = fixture.scenarios.conflictedApproval;
    const decide = (outcome: 'approve' | 'reject') =>
      request(app.url)
        .post(`/api/v1/registrations/${registrationId}/decisions`)
        .set({ Authorization: `Bearer ${fixture.adminToken}` })
        .send({ outcome, reason: `Decided: ${outcome}`, actingUserId: neutralUserId });

    const answers = await Promise.all([decide('approve'), decide('reject')]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
    const lost = answers.find((a) => a.status === 409)!;
    // Which code depends on when the loser read the registration: during the winner's decision,
    // or after it had committed. Either way it names the conflict, and nothing of it is stored.
    expect(['REGISTRATION.DECIDED_CONCURRENTLY', 'REGISTRATION.ILLEGAL_TRANSITION']).toContain(
      lost.body.error.code,
    );
    const won = answers.find((a) => a.status === 200)!;
    const store = app.ctx.store.forTenant('sandbox');
    expect((await store.registrations.get(registrationId))?.status).toBe(won.body.registration.status);
    const human = (await store.governance.decisions(registrationId)).filter((d) => d.kind === 'human');
    expect(human).toHaveLength(1);
  });
});
