import { Flex, Heading } from '@hubspot/ui-extensions';
import { useServiceData } from '../hooks/useServiceData';
import { fieldMappingOverviewSchema } from '../types/fieldMapping';
import type { ServiceFetch } from '../utils/fetchFromService';
import { FieldMappingEditor } from './FieldMappingEditor';
import { PageEmpty, PageError, PageLoading } from './PageStates';

export const FIELD_MAPPING_PATH = '/hubspot/cards/settings/field-mapping';

/**
 * Which HubSpot property feeds each Entente field. It loads on its own, so a failure here hides
 * nothing else on the page; a retry reloads it and starts the editor again from what is in force.
 */
export const FieldMapping = ({ fetcher }: { fetcher: ServiceFetch }) => {
  const { state, reload } = useServiceData(fetcher, FIELD_MAPPING_PATH, fieldMappingOverviewSchema);
  return (
    <Flex direction="column" gap="md" testId="field-mapping">
      <Heading>Field mapping</Heading>
      {state.status === 'loading' && <PageLoading label="Loading the field mapping" />}
      {state.status === 'error' && (
        <PageError
          title="The field mapping is unavailable"
          error={state.error}
          onRetry={() => void reload()}
          retryTestId="retry-field-mapping"
        />
      )}
      {state.status === 'success' &&
        (state.data.current.fields.length === 0 ? (
          <PageEmpty title="Nothing to map">
            Your Entente service offers no fields to map. Ask whoever runs Entente to update it.
          </PageEmpty>
        ) : (
          <FieldMappingEditor fetcher={fetcher} overview={state.data} />
        ))}
    </Flex>
  );
};
