import { createHash } from 'node:crypto';
import { isPartnerReportable, type TouchKind, type Touchpoint } from '@entente/shared/attribution';
import { CommonErrors, DomainError } from '@entente/shared/errors';
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
 * a field. It may report influence only: sourcing (or a referral, which counts as sourcing) comes
 * from an approved registration or an internal user, or a partner could take a deal's largest share
 * on its own word (403 ATTRIBUTION.SOURCED_NOT_REPORTABLE, before any deal is looked at). It may
 * report only on deals it is part of (a registration or an earlier touch); any other deal is "not
 * found", so deal ids cannot be probed. The report is stored as `partner_reported`, which counts as
 * the attribution settings say until the CRM or an internal user confirms it. The id is derived from
 * the report, so sending the same report again changes nothing; the partner's own evidence ids are
 * namespaced so they can never collide with (and knock out) another participant's record.
 */
export const reportPartnerTouchpoints = async (
  ctx: AppContext,
  tenantId: string,
  partnerId: string,
  reports: readonly PartnerTouchReport[],
): Promise<RecordedTouchpoints> => {
  const sourcing = reports.filter((report) => !isPartnerReportable(report.kind));
  if (sourcing.length > 0)
    throw new DomainError(
      'ATTRIBUTION.SOURCED_NOT_REPORTABLE',
      'A partner cannot report sourcing or a referral: that credit comes from an approved registration. Register the deal instead',
      { details: { kinds: [...new Set(sourcing.map((report) => report.kind))] } },
    );
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
      source: 'partner_reported',
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
