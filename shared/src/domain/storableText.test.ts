import { isStorableText, unstorableTextPaths } from './storableText.js';

describe('text a database can store', () => {
  it('When text holds U+0000 or an unpaired surrogate, then it cannot be stored; paired surrogates can', () => {
    expect(isStorableText('Acme\u0000')).toBe(false);
    expect(isStorableText('broken \uD83D here')).toBe(false);
    expect(isStorableText('broken \uDE00 here')).toBe(false);
    expect(isStorableText('Acme 😀 Ltd')).toBe(true);
  });

  it('When a nested value holds bad text in values or keys, then each place is named by its path', () => {
    expect(
      unstorableTextPaths({ customer: { name: 'a\u0000b', tags: ['ok', '\uD800'] }, ['k\u0000']: 1 }),
    ).toEqual([
      { path: [], inKey: true },
      { path: ['customer', 'name'], inKey: false },
      { path: ['customer', 'tags', '1'], inKey: false },
    ]);
  });
});
