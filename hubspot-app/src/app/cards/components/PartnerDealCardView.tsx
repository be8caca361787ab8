import { Alert, Divider, Flex, Heading, Tag, Text } from '@hubspot/ui-extensions';
import { useServiceAction } from '../hooks/useServiceAction';
import { useServiceData } from '../hooks/useServiceData';
import { dealCardPayloadSchema, type DealCardPayload } from '../types/dealCard';
import type { ServiceFetch } from '../utils/fetchFromService';
import { roleLabel } from '../utils/format';
import { AttributionPanel } from './AttributionPanel';
import { CardEmpty, CardError, CardLoading } from './CardStates';
import { CompetingParties } from './CompetingParties';
import { RegistrationStatus } from './RegistrationStatus';
import { SyncHealthLine } from './SyncHealthLine';

type Props = { fetcher: ServiceFetch; dealId: string };

const Partners = ({ data }: { data: DealCardPayload }) => (
  <Flex direction="column" gap="xs">
    <Heading>Partners on this deal</Heading>
    {data.partners.map((partner) => (
      <Flex
        key={partner.partnerId}
        direction="row"
        gap="sm"
        align="center"
        testId={`partner-${partner.partnerId}`}
      >
        <Text format={{ fontWeight: 'demibold' }}>{partner.name}</Text>
        <Text variant="microcopy">{`${partner.tier} tier`}</Text>
        {partner.roles.map((role) => (
          <Tag key={role} variant="default">
            {roleLabel(role)}
          </Tag>
        ))}
        <Text variant="microcopy">{partner.roleReasons.join('; ')}</Text>
      </Flex>
    ))}
  </Flex>
);

/**
 * The partner deal card, verdict first: each claim's decision, rules and clock; then who competes
 * with it (one block per party, never this deal); then partners and their roles, attribution and
 * sync health. The fetcher is passed in so tests and `entente preview` replace it.
 */
export const PartnerDealCardView = ({ fetcher, dealId }: Props) => {
  const { state, reload } = useServiceData(
    fetcher,
    `/hubspot/cards/deals/${encodeURIComponent(dealId)}`,
    dealCardPayloadSchema,
  );
  const dispute = useServiceAction(fetcher);

  if (state.status === 'loading') return <CardLoading label="Loading partners on this deal" />;
  if (state.status === 'error')
    return (
      <CardError title="Partner details are unavailable" error={state.error} onRetry={() => void reload()} />
    );
  const data = state.data;

  const onDispute = (participantId: string, reason: string) => {
    void dispute
      .run(`/hubspot/cards/deals/${encodeURIComponent(dealId)}/disputes`, { participantId, reason })
      .then((result) => {
        if (result) void reload();
      });
  };

  const nothing =
    data.partners.length === 0 && data.registrations.length === 0 && data.conflicts.length === 0;
  return (
    <Flex direction="column" gap="md">
      {nothing ? (
        <CardEmpty title="No partners on this deal">
          No partner has registered this deal or been recorded on it. Partner registrations and touchpoints
          show up here as soon as they arrive.
        </CardEmpty>
      ) : (
        <>
          {data.registrations.length > 0 && (
            <Flex direction="column" gap="sm">
              <Heading>Registrations</Heading>
              {data.registrations.map((registration) => (
                <RegistrationStatus key={registration.id} registration={registration} />
              ))}
            </Flex>
          )}
          {data.conflicts.length > 0 && (
            <CompetingParties groups={data.conflicts} showAgainst={data.registrations.length > 1} />
          )}
          {data.partners.length > 0 && <Partners data={data} />}
        </>
      )}
      <Divider />
      {data.attribution ? (
        <AttributionPanel attribution={data.attribution} disputeState={dispute.state} onDispute={onDispute} />
      ) : (
        <Alert title="Attribution is unavailable" variant="warning">
          {data.attributionError ?? 'Credit for this deal could not be worked out right now.'}
        </Alert>
      )}
      <Divider />
      <SyncHealthLine sync={data.sync} />
    </Flex>
  );
};
