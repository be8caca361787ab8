import type { AppContext } from '../../appContext.js';
import type { Queryable } from '../../store/database.js';
import {
  attributionRepositories,
  type AttributionRepositories,
} from '../../store/repositories/attribution/index.js';

/**
 * One transaction over the attribution repositories of a tenant, with the raw transaction too, so
 * the audit entry and the jobs it enqueues commit (or roll back) with the change they describe.
 */
export const inAttributionTransaction = <T>(
  ctx: AppContext,
  tenantId: string,
  work: (repos: AttributionRepositories, tx: Queryable) => Promise<T>,
): Promise<T> => ctx.store.db.transaction((tx) => work(attributionRepositories({ tenantId, db: tx }), tx));
