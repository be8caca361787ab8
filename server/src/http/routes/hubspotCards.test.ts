import request from 'supertest';
import { dealCardPayloadSchema } from '../../../../hubspot-app/src/app/cards/types/dealCard';
import { reviewCardPayloadSchema } from '../../../../hubspot-app/src/app/cards/types/reviewCard';
import { companyCardPayloadSchema } from '../../../../hubspot-app/src/app/cards/types/companyCard';
import { settingsPayloadSchema } from '../../../../hubspot-app/src/app/cards/types/settings';
import { signCardRequest, type CardSigner, type CardUser } from '../../crm/hubspot/signCardRequest.js';
import { sandboxFixtureSchema, type SandboxFixture } from '../../sandbox/sandboxFixture.js';
import { startTestApp, type TestApp } from '../../testing/testApp.js';

type Scenario = { registrationId: string; conflictedUserId: string; neutralUserId: string };

// Opening and seeding a database on a busy machine takes a while; the tests assert behaviour, not speed.
jest.setTimeout(60_000);

describe('HubSpot card endpoints (signed requests against the sandbox)', () => {
  let app: TestApp;
  let fixture: SandboxFixture;
  let signer: CardSigner;
  let scenario: Scenario;

  const userOf = (id: string): CardUser => {
    const user = fixture.users.find((u) => u.id === id)!;
    return { hubspotUserId: user.hubspotUserId, email: user.email };
  };
  const signed = (
    as: string,
    method: 'GET' | 'POST',
    path: string,
    body?: unknown,
    options: { signer?: CardSigner; timestamp?: number } = {},
  ) => {
    const req = signCardRequest(options.signer ?? signer, userOf(as), {
      method,
      path,
      body,
      timestamp: options.timestamp ?? app.ctx.now().getTime(),
    });
    const call =
      method === 'GET' ? request(app.url).get(req.pathAndQuery) : request(app.url).post(req.pathAndQuery);
    for (const [name, value] of Object.entries(req.headers)) call.set(name, value);
    return method === 'POST' ? call.send(req.body) : call;
  };

  beforeAll(async () => {
    app = await startTestApp();
    fixture = sandboxFixtureSchema.parse((await request(app.url).get('/sandbox/fixture').expect(200)).body);
    signer = { publicUrl: app.ctx.config.publicUrl, ...fixture.hubspot! };
    scenario = (fixture.scenarios as { conflictedApproval: Scenario }).conflictedApproval;
  }, 120_000);
  afterAll(async () => {
    await app?.close();
  });

  it('When the sandbox fixture is read, then it hands out the HubSpot app and each user’s HubSpot id', () => {
    expect(fixture.hubspot).toEqual({
      portalId: '990001',
      appId: expect.any(String),
      clientSecret: expect.any(String),
    });
    expect(fixture.hubspot!.clientSecret.length).toBeGreaterThan(20);
    for (const user of fixture.users) expect(user.hubspotUserId).toBe(user.crmUserId);
  });

  it('When a deal card is requested with a correct signature, then the payload follows the card contract', async () => {
    const deal = fixture.deals.find((d) => d.stageCategory === 'open')!;
    const res = await signed('u-s-1', 'GET', `/hubspot/cards/deals/${deal.crmId}`).expect(200);
    const card = dealCardPayloadSchema.parse(res.body);
    expect(card.deal).toMatchObject({ id: deal.id, crmId: deal.crmId, name: deal.name });
    expect(card.viewer).toMatchObject({ userId: 'u-s-1', canAdjudicate: false });
    expect(JSON.stringify(res.body).length).toBeLessThan(1_000_000);
  });

  describe('conflicts, said once', () => {
    const conflicted = () => {
      const registration = fixture.registrations.find((r) => r.id === scenario.registrationId)!;
      const openDeals = fixture.deals.filter(
        (d) => d.accountId === registration.accountId && d.stageCategory === 'open',
      );
      return { registration, accountId: registration.accountId!, openDeals };
    };
    type Group = ReturnType<typeof dealCardPayloadSchema.parse>['conflicts'][number];
    const partiesOf = (groups: Group[]) => groups.map((g) => `${g.party.kind}:${g.party.id}`);
    const recordsOf = (groups: Group[]) => groups.flatMap((g) => g.records.map((r) => `${r.type}:${r.id}`));
    const expectSaidOnce = (groups: Group[]) => {
      expect(new Set(partiesOf(groups)).size).toBe(groups.length);
      expect(new Set(recordsOf(groups)).size).toBe(recordsOf(groups).length);
      for (const g of groups) expect(new Set(g.details).size).toBe(g.details.length);
    };

    it('When a seller opens each open deal of the conflicted account, then the deal itself is never a conflict and its seller is one block listing the other deals and the account', async () => {
      const { accountId, openDeals } = conflicted();
      expect(openDeals.length).toBeGreaterThan(1);
      for (const deal of openDeals) {
        const res = await signed(
          scenario.conflictedUserId,
          'GET',
          `/hubspot/cards/deals/${deal.crmId}`,
        ).expect(200);
        const card = dealCardPayloadSchema.parse(res.body);
        expect(card.registrations.map((r) => r.id)).toContain(scenario.registrationId);
        expect(recordsOf(card.conflicts)).not.toContain(`deal:${deal.id}`);
        expectSaidOnce(card.conflicts);
        const seller = card.conflicts.filter((g) => g.party.id === scenario.conflictedUserId);
        expect(seller).toHaveLength(1);
        expect(recordsOf(seller).sort()).toEqual(
          [
            ...openDeals.filter((d) => d.id !== deal.id).map((d) => `deal:${d.id}`),
            `company:${accountId}`,
          ].sort(),
        );
        for (const registration of card.registrations) {
          const matched = registration.matches.map((m) => `${m.type}:${m.id}`);
          expect(new Set(matched).size).toBe(matched.length);
        }
      }
    });

    it('When a reviewer opens the company, then each competing party is one block, the company is never one of its records, and each match is one line', async () => {
      const { accountId, openDeals } = conflicted();
      const res = await signed(
        scenario.neutralUserId,
        'GET',
        `/hubspot/cards/companies/${accountId}/registrations`,
      ).expect(200);
      const card = reviewCardPayloadSchema.parse(res.body);
      const pending = card.registrations.find((r) => r.id === scenario.registrationId)!;
      expect(pending.conflicts.filter((g) => g.party.id === scenario.conflictedUserId)).toHaveLength(1);
      expect(recordsOf(pending.conflicts)).toEqual(
        expect.arrayContaining(openDeals.map((d) => `deal:${d.id}`)),
      );
      for (const registration of card.registrations) {
        expect(recordsOf(registration.conflicts)).not.toContain(`company:${accountId}`);
        expectSaidOnce(registration.conflicts);
        const linked = registration.matches.filter((m) =>
          m.reasons.some((r) => r.startsWith('registration is linked to account')),
        );
        expect(linked.length).toBeLessThanOrEqual(1);
        const matched = registration.matches.map((m) => `${m.type}:${m.id}`);
        expect(new Set(matched).size).toBe(matched.length);
      }
      // The verdict's parts are all there: the decision, the rules and the review clock.
      expect(pending.policy.outcome).toBe('review');
      expect(pending.firedRules.length).toBeGreaterThan(0);
      expect(pending.clock?.endsAt).toEqual(expect.any(String));
    });

    it('When the company card is opened, then each competing party is one block across the claims, and the company itself is never one', async () => {
      const { accountId } = conflicted();
      const res = await signed('u-pm-1', 'GET', `/hubspot/cards/companies/${accountId}`).expect(200);
      const card = companyCardPayloadSchema.parse(res.body);
      expect(card.conflicts.length).toBeGreaterThan(0);
      expect(recordsOf(card.conflicts)).not.toContain(`company:${accountId}`);
      expectSaidOnce(card.conflicts);
      for (const g of card.conflicts) expect(g.against.length).toBeGreaterThan(0);
    });
  });

  it('When the request is unsigned, then it gets 401', async () => {
    const deal = fixture.deals[0]!;
    const res = await request(app.url)
      .get(`/hubspot/cards/deals/${deal.crmId}?portalId=990001&userId=7100001`)
      .expect(401);
    expect(res.body.error.code).toBe('CARDS.SIGNATURE_MISSING');
  });

  it('When the signature was made with another secret, then it gets 401', async () => {
    const deal = fixture.deals[0]!;
    const res = await signed('u-s-1', 'GET', `/hubspot/cards/deals/${deal.crmId}`, undefined, {
      signer: { ...signer, clientSecret: 'not-the-secret' },
    }).expect(401);
    expect(res.body.error.code).toBe('CARDS.SIGNATURE_INVALID');
  });

  it('When the signed timestamp is more than five minutes old, then it gets 401', async () => {
    const deal = fixture.deals[0]!;
    const res = await signed('u-s-1', 'GET', `/hubspot/cards/deals/${deal.crmId}`, undefined, {
      timestamp: app.ctx.now().getTime() - 6 * 60_000,
    }).expect(401);
    expect(res.body.error.code).toBe('CARDS.SIGNATURE_STALE');
  });

  it('When the signed URL is altered (another user id), then it gets 401', async () => {
    const deal = fixture.deals[0]!;
    const req = signCardRequest(signer, userOf('u-s-1'), {
      method: 'GET',
      path: `/hubspot/cards/deals/${deal.crmId}`,
      timestamp: app.ctx.now().getTime(),
    });
    const forged = req.pathAndQuery.replace(
      `userId=${userOf('u-s-1').hubspotUserId}`,
      `userId=${userOf('u-admin').hubspotUserId}`,
    );
    const call = request(app.url).get(forged);
    for (const [name, value] of Object.entries(req.headers)) call.set(name, value);
    expect((await call.expect(401)).body.error.code).toBe('CARDS.SIGNATURE_INVALID');
  });

  describe('across portals', () => {
    const OTHER_PORTAL = '770077';
    beforeAll(async () => {
      await app.ctx.store.tenants.upsert({
        id: 'hubspot-770077',
        name: 'Other portal',
        crm: 'hubspot',
        externalId: OTHER_PORTAL,
        status: 'active',
        sandbox: false,
      });
      await app.ctx.store.forTenant('hubspot-770077').deals.upsert({
        id: 'other-deal',
        crmId: '880088',
        name: 'Someone else’s deal',
        accountId: null,
        stage: 'qualification',
        stageCategory: 'open',
        amountMinor: 100,
        currency: 'USD',
        closeDate: null,
        ownerId: null,
        splits: [],
        createdAt: '2026-10-01T00:00:00.000Z',
      });
    });

    it('When a deal id from another portal is asked for, then it gets 404', async () => {
      const res = await signed('u-s-1', 'GET', '/hubspot/cards/deals/880088').expect(404);
      expect(res.body.error.code).toBe('REQUEST.NOT_FOUND');
      await signed('u-s-1', 'GET', '/hubspot/cards/deals/other-deal').expect(404);
    });

    it('When another portal asks for a sandbox deal, then it gets 404', async () => {
      const deal = fixture.deals[0]!;
      await signed('u-s-1', 'GET', `/hubspot/cards/deals/${deal.crmId}`, undefined, {
        signer: { ...signer, portalId: OTHER_PORTAL },
      }).expect(404);
    });

    it('When another portal tries to decide a sandbox registration, then it gets 404', async () => {
      await signed(
        'u-pm-1',
        'POST',
        `/hubspot/cards/registrations/${scenario.registrationId}/decision`,
        { outcome: 'approve', reason: 'x' },
        {
          signer: { ...signer, portalId: OTHER_PORTAL },
        },
      ).expect(404);
    });

    it('When the portal is not installed at all, then it gets 404 CARDS.PORTAL_UNKNOWN', async () => {
      const deal = fixture.deals[0]!;
      const res = await signed('u-s-1', 'GET', `/hubspot/cards/deals/${deal.crmId}`, undefined, {
        signer: { ...signer, portalId: '123' },
      }).expect(404);
      expect(res.body.error.code).toBe('CARDS.PORTAL_UNKNOWN');
    });
  });

  it('When the conflicted user opens the review card, then they read why they cannot decide and who can', async () => {
    const registration = fixture.registrations.find((r) => r.id === scenario.registrationId)!;
    const company = registration.accountId!;
    const res = await signed(
      scenario.conflictedUserId,
      'GET',
      `/hubspot/cards/companies/${company}/registrations`,
    ).expect(200);
    const card = reviewCardPayloadSchema.parse(res.body);
    const pending = card.registrations.find((r) => r.id === scenario.registrationId)!;
    expect(pending.mode).toBe('decide');
    expect(pending.neutrality.canDecide).toBe(false);
    expect(pending.conflicts.length).toBeGreaterThan(0);
  });

  it('When the conflicted user decides from the card, then it gets 403 GOVERNANCE.NOT_NEUTRAL', async () => {
    const res = await signed(
      scenario.conflictedUserId,
      'POST',
      `/hubspot/cards/registrations/${scenario.registrationId}/decision`,
      {
        outcome: 'approve',
        reason: 'Looks good to me',
      },
    ).expect(403);
    expect(res.body.error.code).toBe('GOVERNANCE.NOT_NEUTRAL');
  });

  it('When the neutral user approves from the card, then it succeeds and the audit log records it', async () => {
    const before = await request(app.url).get('/sandbox/fixture').expect(200);
    expect(
      before.body.registrations.find((r: { id: string }) => r.id === scenario.registrationId).status,
    ).not.toBe('approved');
    const res = await signed(
      scenario.neutralUserId,
      'POST',
      `/hubspot/cards/registrations/${scenario.registrationId}/decision`,
      {
        outcome: 'approve',
        reason: 'The partner brought the customer; direct seller agrees to co-sell',
      },
    ).expect(200);
    expect(res.body).toMatchObject({
      registrationId: scenario.registrationId,
      status: 'approved',
      override: false,
    });
    const { rows } = await app.ctx.store.db.query<{ type: string; actor: string; subject: string }>(
      `SELECT type, actor, subject FROM audit_log WHERE tenant_id = $1 AND subject = $2 ORDER BY seq`,
      ['sandbox', `registration:${scenario.registrationId}`],
    );
    expect(rows.at(-1)).toMatchObject({ type: 'registration.decided', actor: scenario.neutralUserId });
  });

  it('When a seller opens settings, then it gets 403 CARDS.ADMIN_ONLY; an admin gets the settings', async () => {
    expect((await signed('u-s-1', 'GET', '/hubspot/cards/settings').expect(403)).body.error.code).toBe(
      'CARDS.ADMIN_ONLY',
    );
    const res = await signed('u-admin', 'GET', '/hubspot/cards/settings').expect(200);
    const settings = settingsPayloadSchema.parse(res.body);
    expect(settings.policy.current.version).toBeGreaterThanOrEqual(1);
    expect(settings.fieldMapping.some((m) => m.object === 'deals' && m.property === 'dealname')).toBe(true);
  });

  it('When an admin publishes without simulating that exact text, then it is refused; after simulating it is published', async () => {
    const settings = settingsPayloadSchema.parse(
      (await signed('u-admin', 'GET', '/hubspot/cards/settings').expect(200)).body,
    );
    const source = settings.policy.current.source.replace(/^name: .*$/m, 'name: Card-published policy');
    const blind = await signed('u-admin', 'POST', '/hubspot/cards/settings/policy', {
      source,
      simulationId: 'guess',
    }).expect(409);
    expect(blind.body.error.code).toBe('POLICY.SIMULATION_REQUIRED');
    const simulation = await signed('u-admin', 'POST', '/hubspot/cards/settings/policy/simulate', {
      source,
    }).expect(200);
    expect(simulation.body.evaluated).toBeGreaterThan(0);
    const published = await signed('u-admin', 'POST', '/hubspot/cards/settings/policy', {
      source,
      simulationId: simulation.body.simulationId,
    }).expect(201);
    const diff = await signed(
      'u-admin',
      'GET',
      `/hubspot/cards/settings/policy/diff?from=${published.body.version - 1}&to=${published.body.version}`,
    ).expect(200);
    expect(diff.body.lines).toEqual(
      expect.arrayContaining([{ op: 'added', text: 'name: Card-published policy' }]),
    );
  });

  it('When a company card is requested, then the payload follows the card contract', async () => {
    const registration = fixture.registrations.find((r) => r.id === scenario.registrationId)!;
    const res = await signed('u-s-1', 'GET', `/hubspot/cards/companies/${registration.accountId}`).expect(
      200,
    );
    const card = companyCardPayloadSchema.parse(res.body);
    expect(card.registrations.some((r) => r.id === scenario.registrationId)).toBe(true);
  });

  describe('four eyes from the review card', () => {
    const duplicate = () => {
      const id = (fixture.scenarios as { registrations: { duplicate: string } }).registrations.duplicate;
      return fixture.registrations.find((r) => r.id === id)!;
    };
    const reviewOf = async (as: string) => {
      const res = await signed(
        as,
        'GET',
        `/hubspot/cards/companies/${duplicate().accountId}/registrations`,
      ).expect(200);
      return reviewCardPayloadSchema.parse(res.body).registrations.find((r) => r.id === duplicate().id)!;
    };
    const proposer = () => scenario.neutralUserId;
    const second = 'u-admin';

    it('When an old card still names a second approver, then the decision is refused with 400 and nothing changes', async () => {
      const res = await signed(
        proposer(),
        'POST',
        `/hubspot/cards/registrations/${duplicate().id}/decision`,
        {
          outcome: 'approve',
          reason: 'Customer asked for this partner by name',
          override: { secondApproverId: second },
        },
      ).expect(400);
      expect(res.body.error.code).toBe('REQUEST.INVALID');
      expect((await reviewOf(proposer())).status).toBe('rejected');
    });

    it('When a neutral user proposes overturning an automatic rejection, then it waits for a second person, who confirms it; the proposer cannot', async () => {
      expect(duplicate().status).toBe('rejected');
      const before = await reviewOf(proposer());
      expect(before).toMatchObject({
        mode: 'override',
        policy: { outcome: 'reject' },
        pendingOverride: null,
      });
      expect(before.neutrality.canDecide).toBe(true);
      expect(before).not.toHaveProperty('secondApprovers');

      const proposed = await signed(
        proposer(),
        'POST',
        `/hubspot/cards/registrations/${duplicate().id}/decision`,
        { outcome: 'approve', reason: 'Customer asked for this partner by name' },
      ).expect(200);
      expect(proposed.body).toMatchObject({ status: 'pending_second_approval', override: true });
      expect(proposed.body.message).toContain('must confirm it before it takes effect');

      // The proposer sees the proposal but may not confirm it, and the service agrees.
      const own = await reviewOf(proposer());
      expect(own.mode).toBe('confirm');
      expect(own.neutrality).toMatchObject({
        canDecide: false,
        reason: 'You proposed this override; a second, different person must confirm it.',
      });
      expect(own.neutrality.whoCan.map((p) => p.userId)).not.toContain(proposer());
      const same = await signed(
        proposer(),
        'POST',
        `/hubspot/cards/registrations/${duplicate().id}/override-confirmation`,
        { decision: 'confirm', reason: 'Confirming my own' },
      ).expect(403);
      expect(same.body.error.code).toBe('GOVERNANCE.SAME_APPROVER');

      const waiting = await reviewOf(second);
      expect(waiting).toMatchObject({
        status: 'pending_second_approval',
        mode: 'confirm',
        pendingOverride: {
          outcome: 'approve',
          proposedByName: fixture.users.find((u) => u.id === proposer())!.name,
          reason: 'Customer asked for this partner by name',
        },
        clock: { label: 'Second approval', overdue: false },
      });
      expect(waiting.clock?.endsAt).toBe(waiting.pendingOverride?.dueAt);
      expect(waiting.neutrality.canDecide).toBe(true);

      const confirmed = await signed(
        second,
        'POST',
        `/hubspot/cards/registrations/${duplicate().id}/override-confirmation`,
        { decision: 'confirm', reason: 'Checked with the customer myself' },
      ).expect(200);
      expect(confirmed.body).toMatchObject({
        registrationId: duplicate().id,
        status: 'approved',
        override: 'confirmed',
        protectedUntil: expect.any(String),
      });
      const { rows } = await app.ctx.store.db.query<{ type: string; actor: string }>(
        `SELECT type, actor FROM audit_log WHERE tenant_id = $1 AND subject = $2 ORDER BY seq`,
        ['sandbox', `registration:${duplicate().id}`],
      );
      expect(rows.slice(-2)).toEqual([
        { type: 'registration.override_proposed', actor: proposer() },
        { type: 'registration.overridden', actor: second },
      ]);
      // Decided by people now: the review card has nothing left to offer on it.
      expect(await reviewOf(second)).toBeUndefined();
    });
  });
});
