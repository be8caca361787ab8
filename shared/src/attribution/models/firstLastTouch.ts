import type { AttributionModel, ModelInput, ModelOutput } from './modelTypes.js';

/** Everything to one touch; with a single touch, first and last are the same touch. */
const singleTouch = (input: ModelInput, index: number, label: string): ModelOutput => ({
  touchWeights: input.touches.map((_, i) => (i === index ? 1 : 0)),
  labels: input.touches.map((_, i) => (i === index ? label : '')),
});

export const firstTouchModel: AttributionModel = {
  name: 'first_touch',
  title: 'first-touch',
  credit: (input) => singleTouch(input, 0, 'first touch'),
};

export const lastTouchModel: AttributionModel = {
  name: 'last_touch',
  title: 'last-touch',
  credit: (input) => singleTouch(input, input.touches.length - 1, 'last touch'),
};
