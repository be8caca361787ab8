import { Flex, Heading, Link, List, ProgressBar, Text } from '@hubspot/ui-extensions';
import type { ReviewRegistration } from '../types/reviewCard';
import { formatDateTime, formatHoursLeft } from '../utils/format';
import { ConflictWarnings } from './ConflictWarnings';

/** The evidence a reviewer needs: matches with reasons, the rules that fired, and the clock. */
export const RegistrationEvidence = ({ registration }: { registration: ReviewRegistration }) => (
  <Flex direction="column" gap="xs">
    {registration.clock && (
      <ProgressBar
        title={`Review clock: ${formatHoursLeft(registration.clock)}`}
        value={registration.clock.percentUsed}
        maxValue={100}
        valueDescription={`decide by ${formatDateTime(registration.clock.endsAt)}`}
        variant={
          registration.clock.overdue ? 'danger' : registration.clock.percentUsed > 75 ? 'warning' : 'success'
        }
        testId={`review-clock-${registration.id}`}
      />
    )}
    <Heading>Rules that fired</Heading>
    {registration.firedRules.length === 0 ? (
      <Text>No rule fired; the policy default applied.</Text>
    ) : (
      <List variant="unordered">
        {registration.firedRules.map((rule) => (
          <Text key={rule.ruleId}>{`${rule.ruleId}: ${rule.reason}`}</Text>
        ))}
      </List>
    )}
    <Heading>Matches</Heading>
    {registration.matches.length === 0 ? (
      <Text>No existing customer record matched what the partner registered.</Text>
    ) : (
      <List variant="unordered">
        {registration.matches.map((match) => (
          <Flex key={`${match.type}-${match.label}`} direction="column" gap="flush">
            {match.url ? (
              <Link href={{ url: match.url, external: false }}>{match.label}</Link>
            ) : (
              <Text format={{ fontWeight: 'demibold' }}>{match.label}</Text>
            )}
            <Text variant="microcopy">{`${Math.round(match.score * 100)}% match (${match.decision}): ${match.reasons.join('; ')}`}</Text>
          </Flex>
        ))}
      </List>
    )}
    {registration.conflicts.length > 0 && <ConflictWarnings conflicts={registration.conflicts} />}
  </Flex>
);
