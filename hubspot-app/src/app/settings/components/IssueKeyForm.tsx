import { useState } from 'react';
import { Alert, Button, Flex, Input, Text } from '@hubspot/ui-extensions';
import { useServiceAction } from '../hooks/useServiceAction';
import {
  issuePartnerKeyResponseSchema,
  type DirectoryPartner,
  type IssuePartnerKeyResponse,
} from '../types/people';
import type { ServiceFetch } from '../utils/fetchFromService';
import { OneTimeLinkNotice } from './OneTimeLinkNotice';

export const partnerKeysPath = (partnerId: string) =>
  `/hubspot/cards/settings/partners/${encodeURIComponent(partnerId)}/keys`;

/**
 * Issues a key for one partner's systems and shows the one-time link for it. The page never holds
 * the key: the partner's technical contact sees it once, when they open the link.
 */
export const IssueKeyForm = ({
  fetcher,
  partner,
  onIssued,
  onClose,
}: {
  fetcher: ServiceFetch;
  partner: DirectoryPartner;
  onIssued: (issued: IssuePartnerKeyResponse) => void;
  onClose: () => void;
}) => {
  const [name, setName] = useState('');
  const [nameMissing, setNameMissing] = useState(false);
  const issue = useServiceAction<IssuePartnerKeyResponse>(fetcher, { schema: issuePartnerKeyResponseSchema });
  const failed = issue.state.status === 'error' ? issue.state.error : null;

  if (issue.state.status === 'done') {
    const issued = issue.state.result;
    return (
      <Flex direction="column" gap="sm" testId="issue-key">
        <OneTimeLinkNotice
          title={`Key "${issued.name}" issued for ${partner.name}`}
          link={issued.link}
          expiresAt={issued.expiresAt}
          sendTo={`${partner.name}'s technical contact`}
          testId="partner-key-link"
        />
        <Flex direction="row" gap="sm">
          <Button variant="secondary" testId="issue-key-done" onClick={() => onClose()}>
            Done
          </Button>
        </Flex>
      </Flex>
    );
  }

  const submit = async () => {
    if (!name.trim()) {
      setNameMissing(true);
      return;
    }
    setNameMissing(false);
    const result = await issue.run(partnerKeysPath(partner.id), { name: name.trim() });
    if (result) onIssued(result);
  };

  const nameProblem = nameMissing
    ? 'Give the key a name.'
    : failed?.code === 'KEYS.NAME_TAKEN'
      ? `${partner.name} already has a key with this name. Pick another name.`
      : undefined;

  return (
    <Flex direction="column" gap="sm" testId="issue-key">
      <Text format={{ fontWeight: 'demibold' }}>{`Issue a key for ${partner.name}`}</Text>
      <Input
        label="Key name"
        name="key-name"
        required
        description="Name it after the system that will use it, so it can be recognised and revoked later."
        value={name}
        onChange={(value) => setName(value)}
        {...(nameProblem ? { error: true, validationMessage: nameProblem } : {})}
      />
      {failed && failed.code !== 'KEYS.NAME_TAKEN' && (
        <Alert title="The key was not issued" variant="error" testId="issue-key-error">
          {failed.message}
        </Alert>
      )}
      <Flex direction="row" gap="sm">
        <Button
          variant="primary"
          testId="issue-key-submit"
          disabled={issue.state.status === 'submitting'}
          onClick={() => void submit()}
        >
          Issue key
        </Button>
        <Button variant="secondary" testId="issue-key-cancel" onClick={() => onClose()}>
          Cancel
        </Button>
      </Flex>
    </Flex>
  );
};
