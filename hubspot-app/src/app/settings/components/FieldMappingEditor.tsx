import { useState } from 'react';
import {
  Alert,
  Button,
  DescriptionList,
  DescriptionListItem,
  Flex,
  Input,
  List,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeader,
  TableRow,
  Tag,
  Text,
} from '@hubspot/ui-extensions';
import { useServiceAction } from '../hooks/useServiceAction';
import {
  fieldMappingPreviewSchema,
  MAPPED_OBJECTS,
  saveFieldMappingResponseSchema,
  type FieldMappingOverview,
  type SaveFieldMappingResponse,
} from '../types/fieldMapping';
import type { ServiceFetch } from '../utils/fetchFromService';
import {
  fieldKey,
  fieldLabel,
  mappingProblemsOf,
  objectLabel,
  overridesKey,
  overridesOf,
  valuesOf,
  type MappingValues,
} from '../utils/fieldMapping';
import { formatDateTime } from '../utils/format';
import { FieldMappingHistory } from './FieldMappingHistory';
import { FieldMappingPreviewTables } from './FieldMappingPreviewTables';

const PREVIEW_PATH = '/hubspot/cards/settings/field-mapping/preview';
const SAVE_PATH = '/hubspot/cards/settings/field-mapping';

/**
 * Edit, preview, then save. Save is only offered for the exact mapping that was previewed (as the
 * policy's Publish is for the simulated text): an admin always sees what the mapping reads from
 * real records, and that HubSpot accepts every property, before the sync starts using it.
 */
