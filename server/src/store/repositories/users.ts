import type { User, UserRole } from '@entente/shared/domain';
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
  /**
   * Locks the tenant's active admins (`FOR UPDATE`, in id order) until the transaction ends and
   * returns their ids: how many there are is the last-admin check. Call it inside
   * `store.inTransaction` before changing anyone's roles. A second change waits here until the
   * first commits, and then no longer sees a user the first took the admin role from, so two
   * concurrent demotions cannot both leave "another admin" behind.
   */
  async lockActiveAdmins(): Promise<string[]> {
    const { rows } = await db.query<{ id: string }>(
      `SELECT id FROM users WHERE tenant_id = $1 AND active AND 'admin' = ANY(roles) ORDER BY id FOR UPDATE`,
      [tenantId],
    );
    return rows.map((row) => row.id);
  },
  /** The user, with the row locked until the transaction ends (take `lockActiveAdmins` first). */
  async getForUpdate(id: string): Promise<User | undefined> {
    const { rows } = await db.query<UserRow>(
      'SELECT * FROM users WHERE tenant_id = $1 AND id = $2 FOR UPDATE',
      [tenantId, id],
    );
    return rows[0] && toUser(rows[0]);
  },
  /** Sets the roles Entente grants, and nothing the CRM owns. False when the tenant has no such user. */
  async setRoles(id: string, roles: readonly UserRole[]): Promise<boolean> {
    const { rowCount } = await db.query(
      'UPDATE users SET roles = $3, updated_at = now() WHERE tenant_id = $1 AND id = $2',
      [tenantId, id, [...roles]],
    );
    return rowCount > 0;
  },
  /**
   * Folds the user `fromId` into `into` (one person under two ids, e.g. the installer recorded
   * from the token and then their owner record): `fromId`'s row goes, `into` is stored, and users
   * reporting to `fromId` report to `into.id`. Call it inside a transaction.
   */
  async mergeInto(fromId: string, into: User): Promise<void> {
    await db.query('DELETE FROM users WHERE tenant_id = $1 AND id = $2', [tenantId, fromId]);
    await db.query(
      `INSERT INTO users (tenant_id, id, crm_user_id, email, name, roles, manager_id, active)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (tenant_id, id) DO UPDATE SET crm_user_id = EXCLUDED.crm_user_id, email = EXCLUDED.email,
         name = EXCLUDED.name, roles = EXCLUDED.roles, manager_id = EXCLUDED.manager_id,
         active = EXCLUDED.active, updated_at = now()`,
      [tenantId, into.id, into.crmUserId, into.email, into.name, into.roles, into.managerId, into.active],
    );
    await db.query(
      'UPDATE users SET manager_id = $3, updated_at = now() WHERE tenant_id = $1 AND manager_id = $2',
      [tenantId, fromId, into.id],
    );
  },
});
export type UsersRepository = ReturnType<typeof usersRepository>;
