import { CommonErrors } from '@entente/shared/errors';
import {
  disputePolicySchema,
  modelConfigSchema,
  renewalPolicySchema,
  type DisputePolicy,
  type ModelConfig,
  type RenewalPolicy,
} from '@entente/shared/attribution';
import { z } from 'zod';
import type { AppContext } from '../appContext.js';
import { auditAttribution } from './attribution/audit.js';
import type { AttributionSettings } from '../store/repositories/attribution/attributionSettings.js';
import { inAttributionTransaction } from './attribution/transaction.js';

export const attributionSettingsInputSchema = z.object({
  model: modelConfigSchema,
  renewalPolicy: renewalPolicySchema.optional(),
  disputePolicy: disputePolicySchema.optional(),
});

/**
 * An admin declares the attribution model (and renewal and dispute policy) as a new version.
 * Deals already finalised keep the version they were finalised under; the change is audited.
 * Try it on history first with `entente simulate --attribution`.
 */
export const publishAttributionSettings = async (
  ctx: AppContext,
  tenantId: string,
  actorUserId: string,
  input: unknown,
): Promise<AttributionSettings> => {
  const parsed = attributionSettingsInputSchema.safeParse(input);
  if (!parsed.success) throw CommonErrors.invalidInput('body', parsed.error.issues);
  const now = ctx.now();
  return inAttributionTransaction(ctx, tenantId, async (repos, tx) => {
    const current = await repos.settings.current();
    const next: { model: ModelConfig; renewalPolicy: RenewalPolicy; disputePolicy: DisputePolicy } = {
      model: parsed.data.model,
      renewalPolicy: parsed.data.renewalPolicy ?? current.renewalPolicy,
      disputePolicy: parsed.data.disputePolicy ?? current.disputePolicy,
    };
    const published = await repos.settings.publish({ ...next, publishedBy: actorUserId }, now);
    await auditAttribution(tx, {
      type: 'attribution.settings_published',
      actor: `user:${actorUserId}`,
      subject: `attribution_settings:${published.version}`,
      at: now,
      payload: { previousVersion: current.version, ...next },
    });
    return published;
  });
};
