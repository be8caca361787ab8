import { Divider, Flex, Heading, StatusTag } from '@hubspot/ui-extensions';
import { useServiceData } from '../hooks/useServiceData';
import { reviewCardPayloadSchema, type ReviewRegistration } from '../types/reviewCard';
import type { ServiceFetch } from '../utils/fetchFromService';
import { statusLabel, statusVariant } from '../utils/format';
import { CardEmpty, CardError, CardLoading } from './CardStates';
import { ClaimEvidence } from './ClaimEvidence';
import { CompetingParties } from './CompetingParties';
import { DisputeReview } from './DisputeReview';
import { ReviewActions } from './ReviewActions';
import { ReviewVerdict } from './ReviewVerdict';

type Props = { fetcher: ServiceFetch; objectType: 'deals' | 'companies'; objectId: string };

/**
 * One registration, in the order a reviewer works: the verdict, who competes with it, the evidence
 * (folded away), then what they can do.
 */
const Registration = ({
  registration,
  fetcher,
}: {
  registration: ReviewRegistration;
  fetcher: ServiceFetch;
}) => (
  <Flex direction="column" gap="sm" testId={`review-registration-${registration.id}`}>
    <Flex direction="row" gap="sm" align="center">
      <Heading>{`${registration.partnerName}: ${registration.customer.name ?? registration.customer.domain ?? 'customer'}`}</Heading>
      <StatusTag variant={statusVariant(registration.status)}>{statusLabel(registration.status)}</StatusTag>
    </Flex>
    <ReviewVerdict registration={registration} />
    {registration.conflicts.length > 0 && (
      <CompetingParties groups={registration.conflicts} scope={registration.id} />
    )}
    <ClaimEvidence
      firedRules={registration.firedRules}
      matches={registration.matches}
      testId={`evidence-${registration.id}`}
    />
    <ReviewActions registration={registration} fetcher={fetcher} />
    <Divider />
  </Flex>
);

/**
 * Registration review on a deal or a company: per registration, verdict, competing claims, evidence
 * and actions; then, on a deal, the disputes of its credit waiting for a decision.
 */
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
  const { registrations, disputes, record } = state.data;
  if (registrations.length === 0 && disputes.length === 0)
    return (
      <CardEmpty title="Nothing to review">
        {record.type === 'deal'
          ? `No partner registration or attribution dispute on ${record.name} is waiting for a decision.`
          : `No partner registration on ${record.name} is waiting for a decision.`}
      </CardEmpty>
    );
  return (
    <Flex direction="column" gap="md">
      {registrations.map((registration) => (
        <Registration key={registration.id} registration={registration} fetcher={fetcher} />
      ))}
      {disputes.length > 0 && (
        <Flex direction="column" gap="sm" testId="review-disputes">
          <Heading>Disputes</Heading>
          {disputes.map((dispute) => (
            <Flex key={dispute.id} direction="column" gap="sm">
              <DisputeReview dispute={dispute} dealId={objectId} fetcher={fetcher} />
              <Divider />
            </Flex>
          ))}
        </Flex>
      )}
    </Flex>
  );
};
