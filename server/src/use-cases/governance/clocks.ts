import type { AppliedDecision } from '@entente/shared/governance';
import { enqueue } from '../../jobs/jobKinds.js';
import type { TenantStore } from '../../store/store.js';

/**
 * The clocks a decision starts, as durable jobs in the decision's own transaction. Keys carry the
 * instant they are for, so a moved window or a new due time schedules fresh jobs, and the old ones
 * find the world moved on and do nothing.
 */
export const scheduleClocks = async (
  tx: TenantStore,
  registrationId: string,
  applied: Pick<AppliedDecision, 'reviewDueAt' | 'protectedUntil' | 'reminders'>,
  windowMoved: boolean,
): Promise<void> => {
  const { reviewDueAt, protectedUntil } = applied;
  if (reviewDueAt)
    await enqueue(
      tx,
      'governance.review_due',
      { registrationId, dueAt: reviewDueAt },
      { runAt: new Date(reviewDueAt), once: `${registrationId}:${reviewDueAt}` },
    );
  if (!windowMoved || !protectedUntil) return;
  await enqueue(
    tx,
    'governance.protection_expiry',
    { registrationId, protectedUntil },
    { runAt: new Date(protectedUntil), once: `${registrationId}:${protectedUntil}` },
  );
  for (const reminder of applied.reminders)
    await enqueue(
      tx,
      'governance.protection_reminder',
      { registrationId, protectedUntil, daysBefore: reminder.daysBefore },
      { runAt: new Date(reminder.at), once: `${registrationId}:${protectedUntil}:${reminder.daysBefore}` },
    );
};
