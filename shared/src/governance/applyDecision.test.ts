import { buildRegistration } from '../testing/index.js';
import { applyDecision, extensionRefusal, type DecisionTerms } from './applyDecision.js';

const terms: DecisionTerms = {
  protectionDays: 90,
  reviewHours: 48,
  extensionDays: 30,
  reminderDaysBeforeExpiry: [14, 3],
};
const now = new Date('2026-11-02T09:00:00.000Z');

describe('applyDecision', () => {
  it('When the rules approve at submission, then the window opens for the rule’s days with reminders before its end', () => {
    const applied = applyDecision(buildRegistration(), { kind: 'policy', outcome: 'approve' }, terms, now);
    expect(applied).toEqual({
      event: 'approve',
      status: 'approved',
      decidedAt: now.toISOString(),
      protectedUntil: '2027-01-31T09:00:00.000Z',
      reviewDueAt: null,
      reminders: [
        { daysBefore: 14, at: '2027-01-17T09:00:00.000Z' },
        { daysBefore: 3, at: '2027-01-28T09:00:00.000Z' },
      ],
    });
  });

  it('When the rules send a claim to review, then it is in review with a due time and no window', () => {
    const applied = applyDecision(buildRegistration(), { kind: 'policy', outcome: 'review' }, terms, now);
    expect(applied).toMatchObject({
      status: 'in_review',
      decidedAt: null,
      protectedUntil: null,
      reviewDueAt: '2026-11-04T09:00:00.000Z',
      reminders: [],
    });
  });

  it('When a reviewer rejects, then it is decided now and holds no window', () => {
    const applied = applyDecision(
      buildRegistration({ status: 'in_review' }),
      { kind: 'human', outcome: 'reject' },
      terms,
      now,
    );
    expect(applied).toMatchObject({ status: 'rejected', decidedAt: now.toISOString(), protectedUntil: null });
  });

  it('When a reviewer asks for information, then nothing is decided yet', () => {
    const applied = applyDecision(
      buildRegistration({ status: 'in_review' }),
      { kind: 'human', outcome: 'request_info' },
      terms,
      now,
    );
    expect(applied).toMatchObject({ status: 'info_requested', decidedAt: null, protectedUntil: null });
  });

  it('When an override of an automatic approval is proposed, then nothing moves until a second person confirms', () => {
    const approved = buildRegistration({
      status: 'approved',
      decidedAt: '2026-10-01T00:00:00.000Z',
      protectedUntil: '2026-12-30T00:00:00.000Z',
    });
    const proposed = applyDecision(approved, { kind: 'override_proposal' }, terms, now);
    expect(proposed).toMatchObject({
      status: 'pending_second_approval',
      decidedAt: '2026-10-01T00:00:00.000Z',
      protectedUntil: '2026-12-30T00:00:00.000Z',
      reminders: [],
    });
    const pending = { ...approved, status: proposed.status };
    expect(applyDecision(pending, { kind: 'override', outcome: 'reject' }, terms, now)).toMatchObject({
      status: 'rejected',
      protectedUntil: null,
    });
    expect(applyDecision(pending, { kind: 'override_lapse', restore: 'approved' }, terms, now)).toMatchObject(
      {
        status: 'approved',
        decidedAt: '2026-10-01T00:00:00.000Z',
        protectedUntil: '2026-12-30T00:00:00.000Z',
      },
    );
  });

  it('When an override of an automatic rejection is confirmed, then a protection window opens', () => {
    const pending = buildRegistration({
      status: 'pending_second_approval',
      decidedAt: '2026-10-01T00:00:00.000Z',
    });
    expect(applyDecision(pending, { kind: 'override', outcome: 'approve' }, terms, now)).toMatchObject({
      status: 'approved',
      protectedUntil: '2027-01-31T09:00:00.000Z',
    });
  });

  it('When an override is proposed on a registration under review, then the lifecycle refuses it', () => {
    expect(() =>
      applyDecision(buildRegistration({ status: 'in_review' }), { kind: 'override_proposal' }, terms, now),
    ).toThrow(/cannot propose override/);
  });

  it('When a window is extended, then its end moves by the policy’s extension and only future reminders are set', () => {
    const registration = buildRegistration({
      status: 'approved',
      decidedAt: '2026-08-01T00:00:00.000Z',
      protectedUntil: '2026-11-10T00:00:00.000Z',
    });
    const applied = applyDecision(registration, { kind: 'extension' }, terms, now);
    expect(applied).toMatchObject({
      status: 'extended',
      decidedAt: '2026-08-01T00:00:00.000Z',
      protectedUntil: '2026-12-10T00:00:00.000Z',
      reminders: [
        { daysBefore: 14, at: '2026-11-26T00:00:00.000Z' },
        { daysBefore: 3, at: '2026-12-07T00:00:00.000Z' },
      ],
    });
  });

  it('When a window expires or a partner withdraws, then the status moves and the clocks do not', () => {
    const approved = buildRegistration({ status: 'approved', protectedUntil: '2026-11-01T00:00:00.000Z' });
    expect(applyDecision(approved, { kind: 'expiry' }, terms, now)).toMatchObject({
      status: 'expired',
      protectedUntil: '2026-11-01T00:00:00.000Z',
      reminders: [],
    });
    expect(applyDecision(buildRegistration(), { kind: 'withdrawal' }, terms, now)).toMatchObject({
      status: 'withdrawn',
    });
  });

  it('When a review escalates, then its status stays; a decided registration cannot escalate', () => {
    const inReview = buildRegistration({ status: 'in_review' });
    expect(applyDecision(inReview, { kind: 'escalation' }, terms, now)).toMatchObject({
      event: null,
      status: 'in_review',
    });
    expect(() =>
      applyDecision(buildRegistration({ status: 'approved' }), { kind: 'escalation' }, terms, now),
    ).toThrow(expect.objectContaining({ code: 'REGISTRATION.ILLEGAL_TRANSITION' }));
  });

  it('When the lifecycle has no such edge, then the decision is refused with the moves that are allowed', () => {
    expect(() =>
      applyDecision(
        buildRegistration({ status: 'withdrawn' }),
        { kind: 'human', outcome: 'approve' },
        terms,
        now,
      ),
    ).toThrow(expect.objectContaining({ code: 'REGISTRATION.ILLEGAL_TRANSITION' }));
    expect(() =>
      applyDecision(
        buildRegistration({ status: 'approved', protectedUntil: null }),
        { kind: 'extension' },
        terms,
        now,
      ),
    ).toThrow(expect.objectContaining({ code: 'REGISTRATION.EXTENSION_NOT_ALLOWED' }));
  });
});

describe('extensionRefusal', () => {
  const limits = { maxCount: 1, requestWithinDays: 30, used: 0 };

  it('When the window ends within the request period and extensions remain, then it may be extended', () => {
    expect(extensionRefusal('2026-11-20T00:00:00.000Z', limits, now)).toBeNull();
  });

  it('When it is too early, too often or there is no window, then the refusal says why', () => {
    expect(extensionRefusal('2027-03-01T00:00:00.000Z', limits, now)).toMatch(
      /can be requested from 2027-01-30/,
    );
    expect(extensionRefusal('2026-11-20T00:00:00.000Z', { ...limits, used: 1 }, now)).toMatch(
      /allow 1 extension\(s\) and 1 were used/,
    );
    expect(extensionRefusal(null, limits, now)).toMatch(/no protection window/);
  });
});
