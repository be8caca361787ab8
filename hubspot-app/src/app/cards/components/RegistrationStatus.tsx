import {
  DescriptionList,
  DescriptionListItem,
  Flex,
  ProgressBar,
  StatusTag,
  Text,
} from '@hubspot/ui-extensions';
import type { DealRegistration } from '../types/dealCard';
import { formatDate, formatDateTime, formatHoursLeft, statusLabel, statusVariant } from '../utils/format';

/** Status, protection window and approval clock of one registration. */
export const RegistrationStatus = ({ registration }: { registration: DealRegistration }) => (
  <Flex direction="column" gap="xs">
    <Flex direction="row" gap="sm" align="center">
      <Text format={{ fontWeight: 'demibold' }}>{registration.partnerName}</Text>
      <StatusTag
        variant={statusVariant(registration.status)}
        testId={`registration-status-${registration.id}`}
      >
        {statusLabel(registration.status)}
      </StatusTag>
    </Flex>
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
    {registration.approvalClock && (
      <ProgressBar
        title={`Approval clock: ${formatHoursLeft(registration.approvalClock)}`}
        value={registration.approvalClock.percentUsed}
        maxValue={100}
        valueDescription={`decide by ${formatDateTime(registration.approvalClock.endsAt)}`}
        variant={
          registration.approvalClock.overdue
            ? 'danger'
            : registration.approvalClock.percentUsed > 75
              ? 'warning'
              : 'success'
        }
        testId={`approval-clock-${registration.id}`}
      />
    )}
    {registration.protection && (
      <ProgressBar
        title={`Protected until ${formatDate(registration.protection.endsAt)} (${formatHoursLeft(registration.protection)})`}
        value={registration.protection.percentUsed}
        maxValue={100}
        valueDescription={`protection started ${formatDate(registration.protection.startsAt)}`}
        variant={
          registration.protection.overdue
            ? 'danger'
            : registration.protection.percentUsed > 85
              ? 'warning'
              : 'success'
        }
        testId={`protection-window-${registration.id}`}
      />
    )}
  </Flex>
);
