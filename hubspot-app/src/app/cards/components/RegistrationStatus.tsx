import { DescriptionList, DescriptionListItem, Flex, StatusTag, Text } from '@hubspot/ui-extensions';
import type { DealRegistration } from '../types/dealCard';
import { formatDateTime, statusLabel, statusVariant } from '../utils/format';
import { ClaimEvidence } from './ClaimEvidence';
import { ProtectionClock, ReviewClock, SecondApprovalClock } from './ClockBar';
import { RuleTags } from './RuleTags';

/**
 * One claim's verdict first: who, the decision, the rules behind it and its clock (review due,
 * second approval due or protection until); the evidence behind it is folded away below.
 */
export const RegistrationStatus = ({ registration }: { registration: DealRegistration }) => (
  <Flex direction="column" gap="xs" testId={`verdict-${registration.id}`}>
    <Flex direction="row" gap="sm" align="center">
      <Text format={{ fontWeight: 'demibold' }}>{registration.partnerName}</Text>
      <StatusTag
        variant={statusVariant(registration.status)}
        testId={`registration-status-${registration.id}`}
      >
        {statusLabel(registration.status)}
      </StatusTag>
      <RuleTags rules={registration.firedRules} lead="Rules:" />
    </Flex>
    {registration.approvalClock &&
      // A proposed override runs on the second approver's clock, not the review's.
      (registration.status === 'pending_second_approval' ? (
        <SecondApprovalClock
          clock={registration.approvalClock}
          testId={`approval-clock-${registration.id}`}
        />
      ) : (
        <ReviewClock clock={registration.approvalClock} testId={`approval-clock-${registration.id}`} />
      ))}
    {registration.protection && (
      <ProtectionClock clock={registration.protection} testId={`protection-window-${registration.id}`} />
    )}
    <DescriptionList direction="row">
      <DescriptionListItem label="Submitted">
        <Text>{formatDateTime(registration.submittedAt)}</Text>
      </DescriptionListItem>
      {registration.assignedApproverName && (
        <DescriptionListItem label="Reviewer">
          <Text>{registration.assignedApproverName}</Text>
        </DescriptionListItem>
      )}
    </DescriptionList>
    {/* Claims from before the rules were recorded have nothing to expand. */}
    {registration.firedRules.length + registration.matches.length > 0 && (
      <ClaimEvidence
        firedRules={registration.firedRules}
        matches={registration.matches}
        testId={`evidence-${registration.id}`}
      />
    )}
  </Flex>
);
