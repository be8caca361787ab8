import { jaro, jaroWinkler } from './jaroWinkler.js';

describe('jaroWinkler', () => {
  it('When the strings are the textbook pairs, then the scores equal the published values', () => {
    expect(jaro('martha', 'marhta')).toBeCloseTo(0.944, 3);
    expect(jaroWinkler('martha', 'marhta')).toBeCloseTo(0.961, 3);
    expect(jaroWinkler('dwayne', 'duane')).toBeCloseTo(0.84, 2);
    expect(jaroWinkler('dixon', 'dicksonx')).toBeCloseTo(0.813, 3);
  });

  it('When the strings share nothing or one is empty, then the similarity is 0', () => {
    expect(jaroWinkler('abc', 'xyz')).toBe(0);
    expect(jaroWinkler('', 'acme')).toBe(0);
  });

  it('When the strings are identical, then the similarity is 1', () => {
    expect(jaroWinkler('philips', 'philips')).toBe(1);
  });
});
