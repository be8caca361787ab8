import { seededRandom } from '../../random/index.js';
import { attributeDeal } from '../attributeDeal.js';
import { createModel } from '../createModel.js';
import { buildDeal, sharesOf, touch } from '../__tests__/builders.js';
import { shapleyValues, type CoalitionValue } from './shapley.js';

const sum = (values: readonly number[]): number => values.reduce((a, b) => a + b, 0);

describe('Shapley values', () => {
  // Glove game: player 0 holds a left glove, players 1 and 2 a right one; a pair is worth 1.
  const gloves: CoalitionValue = (members) =>
    members.includes(0) && (members.includes(1) || members.includes(2)) ? 1 : 0;

  it('When the game is the glove game, then the values are the textbook 2/3, 1/6, 1/6', () => {
    const { values, method } = shapleyValues(3, gloves);
    expect(method).toBe('exact');
    expect(values[0]).toBeCloseTo(2 / 3, 12);
    expect(values[1]).toBeCloseTo(1 / 6, 12);
    expect(values[2]).toBeCloseTo(1 / 6, 12);
  });

  it('When two players are symmetric, then they get equal credit', () => {
    // Players 0 and 1 are interchangeable; player 2 adds 5 on its own.
    const game: CoalitionValue = (m) =>
      (m.includes(0) || m.includes(1) ? 10 : 0) +
      (m.includes(0) && m.includes(1) ? 4 : 0) +
      (m.includes(2) ? 5 : 0);
    const { values } = shapleyValues(3, game);
    expect(values[0]).toBeCloseTo(values[1] as number, 12);
    expect(values[0]).toBeCloseTo(7, 12);
    expect(values[2]).toBeCloseTo(5, 12);
  });

  it('When a player adds nothing to any coalition, then it gets nothing', () => {
    const game: CoalitionValue = (m) => (m.includes(0) ? 3 : 0) + (m.includes(1) ? 2 : 0);
    expect(shapleyValues(3, game).values[2]).toBe(0);
  });

  it('When values are computed exactly for twelve players, then they sum to the grand coalition worth', () => {
    const game: CoalitionValue = (m) => m.length ** 2 + (m.includes(3) ? 7 : 0);
    const { values, method } = shapleyValues(12, game);
    expect(method).toBe('exact');
    expect(sum(values)).toBeCloseTo(12 ** 2 + 7, 9);
  });

  it('When there are more players than the exact limit, then sampled values still sum to the whole and keep symmetry roughly', () => {
    const game: CoalitionValue = (m) => m.length ** 2;
    const { values, method } = shapleyValues(14, game, { random: seededRandom(7), samples: 2000 });
    expect(method).toBe('sampled');
    expect(sum(values)).toBeCloseTo(14 ** 2, 9);
    // Each marginal is 2k+1 for a uniform k in 0..13 (sd ≈ 8), so 2000 orders put each mean within ±1.
    for (const value of values) expect(Math.abs(value - 14)).toBeLessThan(1);
  });

  it('When sampling a game where a player adds nothing, then that player still gets exactly nothing', () => {
    const game: CoalitionValue = (m) => m.filter((player) => player !== 13).length * 3;
    const { values } = shapleyValues(14, game, { random: seededRandom(3), samples: 50 });
    expect(values[13]).toBe(0);
    expect(values[0]).toBe(3);
  });

  it('When sampling is needed and no Random is given, then it is refused rather than drawing its own', () => {
    expect(() => shapleyValues(14, () => 0)).toThrow(
      expect.objectContaining({ code: 'ATTRIBUTION.RANDOM_REQUIRED' }),
    );
  });
});

describe('Shapley attribution from history', () => {
  const won = (id: string, ...participants: string[]) =>
    buildDeal({ id, outcome: 'won', touches: participants.map((p, i) => touch(p, 'demo', 10 - i)) });

  it('When two partners have the same history, then they split a shared deal equally', () => {
    const history = [won('h1', 'A'), won('h2', 'B'), won('h3', 'A', 'B')];
    const model = createModel({ name: 'shapley' }, { history });
    const result = attributeDeal(
      buildDeal({ touches: [touch('A', 'demo', 5), touch('B', 'demo', 2)] }),
      model,
    );
    expect(sharesOf(result)).toEqual({ A: 5000, B: 5000 });
  });

  it('When a partner never made a difference to a win, then it gets nothing and the others the whole', () => {
    const history = [
      won('h1', 'A'),
      won('h2', 'A'),
      buildDeal({ id: 'h3', outcome: 'lost', touches: [touch('Z', 'demo', 3)] }),
    ];
    const model = createModel({ name: 'shapley' }, { history });
    const result = attributeDeal(
      buildDeal({ amountMinor: 999_99, touches: [touch('A', 'demo', 5), touch('Z', 'demo', 2)] }),
      model,
    );
    expect(sharesOf(result)).toEqual({ A: 10_000, Z: 0 });
    expect(result.splits.reduce((total, split) => total + split.amountMinor, 0)).toBe(999_99);
  });

  it('When no history involves the participants, then they share equally and the explanation says why', () => {
    const model = createModel({ name: 'shapley' }, { history: [] });
    const result = attributeDeal(
      buildDeal({ touches: [touch('A', 'demo', 5), touch('B', 'demo', 2)] }),
      model,
    );
    expect(sharesOf(result)).toEqual({ A: 5000, B: 5000 });
    expect(result.fallback).toMatch(/no historical win/);
  });

  it('When the model has no history, then it cannot be built', () => {
    expect(() => createModel({ name: 'shapley' })).toThrow(
      expect.objectContaining({ code: 'ATTRIBUTION.HISTORY_REQUIRED' }),
    );
  });
});
