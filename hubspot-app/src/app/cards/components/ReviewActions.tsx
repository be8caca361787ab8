import { Alert, Flex } from '@hubspot/ui-extensions';
import { useServiceAction } from '../hooks/useServiceAction';
import {
  confirmOverrideResponseSchema,
  decisionResponseSchema,
  type ConfirmOverrideRequest,
  type DecisionRequest,
  type ReviewRegistration,
} from '../types/reviewCard';
import type { ServiceFetch } from '../utils/fetchFromService';
import { ConfirmOverrideForm, ProposedOverride } from './ConfirmOverrideForm';
import { DecisionForm } from './DecisionForm';

/** A reviewer with a stake (or the proposer of an override) reads why they cannot act, and who can. */
const NotNeutral = ({ registration }: { registration: ReviewRegistration }) => {
  const { neutrality } = registration;
  const confirming = registration.mode === 'confirm';
  const verb = confirming ? 'confirmed' : 'decided';
  const who = neutrality.assignedApprover
    ? `${neutrality.assignedApprover.name} is assigned to decide it.`
    : neutrality.whoCan.length > 0
      ? `It can be ${verb} by ${neutrality.whoCan.map((p) => p.name).join(', ')}.`
      : 'Nobody neutral is available; it has been escalated to the deal desk.';
  return (
    <Alert
      title={confirming ? 'You cannot confirm this override' : 'You cannot decide this registration'}
      variant="warning"
      testId={`not-neutral-${registration.id}`}
    >
      {`${neutrality.reason ?? 'You are not a neutral reviewer for it.'} ${who}`}
    </Alert>
  );
};

const path = (registration: ReviewRegistration, action: 'decision' | 'override-confirmation') =>
  `/hubspot/cards/registrations/${encodeURIComponent(registration.id)}/${action}`;

/**
 * What the viewer can do about one registration: decide it, propose overriding the rules, confirm
 * or decline an override someone else proposed, or read why they may not. Each action is its own
 * request and confirms itself here.
 */
export const ReviewActions = ({
  registration,
  fetcher,
}: {
  registration: ReviewRegistration;
  fetcher: ServiceFetch;
}) => {
  const action = useServiceAction(fetcher);
  const pending = registration.mode === 'confirm' ? registration.pendingOverride : null;
  const result = action.state.status === 'done' ? action.state.result : undefined;
  const done =
    result === undefined
      ? undefined
      : pending
        ? confirmOverrideResponseSchema.safeParse(result)
        : decisionResponseSchema.safeParse(result);
  const proposed = done?.success && done.data.override === true;
  // The registration stays on screen with its confirmation until the record is reopened.
  const onDecide = (request: DecisionRequest) => void action.run(path(registration, 'decision'), request);
  const onSettle = (request: ConfirmOverrideRequest) =>
    void action.run(path(registration, 'override-confirmation'), request);
  return (
    <Flex direction="column" gap="xs" testId={`actions-${registration.id}`}>
      {pending && <ProposedOverride registrationId={registration.id} pending={pending} />}
      {done?.success ? (
        <Alert
          title={proposed ? 'Override proposed' : 'Decision recorded'}
          variant="success"
          testId={`decision-done-${registration.id}`}
        >
          {done.data.message}
        </Alert>
      ) : !registration.neutrality.canDecide ? (
        <NotNeutral registration={registration} />
      ) : pending ? (
        <ConfirmOverrideForm
          registration={registration}
          pending={pending}
          state={action.state}
          onSettle={onSettle}
        />
      ) : (
        <DecisionForm registration={registration} state={action.state} onDecide={onDecide} />
      )}
      {action.state.status === 'error' && (
        <Alert
          title="The decision was not recorded"
          variant="error"
          testId={`decision-error-${registration.id}`}
        >
          {action.state.error.message}
        </Alert>
      )}
    </Flex>
  );
};
