import { z } from 'zod';

export const modelNameSchema = z.enum([
  'sourced_influenced',
  'first_touch',
  'last_touch',
  'linear',
  'time_decay',
  'position_based',
  'shapley',
  'markov',
]);
export type ModelName = z.infer<typeof modelNameSchema>;
export const modelNames: readonly ModelName[] = modelNameSchema.options;
export const ruleBasedModelNames: readonly ModelName[] = modelNames.filter(
  (n) => n !== 'shapley' && n !== 'markov',
);

const percent = z.number().min(0).max(100);
/** Percentages with at most two decimals, so they convert to basis points exactly. */
export const percentBpSchema = percent.refine(
  (value) => Math.abs(value * 100 - Math.round(value * 100)) < 1e-9,
  {
    message: 'at most two decimal places',
  },
);

/**
 * A declared attribution model with its parameters; this is the shape held in versioned attribution
 * policy and accepted by the CLI.
 */
export const modelConfigSchema = z.discriminatedUnion('name', [
  z.object({
    name: z.literal('sourced_influenced'),
    /** What the sourcing participants share when others influenced the deal too. */
    sourcedPercent: percentBpSchema.default(70),
  }),
  z.object({ name: z.literal('first_touch') }),
  z.object({ name: z.literal('last_touch') }),
  z.object({ name: z.literal('linear') }),
  z.object({ name: z.literal('time_decay'), halfLifeDays: z.number().positive().max(3650).default(7) }),
  z.object({
    name: z.literal('position_based'),
    /** First, middle, last, in percent; they must add up to 100. */
    weights: z
      .tuple([percentBpSchema, percentBpSchema, percentBpSchema])
      .default([40, 20, 40])
      .refine(([first, middle, last]) => Math.round((first + middle + last) * 100) === 10_000, {
        message: 'the first, middle and last weights must add up to 100',
      }),
  }),
  z.object({
    name: z.literal('shapley'),
    /** Exact up to this many participants on a deal; permutation sampling beyond. */
    exactUpTo: z.number().int().min(1).max(16).default(12),
    samples: z.number().int().min(1).max(100_000).default(2000),
  }),
  z.object({ name: z.literal('markov') }),
]);
export type ModelConfigInput = z.input<typeof modelConfigSchema>;
export type ModelConfig = z.output<typeof modelConfigSchema>;

export const parseModelConfig = (input: ModelConfigInput): ModelConfig => modelConfigSchema.parse(input);
