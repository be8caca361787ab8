import { Accordion, Flex, Heading, Link, List, Text } from '@hubspot/ui-extensions';
import type { FiredRule, MatchEvidence } from '../types/common';

const matchLine = (match: MatchEvidence) =>
  `${Math.round(match.score * 100)}% ${match.decision === 'match' ? 'match' : `${match.decision} match`}${match.reasons.length > 0 ? `: ${match.reasons.join('; ')}` : ''}`;

/**
 * Why the verdict is what it is, folded away until asked for: the rules that fired with their
 * reasons, and each record the claim was matched to, once, with its score and reasons.
 */
export const ClaimEvidence = ({
  firedRules,
  matches,
  testId,
}: {
  firedRules: FiredRule[];
  matches: MatchEvidence[];
  testId: string;
}) => (
  <Accordion
    title={`Evidence: ${matches.length} matched record${matches.length === 1 ? '' : 's'}, ${firedRules.length} rule${firedRules.length === 1 ? '' : 's'}`}
    size="xs"
    testId={testId}
  >
    <Flex direction="column" gap="xs">
      <Heading>Rules that fired</Heading>
      {firedRules.length === 0 ? (
        <Text>No rule fired; the policy default applied.</Text>
      ) : (
        <List variant="unordered">
          {firedRules.map((rule) => (
            <Text key={rule.ruleId}>{`${rule.ruleId}: ${rule.reason}`}</Text>
          ))}
        </List>
      )}
      <Heading>Matched records</Heading>
      {matches.length === 0 ? (
        <Text>No existing customer record matched what the partner registered.</Text>
      ) : (
        <List variant="unordered">
          {matches.map((match, index) => (
            <Flex
              key={`${match.type}-${match.id}`}
              direction="row"
              gap="xs"
              testId={`${testId}-match-${index}`}
            >
              {match.url ? (
                <Link href={{ url: match.url, external: false }}>{match.label}</Link>
              ) : (
                <Text format={{ fontWeight: 'demibold' }}>{match.label}</Text>
              )}
              <Text variant="microcopy">{matchLine(match)}</Text>
            </Flex>
          ))}
        </List>
      )}
    </Flex>
  </Accordion>
);
