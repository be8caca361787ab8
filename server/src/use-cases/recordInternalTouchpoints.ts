import { createHash } from 'node:crypto';
import {
  DIRECT_PARTICIPANT_ID,
  sourcingKinds,
  type TouchKind,
  type Touchpoint,
} from '@entente/shared/attribution';
import { CommonErrors, DomainError } from '@entente/shared/errors';
import { canAdjudicate } from '@entente/shared/governance';
import type { AppContext } from '../appContext.js';
import { auditAttribution } from './attribution/audit.js';
import { assertNeutral, creditStakes, managerStakes } from './attribution/disputeStakes.js';
import { recordTouchpoints, type RecordedTouchpoints } from './recordTouchpoints.js';

export type InternalTouchInput = {
  /** A partner id, or `direct` for the direct team. */
  participantId: string;
  kind: TouchKind;
  occurredAt: string;
  externalId?: string;
  url?: string;
  note?: string;
};

/**
 * An internal user records what a participant did on a deal, as the company's own record (source
 * `internal`): it counts in full, and it confirms a partner's report of the same touch, which it
 * replaces. Sourcing (and referral) moves the most credit, so only a neutral partner manager,
 * deal-desk member or admin may record it: not the deal's owner or anyone credited on it, nor the
 * credited partner's manager (403 GOVERNANCE.NOT_NEUTRAL). Anyone else may record influence, except
 * for a partner they manage. Every recording is in the audit log under the user's name.
 */
export const recordInternalTouchpoints = async (
  ctx: AppContext,
  tenantId: string,
  actorUserId: string,
  dealId: string,
  touches: readonly InternalTouchInput[],
): Promise<RecordedTouchpoints> => {
  const tenant = ctx.store.forTenant(tenantId);
  const [deal, actor, partners] = await Promise.all([
    tenant.deals.get(dealId),
    tenant.users.get(actorUserId),
    tenant.partners.list(),
  ]);
  if (!deal) throw CommonErrors.notFound(`Deal ${dealId}`);
  if (!actor?.active) throw CommonErrors.forbidden('Only an active internal user can record touchpoints');
  const known = new Set([DIRECT_PARTICIPANT_ID, ...partners.map((p) => p.id)]);
  const unknown = [...new Set(touches.map((t) => t.participantId).filter((id) => !known.has(id)))];
  if (unknown.length > 0)
    throw new DomainError(
      'ATTRIBUTION.UNKNOWN_PARTICIPANT',
      `Neither the direct team nor a partner of this tenant: ${unknown.join(', ')}`,
    );
  const sourcing = touches.filter((t) => sourcingKinds.has(t.kind)).map((t) => t.participantId);
  const influence = touches.filter((t) => !sourcingKinds.has(t.kind)).map((t) => t.participantId);
  if (sourcing.length > 0) {
    assertNeutral(actor.id, creditStakes(deal, sourcing, partners), 'record sourcing on this deal');
    if (!canAdjudicate(actor))
      throw CommonErrors.forbidden(
        'Sourcing credit is recorded by a partner manager, deal desk member or admin (or comes from an approved registration)',
      );
  }
  assertNeutral(actor.id, managerStakes(deal, influence, partners), 'record touches on this deal');

  const now = ctx.now();
  const touchpoints: Touchpoint[] = touches.map((touch) => {
    const occurredAt = new Date(touch.occurredAt).toISOString();
    return {
      id: internalTouchpointId(dealId, touch.participantId, touch.kind, occurredAt, touch.externalId),
      dealId,
      participantId: touch.participantId,
      kind: touch.kind,
      occurredAt,
      source: 'internal',
      evidence: {
        ...(touch.externalId === undefined ? {} : { externalId: touch.externalId }),
        ...(touch.url === undefined ? {} : { url: touch.url }),
        ...(touch.note === undefined ? {} : { note: touch.note }),
      },
    };
  });
  return recordTouchpoints(ctx, tenantId, touchpoints, {
    afterRecording: async (tx, result) => {
      if (result.recorded.length === 0 && result.duplicates.length === 0) return;
      await auditAttribution(tx, {
        type: 'attribution.touchpoints_recorded',
        actor: `user:${actor.id}`,
        subject: `deal:${dealId}`,
        at: now,
        payload: {
          recorded: result.recorded.map(({ id, participantId, kind, occurredAt }) => ({
            id,
            participantId,
            kind,
            occurredAt,
          })),
          duplicates: result.duplicates,
        },
      });
    },
  });
};

/**
 * An internal user confirms what a partner reported: the company records the same touch, which
 * takes the report's place (the report stays as its duplicate), so it counts in full.
 */
export const confirmPartnerTouchpoint = async (
  ctx: AppContext,
  tenantId: string,
  actorUserId: string,
  { dealId, touchpointId, note }: { dealId: string; touchpointId: string; note?: string },
): Promise<RecordedTouchpoints> => {
  const reported = (await ctx.store.forTenant(tenantId).attribution.touchpoints.listByDeal(dealId)).find(
    (t) => t.id === touchpointId,
  );
  if (!reported) throw CommonErrors.notFound(`Touchpoint ${touchpointId} on deal ${dealId}`);
  if (reported.source !== 'partner_reported')
    throw new DomainError(
      'ATTRIBUTION.NOT_PARTNER_REPORTED',
      `Touchpoint ${touchpointId} is a ${reported.source} record, not a partner's report; there is nothing to confirm`,
    );
  return recordInternalTouchpoints(ctx, tenantId, actorUserId, dealId, [
    {
      participantId: reported.participantId,
      kind: reported.kind,
      occurredAt: reported.occurredAt,
      note: note ?? `Confirms the partner’s report ${reported.id}`,
    },
  ]);
};

const internalTouchpointId = (
  dealId: string,
  participantId: string,
  kind: TouchKind,
  occurredAt: string,
  externalId: string | undefined,
): string =>
  `tp_int_${createHash('sha256')
    .update([dealId, participantId, kind, occurredAt, externalId ?? ''].join('\u0000'))
    .digest('hex')
    .slice(0, 32)}`;
