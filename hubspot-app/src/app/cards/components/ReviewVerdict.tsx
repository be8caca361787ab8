import { Flex, Text } from '@hubspot/ui-extensions';
import type { ReviewRegistration } from '../types/reviewCard';
import { formatDateTime } from '../utils/format';
import { ProtectionClock, ReviewClock, SecondApprovalClock } from './ClockBar';
import { RuleTags } from './RuleTags';

/** What the rules decided, which rules, and the clock that runs on it: the first thing a reviewer reads. */
export const ReviewVerdict = ({ registration }: { registration: ReviewRegistration }) => (
  <Flex direction="column" gap="xs" testId={`verdict-${registration.id}`}>
    <RuleTags
      rules={registration.firedRules}
      lead={`Policy version ${registration.policy.version ?? '—'} said ${registration.policy.outcome ?? 'nothing yet'}:`}
    />
    {registration.clock &&
      (registration.mode === 'confirm' ? (
        <SecondApprovalClock clock={registration.clock} testId={`second-approval-clock-${registration.id}`} />
      ) : (
        <ReviewClock clock={registration.clock} testId={`review-clock-${registration.id}`} />
      ))}
    {registration.protection && (
      <ProtectionClock clock={registration.protection} testId={`protection-window-${registration.id}`} />
    )}
    <Text variant="microcopy">{`Submitted ${formatDateTime(registration.submittedAt)}.`}</Text>
  </Flex>
);
