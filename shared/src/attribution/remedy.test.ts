import { attributeDeal } from './attributeDeal.js';
import { createModel } from './createModel.js';
import { disputeRemedySchema, type SplitRemedy } from './dispute.js';
import { applySplitRemedy, reallocateAmount } from './remedy.js';
import { amountsOf, buildDeal, sharesOf, touch } from './__tests__/builders.js';

const names = (id: string) => ({ nw: 'Northwind', ct: 'Contoso', direct: 'Direct team' })[id] ?? id;
const split = (shares: SplitRemedy['shares']): SplitRemedy =>
  disputeRemedySchema.parse({ kind: 'split', shares }) as SplitRemedy;

// Northwind 60% (sourced, validated), Contoso 40% (last demo), position-based.
const current = attributeDeal(
  buildDeal({
    amountMinor: 1_000_001,
    touches: [touch('nw', 'sourced', 30), touch('nw', 'technical_validation', 14), touch('ct', 'demo', 2)],
  }),
  createModel({ name: 'position_based' }),
  { nameOf: names },
);

describe('applying an upheld split remedy', () => {
  it('When the remedy names every share, then the split is exactly that, explained with what it was', () => {
    const result = applySplitRemedy(
      current,
      split([
        { participantId: 'nw', percent: 50 },
        { participantId: 'ct', percent: 50 },
      ]),
      { disputeId: 'dsp-1', nameOf: names },
    );
    expect(sharesOf(result)).toEqual({ nw: 5000, ct: 5000 });
    expect(amountsOf(result)).toEqual({ nw: 500_001, ct: 500_000 });
    expect(result.splits.map((s) => s.explanation)).toEqual([
      'Northwind 50%: set by the upheld dispute dsp-1 (was 60%)',
      'Contoso 50%: set by the upheld dispute dsp-1 (was 40%)',
    ]);
    expect(result.adjustment).toEqual({
      kind: 'split',
      disputeId: 'dsp-1',
      shares: [
        { participantId: 'nw', shareBp: 5000 },
        { participantId: 'ct', shareBp: 5000 },
      ],
    });
  });

  it('When a partner names only its own share, then the others share what is left in proportion', () => {
    const result = applySplitRemedy(current, split([{ participantId: 'ct', percent: 55 }]), {
      disputeId: 'dsp-2',
      nameOf: names,
    });
    expect(sharesOf(result)).toEqual({ nw: 4500, ct: 5500 });
    expect(result.splits[0]?.explanation).toBe(
      'Northwind 45%: rescaled in proportion after the upheld dispute dsp-2 set the named shares (was 60%)',
    );
  });

  it('When the named shares leave something and nobody else is on the split, then the direct team keeps it', () => {
    const solo = attributeDeal(
      buildDeal({ touches: [touch('nw', 'demo', 3)] }),
      createModel({ name: 'linear' }),
    );
    const result = applySplitRemedy(solo, split([{ participantId: 'nw', percent: 30 }]), {
      disputeId: 'dsp-3',
      nameOf: names,
    });
    expect(sharesOf(result)).toEqual({ nw: 3000, direct: 7000 });
    expect(result.splits[1]?.explanation).toBe(
      'Direct team 70%: keeps what the upheld dispute dsp-3 left unassigned (was 0%)',
    );
  });

  it('When the deal’s amount changes after the remedy, then the shares stay and the money follows', () => {
    const result = applySplitRemedy(current, split([{ participantId: 'ct', percent: 50 }]), {
      disputeId: 'dsp-4',
    });
    const moved = reallocateAmount(result, 301);
    expect(sharesOf(moved)).toEqual(sharesOf(result));
    expect(amountsOf(moved)).toEqual({ nw: 151, ct: 150 });
  });
});
