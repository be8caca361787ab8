import { z } from 'zod';
import { userRoleSchema, type User } from '@entente/shared/domain';
import type { AppContext } from '../../appContext.js';
import { setUserRoles } from '../../use-cases/setUserRoles.js';
import { actingUserOf, bearerSecurity, internalUserOf, requireInternalUser } from '../auth/index.js';
import { defineRoute } from '../route.js';

const userViewSchema = z
  .object({
    id: z.string(),
    crmUserId: z.string(),
    name: z.string(),
    email: z.string(),
    roles: z.array(userRoleSchema),
    managerId: z.string().nullable(),
    active: z.boolean(),
  })
  .meta({ id: 'User' });

/** What the API shows of a user: who they are in the CRM and the roles Entente gives them. */
const userView = (user: User): z.infer<typeof userViewSchema> => ({
  id: user.id,
  crmUserId: user.crmUserId,
  name: user.name,
  email: user.email,
  roles: user.roles,
  managerId: user.managerId,
  active: user.active,
});

const setRolesBody = z
  .object({
    /** Every role the user has afterwards; at least one (there is no implied default). */
    roles: z.array(userRoleSchema).min(1).max(userRoleSchema.options.length),
    /** Admin tokens act for a CRM surface: they name the admin making the change. */
    actingUserId: z.string().min(1).max(128).optional(),
  })
  .strict()
  .meta({ id: 'SetUserRolesRequest' });

/** The tenant's internal users and the roles Entente grants them. */
export const userRoutes = (ctx: AppContext) => [
  defineRoute({
    method: 'get',
    path: '/api/v1/users',
    summary: "The tenant's internal users with their Entente roles (internal)",
    tags: ['users'],
    before: [requireInternalUser(ctx)],
    openapi: bearerSecurity,
    responses: {
      200: { description: 'The users, by id', schema: z.object({ users: z.array(userViewSchema) }) },
    },
    handler: async ({ req }) => {
      const { tenantId } = internalUserOf(req);
      return { body: { users: (await ctx.store.forTenant(tenantId).users.list()).map(userView) } };
    },
  }),
  defineRoute({
    method: 'put',
    path: '/api/v1/users/:userId/roles',
    summary:
      "Set a user's roles (active admins; audited as user.roles_changed). The tenant always keeps an active admin",
    tags: ['users'],
    params: z.object({ userId: z.string().min(1).max(128) }),
    body: setRolesBody,
    before: [requireInternalUser(ctx)],
    openapi: bearerSecurity,
    responses: {
      200: {
        description: 'The user with the roles now in force, the roles before, and whether anything changed',
        schema: z.object({
          user: userViewSchema,
          previousRoles: z.array(userRoleSchema),
          changed: z.boolean(),
        }),
      },
      403: {
        description:
          'ROLES.ADMIN_ONLY (the acting user is not an active admin) or AUTH.FORBIDDEN (actingUserId without an admin token)',
      },
      404: { description: 'No such user in this tenant' },
      409: { description: 'ROLES.LAST_ADMIN: the change would leave the tenant without an active admin' },
    },
    handler: async ({ params, body, req }) => {
      const principal = internalUserOf(req);
      const result = await setUserRoles(ctx, {
        tenantId: principal.tenantId,
        actorUserId: actingUserOf(principal, body.actingUserId),
        userId: params.userId,
        roles: body.roles,
      });
      return {
        body: { user: userView(result.user), previousRoles: result.previousRoles, changed: result.changed },
      };
    },
  }),
];
