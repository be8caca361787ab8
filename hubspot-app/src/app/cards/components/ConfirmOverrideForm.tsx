import { useState } from 'react';
import { Alert, Button, Flex, Text, TextArea } from '@hubspot/ui-extensions';
import type { ActionState } from '../hooks/useServiceAction';
import type { ConfirmOverrideRequest, PendingOverride, ReviewRegistration } from '../types/reviewCard';
import { formatDateTime } from '../utils/format';

/** What the rules did, which the proposal would overturn. */
const AUTOMATIC: Record<PendingOverride['outcome'], string> = {
  approve: 'rejected it automatically',
  reject: 'approved it automatically',
};

/**
 * What is waiting for the second pair of eyes: who proposed what, why, and until when. Everyone in
 * confirm mode reads it, the proposer included, so nobody confirms or waits without knowing.
 */
export const ProposedOverride = ({
  registrationId,
  pending,
}: {
  registrationId: string;
  pending: PendingOverride;
}) => (
  <Alert
    title={`${pending.proposedByName} proposes to ${pending.outcome} this registration`}
    variant="info"
    testId={`proposed-override-${registrationId}`}
  >
    {`The rules ${AUTOMATIC[pending.outcome]}; ${pending.proposedByName} proposed overriding them on ${formatDateTime(pending.proposedAt)}: "${pending.reason}". Unless a second neutral person confirms it by ${formatDateTime(pending.dueAt)}, the proposal lapses and the automatic decision stands.`}
  </Alert>
);

type Props = {
  registration: ReviewRegistration;
  pending: PendingOverride;
  state: ActionState;
  onSettle: (request: ConfirmOverrideRequest) => void;
};

/** The second person confirms the proposed override or declines it, with a reason either way. */
export const ConfirmOverrideForm = ({ registration, pending, state, onSettle }: Props) => {
  const [reason, setReason] = useState('');
  const busy = state.status === 'submitting';
  const ready = reason.trim().length > 0;
  const settle = (decision: ConfirmOverrideRequest['decision']) =>
    onSettle({ decision, reason: reason.trim() });

  return (
    <Flex direction="column" gap="xs" testId={`confirm-form-${registration.id}`}>
      <TextArea
        label="Your reason (recorded with the decision)"
        name={`confirm-reason-${registration.id}`}
        value={reason}
        onChange={setReason}
        required
      />
      <Flex direction="row" gap="sm">
        <Button
          variant="primary"
          disabled={!ready || busy}
          onClick={() => settle('confirm')}
          testId={`confirm-override-${registration.id}`}
        >
          {`Confirm override: ${pending.outcome}`}
        </Button>
        <Button
          variant="secondary"
          disabled={!ready || busy}
          onClick={() => settle('decline')}
          testId={`decline-override-${registration.id}`}
        >
          Decline
        </Button>
      </Flex>
      {!ready && <Text variant="microcopy">Write a reason to confirm or decline.</Text>}
    </Flex>
  );
};
