import type { AppContext } from '../../appContext.js';
import type { AttributionRepositories } from '../../store/repositories/attribution/index.js';
import type { TenantStore } from '../../store/store.js';

/**
 * One transaction over a tenant's store, handing the attribution repositories first: the audit
 * entry, the outbox write and the jobs a change causes commit (or roll back) with it.
 */
export const inAttributionTransaction = <T>(
  ctx: Pick<AppContext, 'store'>,
  tenantId: string,
  work: (repos: AttributionRepositories, tx: TenantStore) => Promise<T>,
): Promise<T> => ctx.store.inTransaction(tenantId, (tx) => work(tx.attribution, tx));
