import { sourcingKinds } from '../touchpoint.js';
import type { AttributionModel } from './modelTypes.js';

/**
 * The participants who sourced the deal share `sourcedPercent`; everyone else who touched it shares
 * the rest. When nobody else touched it, the sourcers take everything, and when nobody sourced it,
 * the influencers share it equally. Weights are integers: a sourcer weighs sourcedBp × |influencers|
 * and an influencer (10000 − sourcedBp) × |sourcers|, the same ratio without a fraction.
 */
export const sourcedInfluencedModel = (sourcedPercent = 70): AttributionModel => {
  const sourcedBp = Math.round(sourcedPercent * 100);
  return {
    name: 'sourced_influenced',
    title: `sourced/influenced (${sourcedBp / 100}% to sourcing)`,
    credit: ({ touches, participants, touchOwner }) => {
      const sources = participants.map(() => false);
      touches.forEach((touch, i) => {
        if (sourcingKinds.has(touch.kind)) sources[touchOwner[i] as number] = true;
      });
      const sourcerCount = sources.filter(Boolean).length;
      const influencerCount = participants.length - sourcerCount;
      const participantWeights = sources.map((sourced) => {
        if (sourcerCount === 0 || influencerCount === 0) return 1;
        return sourced ? sourcedBp * influencerCount : (10_000 - sourcedBp) * sourcerCount;
      });
      // A sourcer's share rests on its sourcing touches; an influencer's on all its touches.
      const touchWeights = touches.map((touch, i) =>
        !sources[touchOwner[i] as number] || sourcingKinds.has(touch.kind) ? 1 : 0,
      );
      return {
        touchWeights,
        labels: touches.map((_, i) =>
          sources[touchOwner[i] as number] ? (touchWeights[i] ? 'sourcing' : '') : 'influence',
        ),
        participantWeights,
      };
    },
  };
};
