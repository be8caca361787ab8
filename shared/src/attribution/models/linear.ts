import type { AttributionModel } from './modelTypes.js';

export const linearModel: AttributionModel = {
  name: 'linear',
  title: 'linear',
  credit: (input) => ({
    touchWeights: input.touches.map(() => 1),
    labels: input.touches.map(() => 'equal share'),
  }),
};
