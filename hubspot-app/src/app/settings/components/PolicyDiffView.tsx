import { useState } from 'react';
import { Flex, List, Select, Text } from '@hubspot/ui-extensions';
import { useServiceData } from '../hooks/useServiceData';
import { policyDiffSchema } from '../types/settings';
import type { ServiceFetch } from '../utils/fetchFromService';
import { PageError, PageLoading } from './PageStates';

const PREFIX = { same: '  ', added: '+ ', removed: '- ' } as const;

/** Line diff between two published policy versions; unchanged lines are folded away. */
export const PolicyDiffView = ({ fetcher, versions }: { fetcher: ServiceFetch; versions: number[] }) => {
  const newest = versions[0] ?? 1;
  const [from, setFrom] = useState(versions[1] ?? newest);
  const [to, setTo] = useState(newest);
  const { state, reload } = useServiceData(
    fetcher,
    `/hubspot/cards/settings/policy/diff?from=${from}&to=${to}`,
    policyDiffSchema,
  );
  const options = versions.map((v) => ({ label: `Version ${v}`, value: v }));
  return (
    <Flex direction="column" gap="xs" testId="policy-diff">
      <Flex direction="row" gap="sm">
        <Select
          label="From"
          name="diff-from"
          value={from}
          options={options}
          onChange={(v) => setFrom(Number(v))}
        />
        <Select label="To" name="diff-to" value={to} options={options} onChange={(v) => setTo(Number(v))} />
      </Flex>
      {state.status === 'loading' && <PageLoading label="Comparing versions" />}
      {state.status === 'error' && (
        <PageError title="The comparison is unavailable" error={state.error} onRetry={() => void reload()} />
      )}
      {state.status === 'success' &&
        (state.data.added + state.data.removed === 0 ? (
          <Text>{`Versions ${from} and ${to} are the same.`}</Text>
        ) : (
          <>
            <Text>{`${state.data.added} line(s) added, ${state.data.removed} removed.`}</Text>
            <List variant="unordered">
              {state.data.lines
                .filter((line) => line.op !== 'same')
                .map((line, index) => (
                  <Text
                    key={index}
                    format={{
                      fontWeight: line.op === 'added' ? 'demibold' : 'regular',
                      lineDecoration: line.op === 'removed' ? 'strikethrough' : 'none',
                    }}
                  >
                    {`${PREFIX[line.op]}${line.text}`}
                  </Text>
                ))}
            </List>
          </>
        ))}
    </Flex>
  );
};