export const FieldMappingEditor = ({
  fetcher,
  overview,
}: {
  fetcher: ServiceFetch;
  overview: FieldMappingOverview;
}) => {
  const { fields } = overview.current;
  const [values, setValues] = useState<MappingValues>(() => valuesOf(fields));
  // What each request was sent with: an answer speaks only for the mapping it was asked about.
  const [previewed, setPreviewed] = useState<{ key: string; values: MappingValues } | null>(null);
  const [saveSent, setSaveSent] = useState<{ key: string; values: MappingValues } | null>(null);
  const [last, setLast] = useState<'preview' | 'save' | null>(null);
  const [saved, setSaved] = useState<SaveFieldMappingResponse | null>(null);
  const preview = useServiceAction(fetcher, { schema: fieldMappingPreviewSchema });
  const save = useServiceAction(fetcher, { method: 'PUT', schema: saveFieldMappingResponseSchema });

  const overrides = overridesOf(fields, values);
  const key = overridesKey(overrides);
  const previewedThis = preview.state.status === 'done' && previewed?.key === key;
  const savedThis = saved !== null && saveSent?.key === key;
  const canSave = previewedThis && !savedThis && save.state.status !== 'submitting';

  const failedAction = last === 'save' ? save : preview;
  const failedWith = last === 'save' ? saveSent : previewed;
  const failure = failedAction.state.status === 'error' ? failedAction.state.error : null;
  const problems = failure ? mappingProblemsOf(failure) : { byField: {}, general: [] };
  // A problem stays next to its field only while the field still holds what was checked.
  const problemOf = (k: string): string | undefined =>
    failedWith && failedWith.values[k] === values[k] ? problems.byField[k] : undefined;

  const history = saved?.history ?? overview.history;
  const inForce = history[0];
  const version = saved?.version ?? overview.current.version;

  return (
    <Flex direction="column" gap="sm" testId="field-mapping-editor">
      <DescriptionList direction="row">
        <DescriptionListItem label="In force">
          <Text>{version === null ? 'HubSpot standard properties' : `Version ${version}`}</Text>
        </DescriptionListItem>
        <DescriptionListItem label="Saved">
          <Text>
            {inForce
              ? `${formatDateTime(inForce.changedAt)} by ${inForce.changedBy.name ?? inForce.changedBy.userId}`
              : 'Never changed'}
          </Text>
        </DescriptionListItem>
      </DescriptionList>
      {MAPPED_OBJECTS.map((object) => {
        const rows = fields.filter((f) => f.object === object);
        if (rows.length === 0) return null;
        return (
          <Flex direction="column" gap="xs" key={object}>
            <Text format={{ fontWeight: 'demibold' }}>{objectLabel(object)}</Text>
            <Table bordered testId={`field-mapping-${object}`}>
              <TableHead>
                <TableRow>
                  <TableHeader>Entente field</TableHeader>
                  <TableHeader>HubSpot property</TableHeader>
                  <TableHeader>Accepted types</TableHeader>
                </TableRow>
              </TableHead>
              <TableBody>
                {rows.map((f) => {
                  const k = fieldKey(f.object, f.field);
                  const value = values[k] ?? f.property;
                  const problem = problemOf(k);
                  return (
                    <TableRow key={k}>
                      <TableCell>
                        {fieldLabel(f.field)} {value.trim() !== f.defaultProperty ? <Tag>custom</Tag> : null}
                      </TableCell>
                      <TableCell>
                        <Input
                          label={`${objectLabel(object)}: ${fieldLabel(f.field)}`}
                          name={`mapping-${object}-${f.field}`}
                          value={value}
                          description={`Standard: ${f.defaultProperty}`}
                          error={problem !== undefined}
                          validationMessage={problem}
                          onChange={(next) => setValues((previous) => ({ ...previous, [k]: next }))}
                        />
                      </TableCell>
                      <TableCell>{f.acceptedTypes.join(', ')}</TableCell>
                    </TableRow>
                  );
                })}
              </TableBody>
            </Table>
          </Flex>
        );
      })}
      <Flex direction="row" gap="sm">
        <Button
          variant="secondary"
          disabled={preview.state.status === 'submitting'}
          onClick={() => {
            setPreviewed({ key, values });
            setLast('preview');
            void preview.run(PREVIEW_PATH, overrides);
          }}
          testId="preview-mapping"
        >
          Preview
        </Button>
        <Button
          variant="primary"
          disabled={!canSave}
          onClick={() => {
            setSaveSent({ key, values });
            setLast('save');
            void save.run(SAVE_PATH, overrides).then((result) => {
              if (result) setSaved(result);
            });
          }}
          testId="save-mapping"
        >
          Save
        </Button>
      </Flex>
      {!previewedThis && !savedThis && (
        <Text variant="microcopy">
          Preview this mapping first; Save unlocks once you have seen what it reads from HubSpot.
        </Text>
      )}
      {failure && (
        <Alert
          title={last === 'save' ? 'The mapping was not saved' : 'The mapping cannot be previewed'}
          variant="error"
          testId="field-mapping-error"
        >
          {Object.keys(problems.byField).length > 0 || problems.general.length > 0
            ? 'HubSpot cannot feed some fields with these properties; each one is marked next to its field.'
            : failure.message}
          {problems.general.length > 0 && (
            <List variant="unordered">
              {problems.general.map((line) => (
                <Text key={line}>{line}</Text>
              ))}
            </List>
          )}
        </Alert>
      )}
      {previewedThis && preview.state.status === 'done' && (
        <Flex direction="column" gap="xs" testId="field-mapping-preview">
          <Text>What Entente would read with this mapping (a few records per kind; nothing is stored):</Text>
          <FieldMappingPreviewTables preview={preview.state.result} />
        </Flex>
      )}
      {saved && save.state.status === 'done' && (
        <Alert
          title={
            saved.changed
              ? `Version ${saved.version} is in force`
              : `Version ${saved.version} was already in force`
          }
          variant={saved.changed ? 'success' : 'info'}
          testId="field-mapping-saved"
        >
          {saved.changed
            ? 'Every sync from now on reads with it; records already stored keep their values until they are read again.'
            : 'This mapping was already in force, so nothing was stored.'}
        </Alert>
      )}
      <Text format={{ fontWeight: 'demibold' }}>Versions</Text>
      <FieldMappingHistory history={history} />
    </Flex>
  );
};
