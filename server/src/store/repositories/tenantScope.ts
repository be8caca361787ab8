import type { Queryable } from '../database.js';

/**
 * Every repository of tenant-owned data is built from a scope and adds `tenant_id = scope.tenantId`
 * to each statement itself. There is no way to get such a repository without naming the tenant.
 */
export type TenantScope = { readonly tenantId: string; readonly db: Queryable };
