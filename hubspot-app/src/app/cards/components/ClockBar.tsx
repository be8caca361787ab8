import { ProgressBar } from '@hubspot/ui-extensions';
import type { Clock } from '../types/common';
import { formatDate, formatDateTime, formatHoursLeft } from '../utils/format';

/** Review due: how long a reviewer has left to decide a pending claim. */
export const ReviewClock = ({ clock, testId }: { clock: Clock; testId: string }) => (
  <ProgressBar
    title={`Review due ${formatDateTime(clock.endsAt)} (${formatHoursLeft(clock)})`}
    value={clock.percentUsed}
    maxValue={100}
    // The title already says when it is due; the submission time is said beside the verdict.
    variant={clock.overdue ? 'danger' : clock.percentUsed > 75 ? 'warning' : 'success'}
    testId={testId}
  />
);

/** Protection until: how long an approved claim keeps the customer. */
export const ProtectionClock = ({ clock, testId }: { clock: Clock; testId: string }) => (
  <ProgressBar
    title={`Protected until ${formatDate(clock.endsAt)} (${formatHoursLeft(clock)})`}
    value={clock.percentUsed}
    maxValue={100}
    valueDescription={`protection started ${formatDate(clock.startsAt)}`}
    variant={clock.overdue ? 'danger' : clock.percentUsed > 85 ? 'warning' : 'success'}
    testId={testId}
  />
);

/** Second approval due: how long a proposed override waits for a second person before it lapses. */
export const SecondApprovalClock = ({ clock, testId }: { clock: Clock; testId: string }) => (
  <ProgressBar
    title={`Second approval due ${formatDateTime(clock.endsAt)} (${formatHoursLeft(clock)})`}
    value={clock.percentUsed}
    maxValue={100}
    valueDescription={`override proposed ${formatDateTime(clock.startsAt)}`}
    variant={clock.overdue ? 'danger' : clock.percentUsed > 75 ? 'warning' : 'success'}
    testId={testId}
  />
);
