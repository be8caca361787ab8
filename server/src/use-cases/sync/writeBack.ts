import { fieldText, type EntenteField, type EntenteFields } from '@entente/shared/domain';
import { CommonErrors } from '@entente/shared/errors';
import type { AppContext } from '../../appContext.js';
import type { CrmPort } from '../../crm/crmPort.js';
import { enqueue } from '../../jobs/jobKinds.js';
import type { TenantStore } from '../../store/store.js';

/**
 * Asks for Entente-owned fields to be written to a CRM record. Durable: the values wait in the
 * outbox (newer values merge over older ones, so a record gets one write however often it
 * changed) and go out in the CRM's batch size. Pass the transaction's store and the request
 * commits with the change that caused it. The fields are typed: only what Entente owns can be
 * asked for.
 */
export const requestWriteBack = async (
  tx: TenantStore,
  kind: 'deals' | 'companies',
  crmId: string,
  fields: EntenteFields,
  now: Date,
): Promise<void> => {
  if (Object.keys(fields).length === 0) return;
  await tx.crmSync.enqueueWrite(kind, crmId, fields, now);
  await enqueue(tx, 'crm.write_back', {}, { runAt: now });
};

/** The same for a deal Entente knows by its own id. */
export const requestDealWriteBack = async (
  tx: TenantStore,
  dealId: string,
  fields: EntenteFields,
  now: Date,
): Promise<void> => {
  const deal = await tx.deals.get(dealId);
  if (!deal) throw CommonErrors.notFound(`Deal ${dealId}`);
  await requestWriteBack(tx, 'deals', deal.crmId, fields, now);
};

/** The same for an account (a CRM company). */
export const requestAccountWriteBack = async (
  tx: TenantStore,
  accountId: string,
  fields: EntenteFields,
  now: Date,
): Promise<void> => {
  const account = await tx.accounts.get(accountId);
  if (!account) throw CommonErrors.notFound(`Account ${accountId}`);
  await requestWriteBack(tx, 'companies', account.crmId, fields, now);
};

const asCrmText = (fields: EntenteFields): Record<string, string> =>
  Object.fromEntries(
    Object.entries(fields).map(([field, value]) => [
      field,
      fieldText(field as EntenteField, value as EntenteFields[EntenteField]) ?? '',
    ]),
  );

/**
 * Sends what waits in the outbox, a CRM batch at a time, and remembers every value sent so the
 * change that echoes it is recognised and ignored. A record the CRM refuses (deleted or merged
 * away there) will not take the write later either: the entry is dropped, not retried, and the
 * record's sync state says why.
 */
export const flushWriteBacks = async (
  ctx: Pick<AppContext, 'store' | 'now' | 'logger'>,
  tenantId: string,
  port: CrmPort,
): Promise<{ written: number; refused: number }> => {
  const sync = ctx.store.forTenant(tenantId).crmSync;
  let written = 0;
  let refused = 0;
  for (const kind of ['deals', 'companies'] as const) {
    for (;;) {
      const entries = await sync.pendingWrites(kind, port.writeBatchSize);
      if (entries.length === 0) break;
      const result = await port.writeEntenteFields(
        kind,
        entries.map((e) => ({ crmId: e.crmId, fields: e.fields })),
      );
      const ok = new Set(result.written);
      const reasons = new Map(result.failed.map((f) => [f.crmId, f.reason]));
      const now = ctx.now();
      await ctx.store.inTransaction(tenantId, async (tx) => {
        for (const entry of entries) {
          if (ok.has(entry.crmId))
            await tx.crmSync.recordWritten(kind, entry.crmId, asCrmText(entry.fields), now);
          else
            await tx.crmSync.recordWriteRefused(
              kind,
              entry.crmId,
              reasons.get(entry.crmId) ?? 'the CRM did not take the write',
              now,
            );
          await tx.crmSync.completeWrite(entry);
        }
      });
      written += ok.size;
      refused += entries.length - ok.size;
      for (const failure of result.failed)
        ctx.logger.warn(
          { tenantId, kind, crmId: failure.crmId, reason: failure.reason },
          'write-back refused by the CRM; dropped',
        );
    }
  }
  return { written, refused };
};
