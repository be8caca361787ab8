import { Alert, Divider, Flex, Heading, StatusTag, Text } from '@hubspot/ui-extensions';
import { useServiceAction } from '../hooks/useServiceAction';
import { useServiceData } from '../hooks/useServiceData';
import {
  decisionResponseSchema,
  reviewCardPayloadSchema,
  type DecisionRequest,
  type ReviewRegistration,
} from '../types/reviewCard';
import type { ServiceFetch } from '../utils/fetchFromService';
import { formatDateTime, statusLabel, statusVariant } from '../utils/format';
import { CardEmpty, CardError, CardLoading } from './CardStates';
import { DecisionForm } from './DecisionForm';
import { RegistrationEvidence } from './RegistrationEvidence';

type Props = { fetcher: ServiceFetch; objectType: 'deals' | 'companies'; objectId: string };

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

const Registration = ({
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
    <Flex direction="column" gap="sm" testId={`review-registration-${registration.id}`}>
      <Flex direction="row" gap="sm" align="center">
        <Heading>{`${registration.partnerName}: ${registration.customer.name ?? registration.customer.domain ?? 'customer'}`}</Heading>
        <StatusTag variant={statusVariant(registration.status)}>{statusLabel(registration.status)}</StatusTag>
      </Flex>
      <Text variant="microcopy">
        {`Submitted ${formatDateTime(registration.submittedAt)}. Policy version ${registration.policy.version ?? '—'} said: ${registration.policy.outcome ?? 'nothing yet'}.`}
      </Text>
      <RegistrationEvidence registration={registration} />
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
      <Divider />
    </Flex>
  );
};

/** Registration review on a deal or a company: evidence, neutrality, and the decision. */
export const RegistrationReviewView = ({ fetcher, objectType, objectId }: Props) => {
  const { state, reload } = useServiceData(
    fetcher,
    `/hubspot/cards/${objectType}/${encodeURIComponent(objectId)}/registrations`,
    reviewCardPayloadSchema,
  );
  if (state.status === 'loading') return <CardLoading label="Loading registrations to review" />;
  if (state.status === 'error')
    return (
      <CardError title="Registrations are unavailable" error={state.error} onRetry={() => void reload()} />
    );
  const { registrations, record } = state.data;
  if (registrations.length === 0)
    return (
      <CardEmpty title="Nothing to review">
        {`No partner registration on ${record.name} is waiting for a decision.`}
      </CardEmpty>
    );
  return (
    <Flex direction="column" gap="md">
      {registrations.map((registration) => (
        <Registration key={registration.id} registration={registration} fetcher={fetcher} />
      ))}
    </Flex>
  );
};
