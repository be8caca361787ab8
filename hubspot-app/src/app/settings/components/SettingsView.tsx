import {
  DescriptionList,
  DescriptionListItem,
  Divider,
  Flex,
  Heading,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeader,
  TableRow,
  Text,
} from '@hubspot/ui-extensions';
import { useServiceData } from '../hooks/useServiceData';
import { settingsPayloadSchema } from '../types/settings';
import type { ServiceFetch } from '../utils/fetchFromService';
import { formatDateTime } from '../utils/format';
import { FieldMapping } from './FieldMapping';
import { PageError, PageLoading } from './PageStates';
import { PeopleAndPartners } from './PeopleAndPartners';
import { PolicyDiffView } from './PolicyDiffView';
import { PolicyPublisher } from './PolicyPublisher';

/** The admin settings page: rules of engagement, field mapping, attribution model, people and partners. */
export const SettingsView = ({ fetcher }: { fetcher: ServiceFetch }) => {
  const { state, reload } = useServiceData(fetcher, '/hubspot/cards/settings', settingsPayloadSchema);
  if (state.status === 'loading') return <PageLoading label="Loading Entente settings" />;
  if (state.status === 'error')
    return <PageError title="Settings are unavailable" error={state.error} onRetry={() => void reload()} />;
  const { policy, attribution } = state.data;
  return (
    <Flex direction="column" gap="md">
      <Heading>Rules of engagement</Heading>
      <DescriptionList direction="row">
        <DescriptionListItem label="In force">
          <Text>{`Version ${policy.current.version}: ${policy.current.name}`}</Text>
        </DescriptionListItem>
        <DescriptionListItem label="Published">
          <Text>{`${formatDateTime(policy.current.publishedAt)} by ${policy.current.publishedBy}`}</Text>
        </DescriptionListItem>
        <DescriptionListItem label="Rules">
          <Text>{policy.current.ruleIds.join(', ')}</Text>
        </DescriptionListItem>
      </DescriptionList>
      <Table bordered testId="policy-history">
        <TableHead>
          <TableRow>
            <TableHeader>Version</TableHeader>
            <TableHeader>Name</TableHeader>
            <TableHeader>Published</TableHeader>
            <TableHeader>By</TableHeader>
          </TableRow>
        </TableHead>
        <TableBody>
          {policy.history.map((v) => (
            <TableRow key={v.version}>
              <TableCell>{String(v.version)}</TableCell>
              <TableCell>{v.name}</TableCell>
              <TableCell>{formatDateTime(v.publishedAt)}</TableCell>
              <TableCell>{v.publishedBy}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {policy.history.length > 1 && (
        <PolicyDiffView fetcher={fetcher} versions={policy.history.map((v) => v.version)} />
      )}
      <PolicyPublisher
        fetcher={fetcher}
        currentSource={policy.current.source}
        onPublished={() => void reload()}
      />
      <Divider />
      <FieldMapping fetcher={fetcher} />
      <Divider />
      <Heading>Attribution model</Heading>
      <DescriptionList direction="row">
        <DescriptionListItem label="Model">
          <Text>{`${attribution.modelLabel} (version ${attribution.version})`}</Text>
        </DescriptionListItem>
        <DescriptionListItem label="Renewals">
          <Text>{attribution.renewal}</Text>
        </DescriptionListItem>
        <DescriptionListItem label="Dispute window">
          <Text>
            {attribution.disputeWindowDays === null ? '—' : `${attribution.disputeWindowDays} days`}
          </Text>
        </DescriptionListItem>
      </DescriptionList>
      <Divider />
      <PeopleAndPartners fetcher={fetcher} />
    </Flex>
  );
};
