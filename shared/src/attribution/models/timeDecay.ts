import type { AttributionModel } from './modelTypes.js';

const DAY_MS = 86_400_000;

/**
 * Each touch's weight halves for every half-life it lies before the close. Weights are taken relative
 * to the most recent touch, so that touch weighs exactly 1 and whole half-lives give exact halves.
 * Touches at or after the reference time count as "at close".
 */
export const timeDecayModel = (halfLifeDays = 7): AttributionModel => {
  const halfLifeMs = halfLifeDays * DAY_MS;
  return {
    name: 'time_decay',
    title: `time-decay (half-life ${formatDays(halfLifeDays)})`,
    credit: ({ deal, touches }) => {
      const ages = touches.map((touch) => Math.max(0, deal.closedAtMs - touch.occurredAtMs));
      const youngest = Math.min(...ages);
      return {
        touchWeights: ages.map((age) => 2 ** (-(age - youngest) / halfLifeMs)),
        labels: ages.map((age) => (age === 0 ? 'at close' : `${formatDays(age / DAY_MS)} before close`)),
      };
    },
  };
};

// Labels repeat across deals (ages are shown to a tenth of a day), so each is built once.
const dayLabels = new Map<number, string>();
const formatDays = (days: number): string => {
  const tenths = Math.round(days * 10);
  let label = dayLabels.get(tenths);
  if (label === undefined) {
    label = `${tenths / 10} ${tenths === 10 ? 'day' : 'days'}`;
    if (dayLabels.size < 100_000) dayLabels.set(tenths, label);
  }
  return label;
};
