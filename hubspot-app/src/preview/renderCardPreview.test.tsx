import {
  buildDealCard,
  buildPendingOverrideRegistration,
  buildReviewRegistration,
  buildReviewCard,
} from '../app/cards/testing/payloads';
import { renderCardPreview } from './renderCardPreview';

const answering =
  (byPath: Record<string, unknown>, calls: string[] = []) =>
  async (url: string) => {
    const path = url.replace('https://api.entente.example', '');
    calls.push(path);
    const body = byPath[path];
    return {
      ok: body !== undefined,
      status: body === undefined ? 404 : 200,
      json: async () => body ?? { error: { code: 'REQUEST.NOT_FOUND', message: 'Deal 1 was not found' } },
    };
  };

describe('Card preview text', () => {
  it('When a deal card is previewed, then the text shows partners, clocks, the split and sync health', async () => {
    const text = await renderCardPreview({
      card: 'deal',
      recordId: '9001',
      fetchImpl: answering({ '/hubspot/cards/deals/9001': buildDealCard() }),
    });
    expect(text).toContain('== Partners on this deal ==');
    expect(text).toContain('Tailspin Toys');
    expect(text).toContain('[Sourced]');
    expect(text).toContain('[Approved]');
    expect(text).toContain('Protected until 30 Dec 2026 (58 days left)');
    expect(text).toMatch(/Tailspin Toys \[#+-*\] 60/);
    expect(text).toContain(
      'Tailspin Toys | 60% | $72,000 | Sourced the deal (40%) and ran the co-sell meeting (20%).',
    );
    expect(text).toContain('[In sync]');
  });

  it('When the viewer has a stake, then the review preview says why they cannot decide and who can', async () => {
    const registration = buildReviewRegistration({
      neutrality: {
        canDecide: false,
        stakes: ['owns the competing deal Acme expansion'],
        reason:
          'You have a stake in the outcome (owns the competing deal Acme expansion); nobody decides a registration they are paid on.',
        assignedApprover: { userId: 'u-pm-1', name: 'Priya Patel', role: 'partner manager' },
        whoCan: [{ userId: 'u-pm-1', name: 'Priya Patel', role: 'partner manager' }],
      },
    });
    const text = await renderCardPreview({
      card: 'review',
      recordId: '9001',
      fetchImpl: answering({
        '/hubspot/cards/deals/9001/registrations': buildReviewCard({ registrations: [registration] }),
      }),
    });
    expect(text).toContain('[WARNING] You cannot decide this registration');
    expect(text).toContain('Priya Patel is assigned to decide it.');
    expect(text).not.toContain('< Approve >');
  });

  it('When an override waits for a second person, then the review preview shows the proposal, its clock and the confirm and decline buttons', async () => {
    const text = await renderCardPreview({
      card: 'review',
      recordId: '9001',
      fetchImpl: answering({
        '/hubspot/cards/deals/9001/registrations': buildReviewCard({
          registrations: [buildPendingOverrideRegistration()],
        }),
      }),
    });
    expect(text).toContain('[Override awaiting a second approver]');
    expect(text).toContain('[INFO] Priya Patel proposes to reject this registration');
    expect(text).toContain('Second approval due 4 Nov 2026, 08:00 UTC (47 hours left)');
    expect(text).toContain('< Confirm override: reject >');
    expect(text).toContain('< Decline >');
    expect(text).not.toContain('< Approve >');
  });

  it('When the record is unknown, then the preview shows the error state a seller would see', async () => {
    const text = await renderCardPreview({ card: 'deal', recordId: '1', fetchImpl: answering({}) });
    expect(text).toContain('(error) Partner details are unavailable');
    expect(text).toContain('Entente does not know this record yet');
  });
});
