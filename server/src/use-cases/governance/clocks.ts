import type { Queryable } from '../../store/database.js';
import { enqueueJob } from '../../store/repositories/jobQueue.js';

export const CLOCK_JOBS = {
  reviewDue: 'governance.review_due',
  reminder: 'governance.protection_reminder',
  expiry: 'governance.protection_expiry',
} as const;

const DAY_MS = 86_400_000;

/** The review's due time: when it passes and nobody decided, the review escalates. */
export const scheduleReviewDue = (tx: Queryable, tenantId: string, registrationId: string, dueAt: string) =>
  enqueueJob(tx, {
    tenantId,
    kind: CLOCK_JOBS.reviewDue,
    payload: { registrationId, dueAt },
    runAt: new Date(dueAt),
    dedupeKey: `${CLOCK_JOBS.reviewDue}:${tenantId}:${registrationId}:${dueAt}`,
  });

/**
 * The protection window's expiry and its reminders. Keys carry the window's end, so an extension
 * schedules fresh jobs and the old ones find the window moved and do nothing.
 */
export const scheduleProtection = async (
  tx: Queryable,
  tenantId: string,
  registrationId: string,
  protectedUntil: string,
  reminderDaysBeforeExpiry: readonly number[],
  now: Date,
): Promise<void> => {
  const end = Date.parse(protectedUntil);
  await enqueueJob(tx, {
    tenantId,
    kind: CLOCK_JOBS.expiry,
    payload: { registrationId, protectedUntil },
    runAt: new Date(end),
    dedupeKey: `${CLOCK_JOBS.expiry}:${tenantId}:${registrationId}:${protectedUntil}`,
  });
  for (const days of reminderDaysBeforeExpiry) {
    const at = end - days * DAY_MS;
    if (at <= now.getTime()) continue;
    await enqueueJob(tx, {
      tenantId,
      kind: CLOCK_JOBS.reminder,
      payload: { registrationId, protectedUntil, daysBefore: days },
      runAt: new Date(at),
      dedupeKey: `${CLOCK_JOBS.reminder}:${tenantId}:${registrationId}:${protectedUntil}:${days}`,
    });
  }
};
