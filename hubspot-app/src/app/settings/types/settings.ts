import { z } from 'zod';
import { viewerSchema } from './common';

export const policyVersionSchema = z.object({
  version: z.number().int(),
  name: z.string(),
  publishedAt: z.string(),
  publishedBy: z.string(),
});

/** GET /hubspot/cards/settings (admins) */
export const settingsPayloadSchema = z.object({
  generatedAt: z.string(),
  viewer: viewerSchema,
  policy: z.object({
    current: policyVersionSchema.extend({ source: z.string(), ruleIds: z.array(z.string()) }),
    history: z.array(policyVersionSchema),
  }),
  fieldMapping: z.array(
    z.object({ object: z.string(), field: z.string(), property: z.string(), customised: z.boolean() }),
  ),
  attribution: z.object({
    version: z.number().int(),
    model: z.string(),
    modelLabel: z.string(),
    publishedAt: z.string().nullable(),
    renewal: z.string(),
    disputeWindowDays: z.number().nullable(),
  }),
});
export type SettingsPayload = z.infer<typeof settingsPayloadSchema>;

/** GET /hubspot/cards/settings/policy/diff?from=&to= */
export const policyDiffSchema = z.object({
  from: z.number().int(),
  to: z.number().int(),
  lines: z.array(z.object({ op: z.enum(['same', 'added', 'removed']), text: z.string() })),
  added: z.number().int(),
  removed: z.number().int(),
});
export type PolicyDiff = z.infer<typeof policyDiffSchema>;

/** POST /hubspot/cards/settings/policy/simulate {source} */
export const policySimulationSchema = z.object({
  policyName: z.string(),
  evaluated: z.number().int(),
  flipped: z.number().int(),
  protectionChanged: z.number().int(),
  approvalsGained: z.number().int(),
  approvalsLost: z.number().int(),
  reviewsAdded: z.number().int(),
  examples: z.array(z.string()),
  /** A token proving the admin saw this simulation; publishing must send it back. */
  simulationId: z.string(),
});
export type PolicySimulation = z.infer<typeof policySimulationSchema>;

/** POST /hubspot/cards/settings/policy {source, simulationId} */
export const publishPolicyResponseSchema = z.object({ version: z.number().int(), publishedAt: z.string() });
