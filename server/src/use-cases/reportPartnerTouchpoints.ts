import { createHash } from 'node:crypto';
import type { TouchKind, Touchpoint } from '@entente/shared/attribution';
import { CommonErrors } from '@entente/shared/errors';
import type { AppContext } from '../appContext.js';
import { partnerIsInvolved } from './getPartnerDealAttribution.js';
import { recordTouchpoints, type RecordedTouchpoints } from './recordTouchpoints.js';

export type PartnerTouchReport = {
  dealId: string;
  kind: TouchKind;
  occurredAt: string;
  externalId?: string;
  url?: string;
  note?: string;
};

/**
 * A partner reports what it did on a deal. The participant is the partner behind the API key, never
 * a field. It may report only on deals it is part of (a registration or an earlier touch); any
 * other deal is "not found", so deal ids cannot be probed. The id is derived from the report, so
 * sending the same report again changes nothing; the partner's own evidence ids are namespaced so
 * they can never collide with (and knock out) another participant's record.
 */
export const reportPartnerTouchpoints = async (
  ctx: AppContext,
  tenantId: string,
  partnerId: string,
  reports: readonly PartnerTouchReport[],
): Promise<RecordedTouchpoints> => {
  const tenant = ctx.store.forTenant(tenantId);
  for (const dealId of new Set(reports.map((r) => r.dealId))) {
    const deal = await tenant.deals.get(dealId);
    if (!deal || !(await partnerIsInvolved(ctx, tenantId, partnerId, dealId))) {
      throw CommonErrors.notFound(`Deal ${dealId}`);
    }
  }
  const touchpoints: Touchpoint[] = reports.map((report) => {
    const occurredAt = new Date(report.occurredAt).toISOString();
    const externalId =
      report.externalId === undefined ? undefined : `partner:${partnerId}:${report.externalId}`;
    return {
      id: partnerTouchpointId(partnerId, report.dealId, report.kind, occurredAt, report.externalId),
      dealId: report.dealId,
      participantId: partnerId,
      kind: report.kind,
      occurredAt,
      source: 'partner_api',
      evidence: {
        ...(externalId === undefined ? {} : { externalId }),
        ...(report.url === undefined ? {} : { url: report.url }),
        ...(report.note === undefined ? {} : { note: report.note }),
      },
    };
  });
  return recordTouchpoints(ctx, tenantId, touchpoints);
};

const partnerTouchpointId = (
  partnerId: string,
  dealId: string,
  kind: TouchKind,
  occurredAt: string,
  externalId: string | undefined,
): string =>
  `tp_${createHash('sha256')
    .update([partnerId, dealId, kind, occurredAt, externalId ?? ''].join('\u0000'))
    .digest('hex')
    .slice(0, 32)}`;
