import { useState } from 'react';
import { Alert, Button, Flex, Text, TextArea } from '@hubspot/ui-extensions';
import type { ActionState } from '../hooks/useServiceAction';
import type { DecisionRequest, ReviewRegistration } from '../types/reviewCard';

type Props = {
  registration: ReviewRegistration;
  state: ActionState;
  onDecide: (request: DecisionRequest) => void;
};

/** The service's own minimum for a reason to go against the rules. */
const OVERRIDE_MIN_REASON = 10;

/**
 * Every decision carries a reason. Going against an automatic decision only proposes the override:
 * nobody can name the second approver, who acts from their own card instead (four eyes).
 */
export const DecisionForm = ({ registration, state, onDecide }: Props) => {
  const [reason, setReason] = useState('');
  const override = registration.mode === 'override';
  const busy = state.status === 'submitting';
  const ready = reason.trim().length >= (override ? OVERRIDE_MIN_REASON : 1);
  const overturn = registration.policy.outcome === 'approve' ? 'reject' : 'approve';

  const decide = (outcome: DecisionRequest['outcome']) => onDecide({ outcome, reason: reason.trim() });

  return (
    <Flex direction="column" gap="xs" testId={`decision-form-${registration.id}`}>
      {override && (
        <Alert
          title="This would override the rules"
          variant="warning"
          testId={`override-notice-${registration.id}`}
        >
          {`The rules of engagement decided "${registration.policy.outcome ?? 'unknown'}". Proposing to go against them needs a written reason of at least ${OVERRIDE_MIN_REASON} characters. A second neutral person must then confirm it from their own card before it takes effect; until then the automatic decision stands. Both of you are recorded in the audit log.`}
        </Alert>
      )}
      <TextArea
        label={override ? 'Why override the rules?' : 'Reason (the partner sees it)'}
        name={`reason-${registration.id}`}
        value={reason}
        onChange={setReason}
        required
      />
      <Flex direction="row" gap="sm">
        {override ? (
          <Button
            variant="primary"
            disabled={!ready || busy}
            onClick={() => decide(overturn)}
            testId={`decide-override-${registration.id}`}
          >
            {`Propose override: ${overturn}`}
          </Button>
        ) : (
          <>
            <Button
              variant="primary"
              disabled={!ready || busy}
              onClick={() => decide('approve')}
              testId={`decide-approve-${registration.id}`}
            >
              Approve
            </Button>
            <Button
              variant="destructive"
              disabled={!ready || busy}
              onClick={() => decide('reject')}
              testId={`decide-reject-${registration.id}`}
            >
              Reject
            </Button>
            <Button
              variant="secondary"
              disabled={!ready || busy}
              onClick={() => decide('request_info')}
              testId={`decide-request-info-${registration.id}`}
            >
              Request info
            </Button>
          </>
        )}
      </Flex>
      {!ready && (
        <Text variant="microcopy">
          {override
            ? `Write a reason of at least ${OVERRIDE_MIN_REASON} characters to propose the override.`
            : 'Write a reason to continue.'}
        </Text>
      )}
    </Flex>
  );
};
