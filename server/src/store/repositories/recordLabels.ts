import type { TenantScope } from './tenantScope.js';

/** What a label needs of a deal, an account or a registration (the other columns are NULL). */
export type RecordLabelRow = {
  type: 'deal' | 'account' | 'registration';
  id: string;
  name: string | null;
  crm_id: string | null;
  partner_id: string | null;
  status: string | null;
};

export const recordLabelsRepository = ({ tenantId, db }: TenantScope) => ({
  /** The label columns of the given records, in one statement; records that do not exist are absent. */
  async find(
    dealIds: readonly string[],
    accountIds: readonly string[],
    registrationIds: readonly string[],
  ): Promise<RecordLabelRow[]> {
    const { rows } = await db.query<RecordLabelRow>(
      `SELECT 'deal' AS type, id, name, crm_id, NULL::text AS partner_id, NULL::text AS status
         FROM deals WHERE tenant_id = $1 AND id = ANY($2::text[])
       UNION ALL
       SELECT 'account', id, name, crm_id, NULL, NULL FROM accounts WHERE tenant_id = $1 AND id = ANY($3::text[])
       UNION ALL
       SELECT 'registration', id, NULL, NULL, partner_id, status
         FROM registrations WHERE tenant_id = $1 AND id = ANY($4::text[])`,
      [tenantId, dealIds, accountIds, registrationIds],
    );
    return rows;
  },
});
export type RecordLabelsRepository = ReturnType<typeof recordLabelsRepository>;
