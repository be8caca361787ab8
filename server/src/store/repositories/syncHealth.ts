import { syncHealthColumns, type SyncHealthRow } from './syncHealthColumns.js';
import type { TenantScope } from './tenantScope.js';

export const syncHealthRepository = ({ tenantId, db }: TenantScope) => ({
  /** The sync-health row of one CRM record (undefined only if the database returns no row). */
  async read(kind: 'deals' | 'companies', crmId: string): Promise<SyncHealthRow | undefined> {
    // One round trip: on the embedded database every query waits its turn.
    const { rows } = await db.query<SyncHealthRow>(`SELECT ${syncHealthColumns('$1', '$2', '$3')}`, [
      tenantId,
      kind,
      crmId,
    ]);
    return rows[0];
  },
});
export type SyncHealthRepository = ReturnType<typeof syncHealthRepository>;
