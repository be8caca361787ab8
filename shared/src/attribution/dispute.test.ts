import { DomainError } from '../errors/index.js';
import {
  disputePolicySchema,
  disputeRemedySchema,
  expireOverdueDisputes,
  openDispute,
  transitionDispute,
  type Dispute,
} from './dispute.js';

const open = (): Dispute =>
  openDispute(
    {
      id: 'dp-1',
      dealId: 'D-1',
      participantId: 'nw',
      raisedBy: { role: 'partner', id: 'nw-user' },
      reason: 'We ran the demo',
      openedAt: '2025-07-01T09:00:00.000Z',
    },
    disputePolicySchema.parse({ resolutionDays: 5 }),
  );

describe('dispute state machine', () => {
  it('When a dispute is opened, then its deadline comes from the policy', () => {
    expect(open()).toMatchObject({ state: 'open', deadline: '2025-07-06T09:00:00.000Z' });
  });

  it('When an adjudicator reviews and upholds it in time, then it is upheld with the reason in its history', () => {
    const reviewed = transitionDispute(
      open(),
      { type: 'start_review', adjudicatorId: 'desk-1' },
      '2025-07-02T09:00:00.000Z',
    );
    const upheld = transitionDispute(
      reviewed,
      {
        type: 'uphold',
        adjudicatorId: 'desk-1',
        reason: 'Demo logged in CRM',
        remedy: { kind: 'split', shares: [{ participantId: 'nw', percent: 50 }] },
      },
      '2025-07-03T09:00:00.000Z',
    );
    expect(upheld).toMatchObject({
      state: 'upheld',
      adjudicatorId: 'desk-1',
      outcomeReason: 'Demo logged in CRM',
      remedy: { kind: 'split', shares: [{ participantId: 'nw', percent: 50 }] },
    });
    expect(upheld.history.map((entry) => entry.state)).toEqual(['open', 'under_review', 'upheld']);
  });

  it('When a dispute that names no remedy is upheld without one, then it is refused: upholding must change the credit', () => {
    const reviewed = transitionDispute(
      open(),
      { type: 'start_review', adjudicatorId: 'desk-1' },
      '2025-07-02T09:00:00.000Z',
    );
    expect(() =>
      transitionDispute(
        reviewed,
        { type: 'uphold', adjudicatorId: 'desk-1', reason: 'agreed' },
        '2025-07-02T10:00:00.000Z',
      ),
    ).toThrow(expect.objectContaining({ code: 'DISPUTE.REMEDY_REQUIRED' }));
  });

  it('When the raiser named a remedy, then the adjudicator cannot swap it for another', () => {
    const named = openDispute({
      id: 'dp-2',
      dealId: 'D-1',
      participantId: 'nw',
      raisedBy: { role: 'partner', id: 'nw' },
      reason: 'Linear is fairer here',
      openedAt: '2025-07-01T09:00:00.000Z',
      remedy: { kind: 'model', model: { name: 'linear' } },
    });
    const reviewed = transitionDispute(
      named,
      { type: 'start_review', adjudicatorId: 'a' },
      '2025-07-02T09:00:00.000Z',
    );
    expect(() =>
      transitionDispute(
        reviewed,
        {
          type: 'uphold',
          adjudicatorId: 'a',
          reason: 'x',
          remedy: { kind: 'split', shares: [{ participantId: 'nw', percent: 10 }] },
        },
        '2025-07-02T10:00:00.000Z',
      ),
    ).toThrow(expect.objectContaining({ code: 'DISPUTE.REMEDY_ALREADY_NAMED' }));
    expect(
      transitionDispute(
        reviewed,
        { type: 'uphold', adjudicatorId: 'a', reason: 'agreed' },
        '2025-07-02T10:00:00.000Z',
      ).remedy,
    ).toEqual({ kind: 'model', model: { name: 'linear' } });
  });

  it('When a split remedy repeats a participant or adds up to more than 100, then it is not a valid remedy', () => {
    expect(
      disputeRemedySchema.safeParse({
        kind: 'split',
        shares: [
          { participantId: 'a', percent: 60 },
          { participantId: 'b', percent: 50 },
        ],
      }).success,
    ).toBe(false);
    expect(
      disputeRemedySchema.safeParse({
        kind: 'split',
        shares: [
          { participantId: 'a', percent: 10 },
          { participantId: 'a', percent: 10 },
        ],
      }).success,
    ).toBe(false);
    expect(
      disputeRemedySchema.safeParse({ kind: 'split', shares: [{ participantId: 'a', percent: 33.333 }] })
        .success,
    ).toBe(false);
  });

  it('When an open dispute is upheld without review, then it is refused as an illegal transition (409)', () => {
    const attempt = () =>
      transitionDispute(
        open(),
        { type: 'uphold', adjudicatorId: 'desk-1', reason: 'x' },
        '2025-07-02T09:00:00.000Z',
      );
    expect(attempt).toThrow(DomainError);
    expect(attempt).toThrow(expect.objectContaining({ code: 'DISPUTE.ILLEGAL_TRANSITION' }));
  });

  it('When a decided dispute is changed again, then it is refused', () => {
    const reviewed = transitionDispute(
      open(),
      { type: 'start_review', adjudicatorId: 'a' },
      '2025-07-02T09:00:00.000Z',
    );
    const rejected = transitionDispute(
      reviewed,
      { type: 'reject', adjudicatorId: 'a', reason: 'No evidence' },
      '2025-07-02T10:00:00.000Z',
    );
    expect(() => transitionDispute(rejected, { type: 'expire' }, '2025-08-01T00:00:00.000Z')).toThrow(
      expect.objectContaining({ code: 'DISPUTE.ILLEGAL_TRANSITION' }),
    );
  });

  it('When the deadline passes, then deciding is refused and the sweeper expires it', () => {
    const reviewed = transitionDispute(
      open(),
      { type: 'start_review', adjudicatorId: 'a' },
      '2025-07-02T09:00:00.000Z',
    );
    expect(() =>
      transitionDispute(
        reviewed,
        { type: 'uphold', adjudicatorId: 'a', reason: 'late' },
        '2025-07-06T09:00:00.000Z',
      ),
    ).toThrow(/deadline/);
    expect(() => transitionDispute(reviewed, { type: 'expire' }, '2025-07-05T09:00:00.000Z')).toThrow(
      /has not passed/,
    );
    const [expired] = expireOverdueDisputes([reviewed, open()], '2025-07-06T09:00:00.000Z');
    expect(expired).toMatchObject({
      state: 'expired',
      outcomeReason: 'the deadline passed without a decision',
    });
  });

  it('When a dispute has no reason, then it cannot be opened', () => {
    expect(() =>
      openDispute({
        id: 'x',
        dealId: 'D',
        participantId: 'p',
        raisedBy: { role: 'seller', id: 's' },
        reason: ' ',
        openedAt: '2025-07-01T00:00:00Z',
      }),
    ).toThrow(expect.objectContaining({ code: 'DISPUTE.REASON_REQUIRED' }));
  });
});
