import { CommonErrors } from '@entente/shared/errors';
import {
  disputePolicySchema,
  modelConfigSchema,
  partnerReportedPolicySchema,
  renewalPolicySchema,
  type DisputePolicy,
  type ModelConfig,
  type PartnerReportedPolicy,
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
  partnerReported: partnerReportedPolicySchema.optional().meta({
    description:
      'How much a partner’s own report of a touch counts until the CRM or an internal user confirms it: weight 0 waits for confirmation, 1 trusts it; 0.5 by default',
  }),
});

/**
 * An admin declares the attribution model (and renewal, dispute and partner-reported policy) as a
 * new version.
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
    const next: {
      model: ModelConfig;
      renewalPolicy: RenewalPolicy;
      disputePolicy: DisputePolicy;
      partnerReported: PartnerReportedPolicy;
    } = {
      model: parsed.data.model,
      renewalPolicy: parsed.data.renewalPolicy ?? current.renewalPolicy,
      disputePolicy: parsed.data.disputePolicy ?? current.disputePolicy,
      partnerReported: parsed.data.partnerReported ?? current.partnerReported,
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
