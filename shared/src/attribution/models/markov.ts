import type { AttributableDeal } from '../attributableDeal.js';
import { equalParticipantOutput, type AttributionModel } from './modelTypes.js';

/**
 * A first-order Markov chain over the participants, learned from the paths of closed deals:
 * start → participants in touch order → won | lost. Repeated consecutive touches by the same
 * participant collapse into one step, because staying with the same participant is not a hand-off.
 * A participant's removal effect is the share of the chain's win probability that disappears when
 * every path through it is cut (sent to "lost").
 */
export type MarkovChain = {
  participants: readonly string[];
  /** P(won) from start. */
  winProbability: number;
  removalEffects: ReadonlyMap<string, number>;
  pathsSeen: number;
};

export const dealPath = (deal: AttributableDeal): string[] => {
  const ordered = [...deal.touches].sort(
    (a, b) => a.occurredAtMs - b.occurredAtMs || a.id.localeCompare(b.id),
  );
  const path: string[] = [];
  for (const touch of ordered)
    if (path[path.length - 1] !== touch.participantId) path.push(touch.participantId);
  return path;
};

type Edges = { to: Int32Array; probability: Float64Array; won: number };

export const learnMarkovChain = (deals: readonly AttributableDeal[]): MarkovChain => {
  const index = new Map<string, number>();
  const counts: Map<number, number>[] = [];
  const wonCounts: number[] = [];
  const totals: number[] = [];
  const stateOf = (id: string): number => {
    let state = index.get(id);
    if (state === undefined) {
      state = index.size + 1; // 0 is start
      index.set(id, state);
    }
    return state;
  };
  const count = (from: number, to: number | 'won' | 'lost'): void => {
    totals[from] = (totals[from] ?? 0) + 1;
    if (to === 'won') wonCounts[from] = (wonCounts[from] ?? 0) + 1;
    else if (to !== 'lost') {
      const row = (counts[from] ??= new Map());
      row.set(to, (row.get(to) ?? 0) + 1);
    }
  };
  let pathsSeen = 0;
  for (const deal of deals) {
    if (deal.outcome === 'open' || deal.touches.length === 0) continue;
    pathsSeen += 1;
    let from = 0;
    for (const id of dealPath(deal)) {
      const to = stateOf(id);
      count(from, to);
      from = to;
    }
    count(from, deal.outcome);
  }
  const stateCount = index.size + 1;
  const edges: Edges[] = [];
  for (let state = 0; state < stateCount; state += 1) {
    const total = totals[state] ?? 0;
    const row = [...(counts[state] ?? new Map<number, number>())].sort((a, b) => a[0] - b[0]);
    edges.push({
      to: Int32Array.from(row.map(([to]) => to)),
      probability: Float64Array.from(row.map(([, n]) => (total ? n / total : 0))),
      won: total ? (wonCounts[state] ?? 0) / total : 0,
    });
  }
  const participants = [...index.keys()];
  const base = solveWinProbabilities(edges, -1, new Float64Array(stateCount));
  const winProbability = base[0] as number;
  const removalEffects = new Map<string, number>();
  for (const id of participants) {
    // Removing a state only lowers win probabilities, so the full chain's answer is a close start.
    const without = solveWinProbabilities(
      edges,
      index.get(id) as number,
      Float64Array.from(base),
    )[0] as number;
    removalEffects.set(id, winProbability > 0 ? Math.max(0, (winProbability - without) / winProbability) : 0);
  }
  return { participants, winProbability, removalEffects, pathsSeen };
};

/**
 * P(won) from every state, with `removed` turned into a dead end. Gauss–Seidel iteration on the
 * absorbing chain from the guess `p`: every state leaks probability to won/lost, so it converges
 * geometrically.
 */
const solveWinProbabilities = (edges: readonly Edges[], removed: number, p: Float64Array): Float64Array => {
  if (removed >= 0) p[removed] = 0;
  for (let iteration = 0; iteration < 100_000; iteration += 1) {
    let change = 0;
    for (let state = edges.length - 1; state >= 0; state -= 1) {
      if (state === removed) continue;
      const { to, probability, won } = edges[state] as Edges;
      let next = won;
      for (let k = 0; k < to.length; k += 1)
        next += (probability[k] as number) * (p[to[k] as number] as number);
      change = Math.max(change, Math.abs(next - (p[state] as number)));
      p[state] = next;
    }
    if (change < 1e-13) break;
  }
  return p;
};

export const markovModel = (chain: MarkovChain): AttributionModel => ({
  name: 'markov',
  title: 'Markov removal-effect',
  credit: (input) => {
    const effects = input.participants.map((id) => chain.removalEffects.get(id) ?? 0);
    if (effects.every((effect) => effect === 0)) {
      return equalParticipantOutput(
        input,
        'no historical path shows these participants affecting wins, so they share equally',
      );
    }
    return {
      touchWeights: input.touches.map(() => 1),
      labels: input.touches.map(() => ''),
      participantWeights: effects,
      participantReasons: effects.map(
        (effect) =>
          `removing it from ${chain.pathsSeen} historical deal paths would cut the win probability by ${Math.round(effect * 1000) / 10}%`,
      ),
    };
  },
});
