import { DomainError, issueDetails } from '@entente/shared/errors';
import type { AppContext } from '../../appContext.js';
import { CrmErrors } from '../../crm/crmErrors.js';
import type { CrmPort } from '../../crm/crmPort.js';
import {
  ententeFieldNames,
  ententeFieldsSchema,
  fieldText,
  type EntenteField,
  type EntenteFields,
} from '../../crm/ententeFields.js';
import { enqueueJob } from '../../store/repositories/jobQueue.js';
import type { Queryable } from '../../store/database.js';
import { crmSyncRepository } from '../../store/repositories/crmSync.js';

export const WRITE_BACK_JOB = 'hubspot.write_back';

const parseFields = (fields: unknown): EntenteFields => {
  for (const key of Object.keys((fields ?? {}) as object)) {
    if (!ententeFieldNames.includes(key as EntenteField)) throw CrmErrors.fieldNotOwned(key);
  }
  const parsed = ententeFieldsSchema.safeParse(fields);
  if (!parsed.success) {
    throw new DomainError('REQUEST.INVALID', 'The write-back fields are invalid', {
      details: issueDetails(parsed.error.issues),
    });
  }
  return parsed.data;
};

const crmIdOf = async (
  db: Queryable,
  table: 'deals' | 'accounts',
  tenantId: string,
  id: string,
): Promise<string> => {
  const { rows } = await db.query<{ crm_id: string }>(
    `SELECT crm_id FROM ${table} WHERE tenant_id = $1 AND id = $2`,
    [tenantId, id],
  );
  const crmId = rows[0]?.crm_id;
  if (!crmId)
    throw new DomainError(
      'REQUEST.NOT_FOUND',
      `${table === 'deals' ? 'Deal' : 'Account'} ${id} was not found`,
    );
  return crmId;
};

const request = async (
  db: Queryable,
  tenantId: string,
  kind: 'deals' | 'companies',
  crmId: string,
  fields: EntenteFields,
  now: Date,
) => {
  await crmSyncRepository({ tenantId, db }).enqueueWrite(
    kind,
    crmId,
    fields as Record<string, string | null>,
    now,
  );
  await enqueueJob(db, { tenantId, kind: WRITE_BACK_JOB, runAt: now });
};

/**
 * Asks for Entente-owned fields to be written to a deal in the CRM. Durable: the values wait in
 * the outbox (newer values merge over older ones) and go out in batches of 100. Pass a
 * transaction as `db` to make the request part of the decision that caused it.
 */
export const requestDealWriteBack = async (
  db: Queryable,
  tenantId: string,
  dealId: string,
  fields: EntenteFields,
  now: Date,
): Promise<void> =>
  request(db, tenantId, 'deals', await crmIdOf(db, 'deals', tenantId, dealId), parseFields(fields), now);

/** The same for an account (a CRM company). */
export const requestAccountWriteBack = async (
  db: Queryable,
  tenantId: string,
  accountId: string,
  fields: EntenteFields,
  now: Date,
): Promise<void> =>
  request(
    db,
    tenantId,
    'companies',
    await crmIdOf(db, 'accounts', tenantId, accountId),
    parseFields(fields),
    now,
  );

/**
 * Sends what waits in the outbox, 100 records per batch update, and remembers every value sent so
 * the webhook that echoes it is recognised and ignored.
 */
export const flushWriteBacks = async (
  ctx: Pick<AppContext, 'store' | 'now' | 'logger'>,
  tenantId: string,
  port: CrmPort,
): Promise<{ written: number; failed: number }> => {
  const sync = ctx.store.forTenant(tenantId).crmSync;
  let written = 0;
  let failed = 0;
  for (const kind of ['deals', 'companies'] as const) {
    for (;;) {
      const entries = await sync.pendingWrites(kind, 100);
      if (entries.length === 0) break;
      const result = await port.writeEntenteFields(
        kind,
        entries.map((e) => ({ crmId: e.crmId, fields: e.fields as EntenteFields })),
      );
      const ok = new Set(result.written);
      await ctx.store.inTransaction(tenantId, async (tx) => {
        for (const entry of entries) {
          if (ok.has(entry.crmId)) {
            const values = Object.fromEntries(
              Object.entries(entry.fields).map(([field, value]) => [
                field,
                fieldText(field as EntenteField, value as never) ?? '',
              ]),
            );
            await tx.crmSync.recordWritten(kind, entry.crmId, values, ctx.now());
          }
          // A record the CRM refused (deleted meanwhile) will not take the write later either.
          await tx.crmSync.completeWrite(entry);
        }
      });
      written += ok.size;
      failed += result.failed.length;
      for (const failure of result.failed)
        ctx.logger.warn(
          { tenantId, kind, crmId: failure.crmId, reason: failure.reason },
          'write-back refused by the CRM',
        );
    }
  }
  return { written, failed };
};
