import { Flex, Tag, Text } from '@hubspot/ui-extensions';
import type { FiredRule } from '../types/common';

/** The ids of the rules behind a verdict, at a glance; their reasons are in the evidence. */
export const RuleTags = ({ rules, lead }: { rules: FiredRule[]; lead: string }) => (
  <Flex direction="row" gap="xs" align="center">
    <Text variant="microcopy">{rules.length > 0 ? lead : `${lead} no rule fired`}</Text>
    {rules.map((rule) => (
      <Tag key={rule.ruleId} variant="default">
        {rule.ruleId}
      </Tag>
    ))}
  </Flex>
);
