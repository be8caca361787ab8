import type { DisputeState, TouchKind, Touchpoint } from '@entente/shared/attribution';
import type { DealAttributionView, DisputeView, SplitView } from '../getDealAttribution.js';
import type { RecordedTouchpoints } from '../recordTouchpoints.js';

/*
 * Everything a partner key is answered with, apart from registrations (governance/
 * registrationViews.ts), is built here: one builder per partner-facing answer, each choosing its
 * fields one by one from what the partner gave or what is about the partner alone. The rule they
 * follow is "What a partner sees" in docs/governance.md; the internal views (getDealAttribution,
 * recordTouchpoints) stay untouched and are never passed through to a partner.
 */

/** What a partner sent about one touch, as the touch report view needs it. */
export type SentTouchReport = {
  dealId: string;
  kind: TouchKind;
  occurredAt: string;
  externalId?: string;
  url?: string;
  note?: string;
};

/** A dispute the partner raised, with the adjudicator's answer to it. */
export type PartnerDisputeView = {
  id: string;
  state: DisputeState;
  reason: string;
  openedAt: string;
  deadline: string;
  outcomeReason: string | null;
};

/** The partner's own share of a deal's credit: a share, never an amount of the deal's. */
export type PartnerSplitView = {
  participantId: string;
  participantName: string;
  shareBp: number;
  share: string;
  explanation: string;
  contributions: {
    /** Only for the partner's own records (its reports, its registration); a CRM record's id stays inside. */
    touchpointId?: string;
    kind: TouchKind;
    occurredAt: string;
    label: string;
    shareBp: number;
  }[];
};

/** What a partner sees of a deal's credit: its own split and its own disputes, never anyone else's. */
export type PartnerDealAttributionView = {
  /** The deal id the partner asked about, as it asked. */
  dealId: string;
  status: 'finalised' | 'provisional';
  model: string;
  finalisedAt: string | null;
  /** Null when the partner took part but the model credits it with nothing it could be shown. */
  split: PartnerSplitView | null;
  disputes: PartnerDisputeView[];
};

/** A partner's own touch, with the evidence it sent (a merged-in CRM or internal record stays out). */
export type PartnerTouchView = {
  id: string;
  dealId: string;
  participantId: string;
  kind: TouchKind;
  occurredAt: string;
  source: Touchpoint['source'];
  evidence: { externalId?: string; url?: string; note?: string };
};

export type PartnerTouchReportView = {
  recorded: PartnerTouchView[];
  /** The partner's reports recognised as a touch already recorded; `keptId` only when that is its own. */
  duplicates: { id: string; keptId?: string; reason: string }[];
  alreadyKnown: string[];
};

export const partnerDisputeView = ({
  id,
  state,
  reason,
  openedAt,
  deadline,
  outcomeReason,
}: Pick<DisputeView, 'id' | 'state' | 'reason' | 'openedAt' | 'deadline' | 'outcomeReason'>) => ({
  id,
  state,
  reason,
  openedAt,
  deadline,
  outcomeReason,
});

/**
 * A record that is the partner's own: a touch it reported, or the sourcing credit of its
 * registration. Anything else on the deal was recorded by the CRM or a person, and its id is theirs.
 */
export const isPartnersOwnTouch = (touch: Touchpoint, partnerId: string): boolean =>
  touch.participantId === partnerId &&
  (touch.source === 'partner_reported' || touch.source === 'registration');

const partnerSplitView = (split: SplitView, ownTouchIds: ReadonlySet<string>): PartnerSplitView => ({
  participantId: split.participantId,
  participantName: split.participantName,
  shareBp: split.shareBp,
  share: split.share,
  explanation: split.explanation,
  contributions: split.contributions.map(({ touchpointId, kind, occurredAt, label, shareBp }) => ({
    ...(ownTouchIds.has(touchpointId) ? { touchpointId } : {}),
    kind,
    occurredAt,
    label,
    shareBp,
  })),
});

/**
 * The partner's slice of the internal view. Other participants' splits, the deal's amount and
 * currency, ignored touches, inheritance from another deal, and disputes raised by anyone else (a
 * seller's reason is internal text) are left out. `ownTouchIds` are the touches the partner
 * reported on this deal.
 */
export const partnerDealAttributionView = (
  view: DealAttributionView,
  partnerId: string,
  askedDealId: string,
  ownTouchIds: ReadonlySet<string>,
): PartnerDealAttributionView => {
  const mine = view.splits.find((split) => split.participantId === partnerId);
  return {
    dealId: askedDealId,
    status: view.status,
    model: view.model,
    finalisedAt: view.finalisedAt,
    split: mine ? partnerSplitView(mine, ownTouchIds) : null,
    disputes: view.disputes
      .filter(
        (dispute) =>
          dispute.participantId === partnerId &&
          dispute.raisedBy.role === 'partner' &&
          dispute.raisedBy.id === partnerId,
      )
      .map(partnerDisputeView),
  };
};

const sameInstant = (a: string, b: string): boolean => Date.parse(a) === Date.parse(b);

/**
 * The answer to a partner's touch report. Deduplication keeps the most authoritative record and
 * merges evidence into it, so the stored touch can carry a CRM activity's or a person's evidence,
 * and the record kept in place of a report can be one the CRM made: the partner hears only of its
 * own reports, with the evidence it sent. `foreignIds` are the touches on the reported deals that
 * the partner did not report (read before and after recording, so a record replaced in between is
 * known too); none of their ids is shown.
 */
export const partnerTouchReportView = (
  partnerId: string,
  reports: readonly SentTouchReport[],
  result: RecordedTouchpoints,
  foreignIds: ReadonlySet<string>,
): PartnerTouchReportView => {
  // The stored externalId is namespaced per partner (reportPartnerTouchpoints); the partner sent it bare.
  const namespace = `partner:${partnerId}:`;
  const reportOf = (touch: Touchpoint) =>
    reports.find(
      (report) =>
        report.dealId === touch.dealId &&
        report.kind === touch.kind &&
        sameInstant(report.occurredAt, touch.occurredAt) &&
        (report.externalId === undefined || touch.evidence.externalId === `${namespace}${report.externalId}`),
    );
  const recorded = result.recorded
    .filter((touch) => isPartnersOwnTouch(touch, partnerId))
    .map((touch): PartnerTouchView => {
      const report = reportOf(touch);
      return {
        id: touch.id,
        dealId: touch.dealId,
        participantId: touch.participantId,
        kind: touch.kind,
        occurredAt: touch.occurredAt,
        source: touch.source,
        evidence: {
          ...(report?.externalId === undefined ? {} : { externalId: report.externalId }),
          ...(report?.url === undefined ? {} : { url: report.url }),
          ...(report?.note === undefined ? {} : { note: report.note }),
        },
      };
    });
  return {
    recorded,
    duplicates: result.duplicates
      .filter((duplicate) => !foreignIds.has(duplicate.id))
      .map(({ id, keptId }) => ({
        id,
        ...(foreignIds.has(keptId) ? {} : { keptId }),
        reason: 'The same touch is already recorded on this deal, so it counts once',
      })),
    alreadyKnown: result.alreadyKnown.filter((id) => !foreignIds.has(id)),
  };
};
