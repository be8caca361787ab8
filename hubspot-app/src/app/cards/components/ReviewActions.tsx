import { Alert, Flex } from '@hubspot/ui-extensions';
import { useServiceAction } from '../hooks/useServiceAction';
import { decisionResponseSchema, type DecisionRequest, type ReviewRegistration } from '../types/reviewCard';
import type { ServiceFetch } from '../utils/fetchFromService';
import { DecisionForm } from './DecisionForm';

/** A reviewer with a stake reads why they cannot decide, and who can. */
const NotNeutral = ({ registration }: { registration: ReviewRegistration }) => {
  const { neutrality } = registration;
  const who = neutrality.assignedApprover
    ? `${neutrality.assignedApprover.name} is assigned to decide it.`
    : neutrality.whoCan.length > 0
      ? `It can be decided by ${neutrality.whoCan.map((p) => p.name).join(', ')}.`
      : 'Nobody neutral is available; it has been escalated to the deal desk.';
  return (
    <Alert
      title="You cannot decide this registration"
      variant="warning"
      testId={`not-neutral-${registration.id}`}
    >
      {`${neutrality.reason ?? 'You are not a neutral reviewer for it.'} ${who}`}
    </Alert>
  );
};

/**
 * What the viewer can do about one registration: decide it (or override the rules, four eyes),
 * or read why they may not. Each action is its own request and confirms itself here.
 */
export const ReviewActions = ({
  registration,
  fetcher,
}: {
  registration: ReviewRegistration;
  fetcher: ServiceFetch;
}) => {
  const action = useServiceAction(fetcher);
  const decided =
    action.state.status === 'done' ? decisionResponseSchema.safeParse(action.state.result) : undefined;
  const onDecide = (request: DecisionRequest) => {
    // The decided registration stays on screen with its confirmation until the record is reopened.
    void action.run(`/hubspot/cards/registrations/${encodeURIComponent(registration.id)}/decision`, request);
  };
  return (
    <Flex direction="column" gap="xs" testId={`actions-${registration.id}`}>
      {decided?.success ? (
        <Alert title="Decision recorded" variant="success" testId={`decision-done-${registration.id}`}>
          {decided.data.message}
        </Alert>
      ) : registration.neutrality.canDecide ? (
        <DecisionForm registration={registration} state={action.state} onDecide={onDecide} />
      ) : (
        <NotNeutral registration={registration} />
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
