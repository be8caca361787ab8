import { useState } from 'react';
import { Alert, Button, Flex, List, Text, TextArea } from '@hubspot/ui-extensions';
import { useServiceAction } from '../hooks/useServiceAction';
import { policySimulationSchema, publishPolicyResponseSchema } from '../types/settings';
import type { ServiceFetch } from '../utils/fetchFromService';

/**
 * Edit, simulate, then publish. Publishing is only offered for the exact text that was simulated:
 * an admin always sees what a policy would have changed on history before it takes effect.
 */
export const PolicyPublisher = ({
  fetcher,
  currentSource,
  onPublished,
}: {
  fetcher: ServiceFetch;
  currentSource: string;
  onPublished: () => void;
}) => {
  const [source, setSource] = useState(currentSource);
  const [simulatedSource, setSimulatedSource] = useState<string | null>(null);
  const simulate = useServiceAction(fetcher);
  const publish = useServiceAction(fetcher);
  const simulation =
    simulate.state.status === 'done' ? policySimulationSchema.safeParse(simulate.state.result) : undefined;
  const published =
    publish.state.status === 'done' ? publishPolicyResponseSchema.safeParse(publish.state.result) : undefined;
  const simulatedThis = simulation?.success && simulatedSource === source;

  return (
    <Flex direction="column" gap="sm" testId="policy-publisher">
      <TextArea
        label="Policy (YAML)"
        name="policy-source"
        value={source}
        rows={12}
        onChange={(value) => setSource(value)}
      />
      <Flex direction="row" gap="sm">
        <Button
          variant="secondary"
          disabled={simulate.state.status === 'submitting'}
          onClick={() => {
            setSimulatedSource(source);
            void simulate.run('/hubspot/cards/settings/policy/simulate', { source });
          }}
          testId="simulate"
        >
          Simulate on history
        </Button>
        <Button
          variant="primary"
          disabled={!simulatedThis || publish.state.status === 'submitting'}
          onClick={() => {
            if (!simulation?.success) return;
            void publish
              .run('/hubspot/cards/settings/policy', { source, simulationId: simulation.data.simulationId })
              .then((result) => {
                if (result) onPublished();
              });
          }}
          testId="publish"
        >
          Publish
        </Button>
      </Flex>
      {!simulatedThis && (
        <Text variant="microcopy">
          Simulate this text first; Publish unlocks once you have seen what it changes.
        </Text>
      )}
      {simulation?.success && (
        <Alert
          title={`Simulation of "${simulation.data.policyName}"`}
          variant={simulation.data.flipped > 0 ? 'warning' : 'info'}
          testId="simulation-summary"
        >
          {`Replayed ${simulation.data.evaluated} past registrations: ${simulation.data.flipped} would be decided differently (${simulation.data.approvalsGained} more approvals, ${simulation.data.approvalsLost} fewer, ${simulation.data.reviewsAdded} more manual reviews); ${simulation.data.protectionChanged} would get a different protection window. Past decisions never change.`}
          {simulation.data.examples.length > 0 && (
            <List variant="unordered">
              {simulation.data.examples.map((line) => (
                <Text key={line}>{line}</Text>
              ))}
            </List>
          )}
        </Alert>
      )}
      {simulate.state.status === 'error' && (
        <Alert title="The policy cannot be simulated" variant="error">
          {simulate.state.error.message}
        </Alert>
      )}
      {published?.success && (
        <Alert title={`Version ${published.data.version} is live`} variant="success">
          New registrations are decided under it; earlier decisions keep citing the version they were made
          under.
        </Alert>
      )}
      {publish.state.status === 'error' && (
        <Alert title="The policy was not published" variant="error">
          {publish.state.error.message}
        </Alert>
      )}
    </Flex>
  );
};
