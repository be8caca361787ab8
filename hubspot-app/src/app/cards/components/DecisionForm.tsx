import { useState } from 'react';
import { Alert, Button, Flex, Select, Text, TextArea } from '@hubspot/ui-extensions';
import type { ActionState } from '../hooks/useServiceAction';
import type { DecisionRequest, ReviewRegistration } from '../types/reviewCard';

type Props = {
  registration: ReviewRegistration;
  state: ActionState;
  onDecide: (request: DecisionRequest) => void;
};

/** Every decision carries a reason; an override also names a second neutral approver (four eyes). */
export const DecisionForm = ({ registration, state, onDecide }: Props) => {
  const [reason, setReason] = useState('');
  const [secondApproverId, setSecondApproverId] = useState('');
  const override = registration.mode === 'override';
  const busy = state.status === 'submitting';
  const minLength = override ? 10 : 1;
  const ready = reason.trim().length >= minLength && (!override || secondApproverId !== '');

  const decide = (outcome: DecisionRequest['outcome']) =>
    onDecide({ outcome, reason: reason.trim(), ...(override ? { override: { secondApproverId } } : {}) });

  return (
    <Flex direction="column" gap="xs" testId={`decision-form-${registration.id}`}>
      {override && (
        <Alert title="This is an override" variant="warning" testId={`override-notice-${registration.id}`}>
          {`The rules of engagement decided "${registration.policy.outcome ?? 'unknown'}". Going against them needs a second neutral approver and a written reason of at least 10 characters; both are recorded in the audit log.`}
        </Alert>
      )}
      <TextArea
        label={override ? 'Why override the rules?' : 'Reason (the partner sees it)'}
        name={`reason-${registration.id}`}
        value={reason}
        onChange={setReason}
        required
      />
      {override && (
        <Select
          label="Second approver"
          name={`second-${registration.id}`}
          value={secondApproverId}
          onChange={(value) => setSecondApproverId(String(value))}
          options={registration.secondApprovers.map((p) => ({
            label: `${p.name} (${p.role})`,
            value: p.userId,
          }))}
          required
        />
      )}
      <Flex direction="row" gap="sm">
        {override ? (
          <Button
            variant="primary"
            disabled={!ready || busy}
            onClick={() => decide(registration.policy.outcome === 'approve' ? 'reject' : 'approve')}
            testId={`decide-override-${registration.id}`}
          >
            {registration.policy.outcome === 'approve' ? 'Override: reject' : 'Override: approve'}
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
            ? 'Write a reason and pick a second approver to continue.'
            : 'Write a reason to continue.'}
        </Text>
      )}
    </Flex>
  );
};
