import {
  applySplitRemedy,
  DIRECT_PARTICIPANT_ID,
  disputeRemedySchema,
  type DisputeRemedy,
  type DisputeRaiser,
} from '@entente/shared/attribution';
import type { Deal, Partner } from '@entente/shared/domain';
import { CommonErrors, DomainError } from '@entente/shared/errors';
import type { AttributionSettings } from '../../store/repositories/attribution/attributionSettings.js';
import type { StoredAttribution } from '../../store/repositories/attribution/dealAttributions.js';
import type { TenantStore } from '../../store/store.js';
import { participantNames } from './attributableDeals.js';
import { computeAttribution, type ComputedAttribution } from './computeAttribution.js';

/**
 * A remedy as a caller named it, checked against the tenant: a split may credit only the direct
 * team and the tenant's partners, and a partner may name only its own share (it cannot see, let
 * alone set, anyone else's).
 */
export const parseRemedy = (
  input: unknown,
  { raisedBy, partners }: { raisedBy: DisputeRaiser | null; partners: readonly Partner[] },
): DisputeRemedy | null => {
  if (input === undefined || input === null) return null;
  const parsed = disputeRemedySchema.safeParse(input);
  if (!parsed.success) throw CommonErrors.invalidInput('remedy', parsed.error.issues);
  const remedy = parsed.data;
  if (remedy.kind !== 'split') return remedy;
  const known = new Set([DIRECT_PARTICIPANT_ID, ...partners.map((p) => p.id)]);
  const unknown = remedy.shares.filter((share) => !known.has(share.participantId));
  if (unknown.length > 0)
    throw new DomainError(
      'DISPUTE.REMEDY_INVALID',
      `The remedy names participants that are neither the direct team nor a partner: ${unknown.map((s) => s.participantId).join(', ')}`,
    );
  if (raisedBy?.role === 'partner' && remedy.shares.some((s) => s.participantId !== raisedBy.id))
    throw CommonErrors.forbidden('A partner can name only its own share in a remedy');
  return remedy;
};

/**
 * What upholding the remedy makes of the deal's finalised credit: the split with the named shares,
 * or the deal attributed under the named model. Nothing is stored; the adjudication stores it, and
 * reviewers see it before they decide.
 */
export const remedied = async (
  tenant: TenantStore,
  input: {
    deal: Deal;
    finalised: StoredAttribution;
    settings: AttributionSettings;
    disputeId: string;
    remedy: DisputeRemedy;
    now: Date;
  },
): Promise<ComputedAttribution> => {
  const { deal, finalised, settings, disputeId, remedy, now } = input;
  if (remedy.kind === 'split')
    return applySplitRemedy(finalised.result, remedy, {
      disputeId,
      nameOf: await participantNames(tenant),
    });
  const result = await computeAttribution(tenant, deal, settings, now, { model: remedy.model });
  return { ...result, adjustment: { kind: 'model', disputeId, model: remedy.model } };
};
