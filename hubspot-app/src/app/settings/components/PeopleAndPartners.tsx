import { Divider, Flex, Heading, Text } from '@hubspot/ui-extensions';
import { usePeopleDirectory } from '../hooks/usePeopleDirectory';
import type { ServiceFetch } from '../utils/fetchFromService';
import { ApiKeyRequest } from './ApiKeyRequest';
import { PageError, PageLoading } from './PageStates';
import { PartnersList } from './PartnersList';
import { RolesTable } from './RolesTable';

/**
 * Who may do what in Entente, which partners exist, and the keys that let systems call Entente.
 * It loads on its own, so a failure here never hides the rules of engagement above it.
 */
export const PeopleAndPartners = ({ fetcher }: { fetcher: ServiceFetch }) => {
  const { state, directory, reload, userSaved, partnerAdded } = usePeopleDirectory(fetcher);
  return (
    <Flex direction="column" gap="md" testId="people-and-partners">
      <Heading>People and partners</Heading>
      {state.status === 'loading' && <PageLoading label="Loading people and partners" />}
      {state.status === 'error' && (
        <PageError
          title="People and partners are unavailable"
          error={state.error}
          onRetry={() => void reload()}
          retryTestId="retry-people"
        />
      )}
      {directory && (
        <>
          <Text format={{ fontWeight: 'demibold' }}>Roles</Text>
          <RolesTable fetcher={fetcher} users={directory.users} onSaved={userSaved} />
          <Text format={{ fontWeight: 'demibold' }}>Partners</Text>
          <PartnersList fetcher={fetcher} partners={directory.partners} onAdded={partnerAdded} />
        </>
      )}
      <Divider />
      <Text format={{ fontWeight: 'demibold' }}>Your API key</Text>
      <ApiKeyRequest fetcher={fetcher} />
    </Flex>
  );
};
