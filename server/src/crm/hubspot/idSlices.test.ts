import { decodeSlice, inSlice, nextInSlice, planSlices } from './idSlices.js';
import { inlineAssociations } from './inlineAssociations.js';

describe('id slices for concurrent backfill reads', () => {
  it('When an id range is split, then every id belongs to exactly one slice and the ends stay open', () => {
    const slices = planSlices(1_000, 1_999, 4).map(decodeSlice);
    expect(slices).toHaveLength(4);
    expect(slices[0]?.from).toBeUndefined();
    expect(slices[3]?.to).toBeUndefined();
    for (const id of [0, 999, 1_000, 1_249, 1_250, 1_999, 5_000]) {
      expect(slices.filter((s) => inSlice(s, String(id)))).toHaveLength(1);
    }
  });

  it('When a page cursor reaches the next slice, then the slice ends without another request', () => {
    const [first] = planSlices(1, 400, 2).map(decodeSlice);
    if (!first) throw new Error('no slice');
    expect(nextInSlice(first, '150')).toBeDefined();
    expect(nextInSlice(first, String(first.to))).toBeUndefined();
    expect(nextInSlice(first, undefined)).toBeUndefined();
  });

  it('When fewer ids than ways exist, then there are no empty slices', () => {
    expect(planSlices(7, 8, 6)).toHaveLength(2);
  });
});

describe('associations read inline', () => {
  it('When a deal lists its company twice (primary and unlabeled), then the primary comes first once', () => {
    const read = inlineAssociations(
      {
        associations: {
          companies: {
            results: [
              { id: '9', type: 'deal_to_company_unlabeled' },
              { id: '4', type: 'deal_to_company_unlabeled' },
              { id: '4', type: 'deal_to_company' },
            ],
          },
        },
      },
      'companies',
    );
    expect(read).toEqual({ ids: ['4', '9'], truncated: false });
  });

  it('When HubSpot cut the list short, then it is marked truncated', () => {
    const read = inlineAssociations(
      {
        associations: {
          contacts: { results: [{ id: '1', type: 'deal_to_contact' }], paging: { next: { after: '2' } } },
        },
      },
      'contacts',
    );
    expect(read.truncated).toBe(true);
  });
});
