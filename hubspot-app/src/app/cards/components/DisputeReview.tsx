import { useState } from 'react';
import {
  Alert,
  Button,
  Flex,
  NumberInput,
  ProgressBar,
  StatusTag,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeader,
  TableRow,
  Text,
  TextArea,
} from '@hubspot/ui-extensions';
import { useServiceAction } from '../hooks/useServiceAction';
import {
  disputeDecisionResponseSchema,
  type DisputeAction,
  type DisputeDecisionRequest,
  type DisputeDecisionResponse,
  type ReviewDispute,
} from '../types/reviewCard';
import type { ServiceFetch } from '../utils/fetchFromService';
import { formatDateTime, formatHoursLeft } from '../utils/format';

const RAISED_BY = { partner: 'the partner', seller: 'a seller' } as const;

/** What is disputed, by whom and why, what upholding does, and the split it gives: read first. */
const DisputeVerdict = ({ dispute }: { dispute: ReviewDispute }) => (
  <Flex direction="column" gap="xs" testId={`dispute-verdict-${dispute.id}`}>
    <Text>
      {`Raised by ${dispute.raisedBy.name} (${RAISED_BY[dispute.raisedBy.role]}) on ${formatDateTime(dispute.openedAt)}: "${dispute.reason}"`}
    </Text>
    <Text>
      {dispute.remedy
        ? `Remedy: ${dispute.remedy.description}.`
        : 'It names no remedy: whoever upholds it names the share it should have.'}
    </Text>
    {dispute.proposed && (
      <Table bordered testId={`dispute-proposed-${dispute.id}`}>
        <TableHead>
          <TableRow>
            <TableHeader>Participant</TableHeader>
            <TableHeader>Now</TableHeader>
            <TableHeader>If upheld</TableHeader>
          </TableRow>
        </TableHead>
        <TableBody>
          {dispute.proposed.map((s) => (
            <TableRow key={s.participantId}>
              <TableCell>{s.name}</TableCell>
              <TableCell>{s.was}</TableCell>
              <TableCell>{s.share}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    )}
  </Flex>
);

/** Until when it can be decided; undecided by then, it expires and the split stands. */
const DisputeClock = ({ dispute }: { dispute: ReviewDispute }) => (
  <ProgressBar
    title={`Decision due ${formatDateTime(dispute.clock.endsAt)} (${formatHoursLeft(dispute.clock)})`}
    value={dispute.clock.percentUsed}
    maxValue={100}
    valueDescription="undecided by then, it expires and the split stands"
    variant={dispute.clock.overdue ? 'danger' : dispute.clock.percentUsed > 75 ? 'warning' : 'success'}
    testId={`dispute-clock-${dispute.id}`}
  />
);

const LABELS: Record<DisputeAction, string> = {
  start_review: 'Start review',
  uphold: 'Uphold',
  reject: 'Reject',
};
const VARIANTS = { start_review: 'primary', uphold: 'primary', reject: 'destructive' } as const;

/** Shares are whole basis points, so a percent has at most two decimals. */
const validPercent = (value: number | undefined): value is number =>
  value !== undefined && value >= 0 && value <= 100 && Math.abs(value * 100 - Math.round(value * 100)) < 1e-9;

/**
 * Every step carries a reason. Upholding a dispute that names no remedy needs the share the disputed
 * participant should have; the others then share the rest as they did.
 */
const DisputeDecisionForm = ({
  dispute,
  actions,
  busy,
  onDecide,
}: {
  dispute: ReviewDispute;
  actions: readonly DisputeAction[];
  busy: boolean;
  onDecide: (request: DisputeDecisionRequest) => void;
}) => {
  const [reason, setReason] = useState('');
  const [percent, setPercent] = useState<number | undefined>(undefined);
  const namesShare = actions.includes('uphold') && dispute.remedy === null;
  const hasReason = reason.trim().length > 0;
  const ready = (action: DisputeAction) =>
    hasReason && !busy && (action !== 'uphold' || !namesShare || validPercent(percent));
  const decide = (action: DisputeAction) =>
    onDecide({
      action,
      reason: reason.trim(),
      ...(action === 'uphold' && namesShare && validPercent(percent)
        ? { remedy: { kind: 'split' as const, shares: [{ participantId: dispute.participantId, percent }] } }
        : {}),
    });
  return (
    <Flex direction="column" gap="xs" testId={`dispute-form-${dispute.id}`}>
      <TextArea
        label="Reason (recorded in the audit log and the deal’s credit history)"
        name={`dispute-reason-${dispute.id}`}
        value={reason}
        onChange={setReason}
        required
      />
      {namesShare && (
        <NumberInput
          label={`${dispute.participantName}’s share if upheld (%)`}
          name={`dispute-share-${dispute.id}`}
          value={percent}
          onChange={(value) => setPercent(value)}
          min={0}
          max={100}
          precision={2}
          testId={`dispute-share-${dispute.id}`}
        />
      )}
      <Flex direction="row" gap="sm">
        {actions.map((action) => (
          <Button
            key={action}
            variant={VARIANTS[action]}
            disabled={!ready(action)}
            onClick={() => decide(action)}
            testId={`dispute-${action.replace('_', '-')}-${dispute.id}`}
          >
            {LABELS[action]}
          </Button>
        ))}
      </Flex>
      {!hasReason && <Text variant="microcopy">Write a reason to continue.</Text>}
    </Flex>
  );
};

const DONE_TITLES: Partial<Record<DisputeDecisionResponse['state'], string>> = {
  under_review: 'Review started',
  upheld: 'Dispute upheld',
  rejected: 'Dispute rejected',
};

/**
 * One dispute of the deal's credit, in the order a reviewer works: what is disputed and the split
 * upholding gives, the clock, then what they may do (or why they may not). The service judges the
 * viewer; after each step the card moves on with the dispute's new state.
 */
export const DisputeReview = ({
  dispute,
  dealId,
  fetcher,
}: {
  dispute: ReviewDispute;
  /** The deal the card is on, as the card names it (HubSpot's id). */
  dealId: string;
  fetcher: ServiceFetch;
}) => {
  const action = useServiceAction(fetcher);
  const [decided, setDecided] = useState<DisputeDecisionResponse | null>(null);
  const state = decided?.state ?? dispute.state;
  // Whoever could take it into review passed the same checks that upholding and rejecting need.
  const actions: readonly DisputeAction[] =
    decided === null ? dispute.actions : state === 'under_review' ? ['uphold', 'reject'] : [];
  const onDecide = (request: DisputeDecisionRequest) =>
    void action
      .run(
        `/hubspot/cards/deals/${encodeURIComponent(dealId)}/disputes/${encodeURIComponent(dispute.id)}/decision`,
        request,
      )
      .then((result) => {
        const parsed = disputeDecisionResponseSchema.safeParse(result);
        if (parsed.success) setDecided(parsed.data);
      });
  return (
    <Flex direction="column" gap="sm" testId={`dispute-${dispute.id}`}>
      <Flex direction="row" gap="sm" align="center">
        <Text format={{ fontWeight: 'demibold' }}>
          {`${dispute.participantName}’s ${dispute.disputedShare} share is disputed`}
        </Text>
        <StatusTag variant={state === 'open' ? 'warning' : state === 'under_review' ? 'info' : 'success'}>
          {state === 'open'
            ? 'Open'
            : state === 'under_review'
              ? 'Under review'
              : (DONE_TITLES[state] ?? state)}
        </StatusTag>
      </Flex>
      <DisputeVerdict dispute={dispute} />
      {decided === null || state === 'under_review' ? <DisputeClock dispute={dispute} /> : null}
      {decided && (
        <Alert
          title={DONE_TITLES[decided.state] ?? 'Decision recorded'}
          variant="success"
          testId={`dispute-done-${dispute.id}`}
        >
          {decided.message}
        </Alert>
      )}
      {actions.length > 0 ? (
        <DisputeDecisionForm
          key={state}
          dispute={dispute}
          actions={actions}
          busy={action.state.status === 'submitting'}
          onDecide={onDecide}
        />
      ) : (
        decided === null && (
          <Alert
            title="You cannot decide this dispute"
            variant="warning"
            testId={`dispute-blocked-${dispute.id}`}
          >
            {dispute.blockedReason ?? 'Nothing can be done about it from here.'}
          </Alert>
        )
      )}
      {action.state.status === 'error' && (
        <Alert title="The decision was not recorded" variant="error" testId={`dispute-error-${dispute.id}`}>
          {action.state.error.message}
        </Alert>
      )}
    </Flex>
  );
};
