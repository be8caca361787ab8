import { canTransition, transition } from '@entente/shared/governance';
import type { AppContext } from '../../appContext.js';
import type { JobHandler } from '../../jobs/jobRunner.js';
import { assignApprover } from './approvers.js';
import { CLOCK_JOBS } from './clocks.js';
import { gatherFacts } from './gatherFacts.js';

/**
 * The governance clocks as durable jobs. Each handler re-reads the registration and does nothing
 * when the world moved on (decided, withdrawn, extended), so late or repeated runs are harmless.
 */
export const governanceJobHandlers = (ctx: AppContext): Record<string, JobHandler> => ({
  [CLOCK_JOBS.reviewDue]: async (job) => {
    const tenantId = job.tenantId!;
    const registrationId = String(job.payload.registrationId);
    const scoped = ctx.store.forTenant(tenantId);
    const registration = await scoped.registrations.get(registrationId);
    const state = await scoped.governance.get(registrationId);
    if (!registration || !state || !['submitted', 'in_review'].includes(registration.status)) return;
    if (state.reviewDueAt !== job.payload.dueAt || state.escalatedAt) return;
    const now = ctx.now();
    const facts = await gatherFacts(ctx.store, scoped, registration, now);
    const escalatedTo = await assignApprover(scoped, facts.stakes, {
      escalate: true,
      exclude: state.assignedApproverId ? [state.assignedApproverId] : [],
    });
    await ctx.store.inTransaction(tenantId, async (tx) => {
      await tx.governance.save({
        ...state,
        escalatedAt: now.toISOString(),
        assignedApproverId: escalatedTo ?? state.assignedApproverId,
      });
      await tx.governance.appendAudit({
        type: 'review.escalated',
        actor: 'system',
        subject: `registration:${registrationId}`,
        payload: { dueAt: state.reviewDueAt, from: state.assignedApproverId, to: escalatedTo },
        at: now,
      });
    });
  },
  [CLOCK_JOBS.reminder]: async (job) => {
    const tenantId = job.tenantId!;
    const registrationId = String(job.payload.registrationId);
    const registration = await ctx.store.forTenant(tenantId).registrations.get(registrationId);
    if (
      !registration ||
      registration.protectedUntil !== job.payload.protectedUntil ||
      !canTransition(registration.status, 'expire')
    )
      return;
    await ctx.store.inTransaction(tenantId, (tx) =>
      tx.governance.appendAudit({
        type: 'protection.reminder_sent',
        actor: 'system',
        subject: `registration:${registrationId}`,
        payload: {
          partnerId: registration.partnerId,
          protectedUntil: registration.protectedUntil,
          daysBefore: job.payload.daysBefore,
        },
        at: ctx.now(),
      }),
    );
  },
  [CLOCK_JOBS.expiry]: async (job) => {
    const tenantId = job.tenantId!;
    const registrationId = String(job.payload.registrationId);
    const now = ctx.now();
    await ctx.store.inTransaction(tenantId, async (tx) => {
      await tx.governance.lock(registrationId);
      const registration = await tx.registrations.get(registrationId);
      if (
        !registration ||
        registration.protectedUntil !== job.payload.protectedUntil ||
        !canTransition(registration.status, 'expire')
      )
        return;
      if (Date.parse(registration.protectedUntil!) > now.getTime()) return;
      await tx.registrations.upsert({ ...registration, status: transition(registration.status, 'expire') });
      await tx.governance.appendAudit({
        type: 'registration.expired',
        actor: 'system',
        subject: `registration:${registrationId}`,
        payload: { protectedUntil: registration.protectedUntil },
        at: now,
      });
    });
  },
});
