import type { Registration } from '@entente/shared/domain';
import type { AttributionHistoryKind } from '../../store/repositories/attribution/history.js';
import type { TenantStore } from '../../store/store.js';
import { auditAttribution } from './audit.js';

/**
 * Appends a line to the deal's credit history, in the transaction of the change it tells. The
 * deal card shows these lines, so a partner's share that moved says why it moved.
 */
export const recordCreditHistory = (
  tx: TenantStore,
  entry: {
    dealId: string;
    at: Date;
    kind: AttributionHistoryKind;
    participantId: string | null;
    line: string;
    details?: Record<string, unknown>;
  },
): Promise<void> =>
  tx.attribution.history.append({
    dealId: entry.dealId,
    at: entry.at.toISOString(),
    kind: entry.kind,
    participantId: entry.participantId,
    line: entry.line,
    details: entry.details ?? {},
  });

export const day = (at: Date | string) => new Date(at).toISOString().slice(0, 10);

/** Why a registration no longer carries the sourcing credit for a deal, in a partner's words. */
export const whyCreditEnded = (registration: Registration | undefined, dealId: string): string => {
  if (!registration) return 'its registration was removed';
  if (registration.dealId !== dealId)
    return registration.dealId
      ? `its registration ${registration.id} was linked to deal ${registration.dealId} instead`
      : `its registration ${registration.id} is no longer linked to this deal`;
  switch (registration.status) {
    case 'rejected':
      return `its registration ${registration.id} was rejected`;
    case 'expired':
      return `its registration ${registration.id} expired${registration.protectedUntil ? ` when protection ended on ${day(registration.protectedUntil)}` : ''}`;
    case 'withdrawn':
      return `its registration ${registration.id} was withdrawn`;
    default:
      return `its registration ${registration.id} is ${registration.status.replace('_', ' ')}`;
  }
};

/**
 * A registration's sourcing credit came off a deal: the history says why, and the audit log keeps
 * the touchpoint that was removed.
 */
export const recordSourcingWithdrawn = async (
  tx: TenantStore,
  input: {
    registrationId: string;
    registration: Registration | undefined;
    partnerId: string;
    partnerName: string;
    dealId: string;
    touchpointId: string;
    at: Date;
  },
): Promise<void> => {
  const why = whyCreditEnded(input.registration, input.dealId);
  await recordCreditHistory(tx, {
    dealId: input.dealId,
    at: input.at,
    kind: 'sourcing_withdrawn',
    participantId: input.partnerId,
    line: `${input.partnerName}’s sourcing credit was withdrawn on ${day(input.at)}: ${why}`,
    details: { registrationId: input.registrationId, touchpointId: input.touchpointId },
  });
  await auditAttribution(tx, {
    type: 'attribution.sourcing_withdrawn',
    actor: 'system',
    subject: `deal:${input.dealId}`,
    at: input.at,
    payload: {
      registrationId: input.registrationId,
      partnerId: input.partnerId,
      touchpointId: input.touchpointId,
      registrationStatus: input.registration?.status ?? null,
      reason: why,
    },
  });
};
