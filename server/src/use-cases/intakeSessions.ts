import { randomUUID } from 'node:crypto';
import { CommonErrors, DomainError } from '@entente/shared/errors';
import { requiredIntakeFields, type IntakeValues } from '@entente/shared/governance';
import type { IntakeChannel } from '../store/repositories/intakeSessions.js';
import type { TenantStore } from '../store/store.js';
import type { AppContext } from '../appContext.js';

type Deps = Pick<AppContext, 'store' | 'now'>;

/** The fields a partner typed in: each customer field given, and the amount, close date and notes. */
export const fieldsFilled = (values: IntakeValues): number =>
  Object.values(values.customer).filter((v) => v !== undefined && v !== '').length +
  [values.amountMinor, values.expectedCloseDate, values.notes].filter((v) => v !== undefined && v !== null)
    .length;

/**
 * A partner's form (or chat) starts registering a deal. The session is what "started", "abandoned"
 * and "fields required" are counted from; the answer says what the partner must fill in.
 */
export const startIntakeSession = async (
  deps: Deps,
  input: { tenantId: string; partnerId: string; channel: IntakeChannel; stage?: string },
) => {
  const now = deps.now();
  const scoped = deps.store.forTenant(input.tenantId);
  const { policy } = await scoped.policies.current(now);
  const session = {
    id: `ins_${randomUUID().replace(/-/g, '')}`,
    partnerId: input.partnerId,
    channel: input.channel,
    startedAt: now.toISOString(),
    lastStage: input.stage ?? 'started',
  };
  await scoped.intakeSessions.start(session);
  return {
    id: session.id,
    channel: session.channel,
    startedAt: session.startedAt,
    stage: session.lastStage,
    requiredFields: requiredIntakeFields(policy),
  };
};

const ownSession = async (scoped: TenantStore, partnerId: string, sessionId: string) => {
  const session = await scoped.intakeSessions.get(sessionId);
  // Another partner's session does not exist, as far as this partner can tell.
  if (!session || session.partnerId !== partnerId) throw CommonErrors.notFound(`Intake session ${sessionId}`);
  return session;
};

const closed = (sessionId: string, registrationId: string | null) =>
  new DomainError(
    'INTAKE.SESSION_CLOSED',
    `Intake session ${sessionId} already ended in a registration; start a new session for another one.`,
    { details: { registrationId } },
  );

/** The form moved on to another stage: where a session stops is where it was abandoned. */
export const noteIntakeStage = async (
  deps: Deps,
  input: { tenantId: string; partnerId: string; sessionId: string; stage: string },
) => {
  const scoped = deps.store.forTenant(input.tenantId);
  const session = await ownSession(scoped, input.partnerId, input.sessionId);
  if (session.submittedAt || !(await scoped.intakeSessions.reachStage(session.id, input.stage)))
    throw closed(session.id, session.registrationId);
  return { id: session.id, stage: input.stage };
};

/** Checks, before anything is written, that a registration may close this session. */
export const assertOpenSession = async (
  scoped: TenantStore,
  partnerId: string,
  sessionId: string,
): Promise<void> => {
  const session = await ownSession(scoped, partnerId, sessionId);
  if (session.submittedAt) throw closed(session.id, session.registrationId);
};

/**
 * In the registration's own transaction: closes the partner's session with it, or records a
 * session that started and ended with this submission when the caller opened none (an API client).
 */
export const closeIntakeSession = async (
  tx: TenantStore,
  input: { partnerId: string; sessionId?: string; registrationId: string; values: IntakeValues; at: Date },
): Promise<void> => {
  const at = input.at.toISOString();
  const submitted = { registrationId: input.registrationId, fieldsFilled: fieldsFilled(input.values), at };
  if (input.sessionId) {
    if (!(await tx.intakeSessions.submit(input.sessionId, submitted))) throw closed(input.sessionId, null);
    return;
  }
  const id = `ins_${randomUUID().replace(/-/g, '')}`;
  await tx.intakeSessions.start({
    id,
    partnerId: input.partnerId,
    channel: 'api',
    startedAt: at,
    lastStage: 'submitted',
    submittedAt: at,
    registrationId: submitted.registrationId,
    fieldsFilled: submitted.fieldsFilled,
  });
};
