import { CommonErrors, DomainError } from '@entente/shared/errors';
import type { AppContext } from '../appContext.js';
import { sandboxFixture, sandboxFixtureSchema, type SandboxCrmAccess } from './sandboxFixture.js';
import { defineRoute } from '../http/route.js';

/** `crmAccess`: the simulated portal's API and a token, when this process runs the portal. */
export const sandboxRoutes = (ctx: AppContext, crmAccess?: SandboxCrmAccess) => [
  defineRoute({
    method: 'get',
    path: '/sandbox/fixture',
    summary: 'Sandbox only: the seeded tenant, users, partners, deals, registrations and scenarios',
    tags: ['sandbox'],
    responses: {
      200: { description: 'What the sandbox holds', schema: sandboxFixtureSchema },
      404: { description: 'Not in sandbox mode' },
      503: { description: 'Still being set up (SANDBOX.SETTING_UP)' },
    },
    handler: async () => {
      // Outside sandbox mode this route does not exist, as far as callers can tell.
      if (!ctx.config.sandbox) throw CommonErrors.notFound('This route');
      // Half a sandbox would give a newcomer ids that do not exist yet.
      if (ctx.lifecycle.settingUp)
        throw new DomainError(
          'SANDBOX.SETTING_UP',
          'The sandbox is still being set up (install, backfill, seed); try again in a few seconds.',
        );
      const fixture = await sandboxFixture(ctx.store, ctx.config, crmAccess);
      if (!fixture) throw CommonErrors.notFound('The sandbox tenant');
      return { body: fixture };
    },
  }),
];
