import { useState } from 'react';
import { Alert, Button, Flex, Input, List, MultiSelect, Text } from '@hubspot/ui-extensions';
import { useServiceAction } from '../hooks/useServiceAction';
import {
  createPartnerResponseSchema,
  invalidFieldsSchema,
  requestIssuesSchema,
  MOTIONS,
  type CreatePartnerResponse,
  type DirectoryPartner,
} from '../types/people';
import type { ServiceError, ServiceFetch } from '../utils/fetchFromService';
import { motionLabel } from '../utils/labels';

export const PARTNERS_PATH = '/hubspot/cards/settings/partners';

const FIELDS = ['name', 'tier', 'motions', 'domains'] as const;
type Field = (typeof FIELDS)[number];

/** "tailspin.example, tailspin.co.uk" → ["tailspin.example", "tailspin.co.uk"] */
export const domainsFrom = (text: string): string[] =>
  text
    .split(/[\s,;]+/)
    .map((d) => d.trim())
    .filter(Boolean);

type FieldMessages = Partial<Record<Field, string>>;

/** The service's list of bad fields, from either answer it gives for them. */
const reportedFields = (error: ServiceError): { field: string; message: string }[] => {
  // 422 PARTNERS.INVALID_FIELDS: what the service's partner rules refused.
  const invalid = invalidFieldsSchema.safeParse(error.details);
  if (error.code === 'PARTNERS.INVALID_FIELDS' && invalid.success) return invalid.data.invalid;
  // 400 REQUEST.INVALID: the request did not match the route's schema; paths start with "body.".
  const issues = requestIssuesSchema.safeParse(error.details);
  if (error.code === 'REQUEST.INVALID' && issues.success)
    return issues.data.map(({ path, message }) => ({ field: path.replace(/^body\./, ''), message }));
  return [];
};

/**
 * Sorts the service's messages into the form's fields. A field may be named by path
 * (`domains[1]`, `domains.1`); anything the form has no field for goes into one Alert.
 */
const invalidFieldsOf = (error: ServiceError) => {
  const byField: FieldMessages = {};
  const other: string[] = [];
  for (const { field, message } of reportedFields(error)) {
    const base = field.split(/[.[]/)[0] as Field;
    if ((FIELDS as readonly string[]).includes(base))
      byField[base] = byField[base] ? `${byField[base]} ${message}` : message;
    else other.push(`${field}: ${message}`);
  }
  return { byField, other };
};

/**
 * Adds a partner. Values are committed on blur (HubSpot's onChange), so the form checks what it
 * can when Add is pressed rather than disabling the button, which could swallow the first click.
 * It asks for a name, a tier and a motion (the service refuses a partner without them); the rest
 * is the service's to judge, and its messages show next to the fields.
 */
export const AddPartnerForm = ({
  fetcher,
  onAdded,
  onCancel,
}: {
  fetcher: ServiceFetch;
  onAdded: (partner: Omit<DirectoryPartner, 'keys'>) => void;
  onCancel: () => void;
}) => {
  const [name, setName] = useState('');
  const [tier, setTier] = useState('');
  const [motions, setMotions] = useState<string[]>([]);
  const [domains, setDomains] = useState('');
  const [missing, setMissing] = useState<FieldMessages>({});
  const add = useServiceAction<CreatePartnerResponse>(fetcher, { schema: createPartnerResponseSchema });
  const failed = add.state.status === 'error' ? add.state.error : null;
  const { byField, other } = failed ? invalidFieldsOf(failed) : { byField: {}, other: [] };
  const reported = failed !== null && (Object.keys(byField).length > 0 || other.length > 0);
  const fieldError = (field: Field) => {
    const message = missing[field] ?? byField[field];
    return message ? { error: true, validationMessage: message } : {};
  };

  const submit = async () => {
    const checks: FieldMessages = {
      ...(name.trim() ? {} : { name: 'Give the partner a name.' }),
      ...(tier.trim() ? {} : { tier: 'Give the partner a tier.' }),
      ...(motions.length > 0 ? {} : { motions: 'Pick at least one motion.' }),
    };
    setMissing(checks);
    if (Object.keys(checks).length > 0) return;
    const result = await add.run(PARTNERS_PATH, {
      name: name.trim(),
      domains: domainsFrom(domains),
      motions,
      tier: tier.trim(),
    });
    if (result) onAdded(result.partner);
  };

  return (
    <Flex direction="column" gap="sm" testId="add-partner-form">
      <Text format={{ fontWeight: 'demibold' }}>Add a partner</Text>
      <Input
        label="Name"
        name="partner-name"
        required
        value={name}
        onChange={(value) => setName(value)}
        {...fieldError('name')}
      />
      <Input
        label="Tier"
        name="partner-tier"
        required
        placeholder="Gold"
        value={tier}
        onChange={(value) => setTier(value)}
        {...fieldError('tier')}
      />
      <MultiSelect
        label="Motions"
        name="partner-motions"
        required
        value={motions}
        options={MOTIONS.map((m) => ({ label: motionLabel(m), value: m }))}
        onChange={(value) => setMotions(value.map(String))}
        {...fieldError('motions')}
      />
      <Input
        label="Domains"
        name="partner-domains"
        description="The partner's own web domains, separated by commas, for example tailspin.example, tailspin.co.uk."
        value={domains}
        onChange={(value) => setDomains(value)}
        {...fieldError('domains')}
      />
      {failed?.code === 'PARTNERS.DUPLICATE' && (
        <Alert title="This partner already exists" variant="error" testId="add-partner-error">
          {failed.message}
        </Alert>
      )}
      {reported && other.length > 0 && (
        <Alert title="Some fields need fixing" variant="error" testId="add-partner-error">
          <List variant="unordered">
            {other.map((line) => (
              <Text key={line}>{line}</Text>
            ))}
          </List>
        </Alert>
      )}
      {failed && failed.code !== 'PARTNERS.DUPLICATE' && !reported && (
        <Alert title="The partner was not added" variant="error" testId="add-partner-error">
          {failed.message}
        </Alert>
      )}
      <Flex direction="row" gap="sm">
        <Button
          variant="primary"
          testId="add-partner-submit"
          disabled={add.state.status === 'submitting'}
          onClick={() => void submit()}
        >
          Add partner
        </Button>
        <Button variant="secondary" testId="add-partner-cancel" onClick={() => onCancel()}>
          Cancel
        </Button>
      </Flex>
    </Flex>
  );
};
