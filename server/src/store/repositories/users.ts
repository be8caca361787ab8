import type { User } from '@entente/shared/domain';
import type { TenantScope } from './tenantScope.js';

type UserRow = {
  id: string;
  crm_user_id: string;
  email: string;
  name: string;
  roles: User['roles'];
  manager_id: string | null;
  active: boolean;
};

export const toUser = (row: UserRow): User => ({
  id: row.id,
  crmUserId: row.crm_user_id,
  email: row.email,
  name: row.name,
  roles: row.roles,
  managerId: row.manager_id,
  active: row.active,
});

export const usersRepository = ({ tenantId, db }: TenantScope) => ({
  async upsert(user: User): Promise<void> {
    await db.query(
      `INSERT INTO users (tenant_id, id, crm_user_id, email, name, roles, manager_id, active)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (tenant_id, id) DO UPDATE SET crm_user_id = EXCLUDED.crm_user_id, email = EXCLUDED.email,
         name = EXCLUDED.name, roles = EXCLUDED.roles, manager_id = EXCLUDED.manager_id,
         active = EXCLUDED.active, updated_at = now()`,
      [tenantId, user.id, user.crmUserId, user.email, user.name, user.roles, user.managerId, user.active],
    );
  },
  async get(id: string): Promise<User | undefined> {
    const { rows } = await db.query<UserRow>('SELECT * FROM users WHERE tenant_id = $1 AND id = $2', [
      tenantId,
      id,
    ]);
    return rows[0] && toUser(rows[0]);
  },
  async findByCrmUserId(crmUserId: string): Promise<User | undefined> {
    const { rows } = await db.query<UserRow>(
      'SELECT * FROM users WHERE tenant_id = $1 AND crm_user_id = $2',
      [tenantId, crmUserId],
    );
    return rows[0] && toUser(rows[0]);
  },
  async list(): Promise<User[]> {
    const { rows } = await db.query<UserRow>('SELECT * FROM users WHERE tenant_id = $1 ORDER BY id', [
      tenantId,
    ]);
    return rows.map(toUser);
  },
});
export type UsersRepository = ReturnType<typeof usersRepository>;
