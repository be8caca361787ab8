import { useState } from 'react';
import { Alert, Button, Flex, Input, Text } from '@hubspot/ui-extensions';
import { useServiceAction } from '../hooks/useServiceAction';
import { issueApiKeyResponseSchema, type IssueApiKeyResponse } from '../types/people';
import type { ServiceFetch } from '../utils/fetchFromService';
import { OneTimeLinkNotice } from './OneTimeLinkNotice';

export const API_KEY_PATH = '/hubspot/cards/settings/api-key';

/** The admin's own key for Entente's internal API (scripts, exports), again as a one-time link. */
export const ApiKeyRequest = ({ fetcher }: { fetcher: ServiceFetch }) => {
  const [name, setName] = useState('');
  const [nameMissing, setNameMissing] = useState(false);
  const request = useServiceAction<IssueApiKeyResponse>(fetcher, { schema: issueApiKeyResponseSchema });

  const submit = () => {
    if (!name.trim()) {
      setNameMissing(true);
      return;
    }
    setNameMissing(false);
    void request.run(API_KEY_PATH, { name: name.trim() });
  };

  return (
    <Flex direction="column" gap="sm" testId="api-key">
      <Text>
        A key for Entente's internal API, for your own scripts and tools. It is tied to you; name it after
        what will use it.
      </Text>
      <Input
        label="Key name"
        name="api-key-name"
        value={name}
        onChange={(value) => setName(value)}
        {...(nameMissing ? { error: true, validationMessage: 'Give the key a name.' } : {})}
      />
      <Flex direction="row" gap="sm">
        <Button
          variant="secondary"
          testId="get-api-key"
          disabled={request.state.status === 'submitting'}
          onClick={() => submit()}
        >
          Get an API key for yourself
        </Button>
      </Flex>
      {request.state.status === 'done' && (
        <OneTimeLinkNotice
          title={`Your API key "${request.state.result.name}" is ready`}
          link={request.state.result.link}
          expiresAt={request.state.result.expiresAt}
          testId="api-key-link"
        />
      )}
      {request.state.status === 'error' && (
        <Alert title="No API key was issued" variant="error" testId="api-key-error">
          {request.state.error.message}
        </Alert>
      )}
    </Flex>
  );
};
