import type { Request, RequestHandler } from 'express';
import { CommonErrors } from '@entente/shared/errors';
import type { AppContext } from '../../appContext.js';
import { LAST_USED_RESOLUTION_MS, type InternalRole } from '../../store/repositories/apiKeys.js';
import { parseToken, secretMatches } from '../../secrets/apiKeyTokens.js';

/** Who is calling, as established from the bearer token (never from a field the caller sends). */
export type PartnerPrincipal = { kind: 'partner'; tenantId: string; partnerId: string; keyId: string };
export type InternalPrincipal = {
  kind: 'internal';
  tenantId: string;
  userId: string;
  role: InternalRole;
  keyId: string;
};
export type Principal = PartnerPrincipal | InternalPrincipal;

const principals = new WeakMap<Request, Principal>();

const bearer = (req: Request): string | undefined => {
  const header = req.headers.authorization;
  const match = typeof header === 'string' ? /^Bearer\s+(\S+)$/i.exec(header) : null;
  return match?.[1];
};

const authenticate = async (ctx: AppContext, req: Request): Promise<Principal> => {
  const token = bearer(req);
  if (!token) throw CommonErrors.unauthorised('Send an API key as "Authorization: Bearer <key>"');
  const parsed = parseToken(token);
  // One message for every failure, so a caller cannot probe which key ids exist.
  const invalid = CommonErrors.unauthorised('The API key is not valid or has been revoked');
  if (!parsed) throw invalid;
  const key = await ctx.store.apiKeyLookup.find(parsed.keyId);
  if (
    !key ||
    key.kind !== parsed.kind ||
    key.revokedAt !== null ||
    !secretMatches(parsed.secret, key.secretHash)
  )
    throw invalid;
  // When the key was last used, to the hour: one write per key an hour, not one per request.
  const now = ctx.now();
  if (key.lastUsedAt === null || now.getTime() - Date.parse(key.lastUsedAt) >= LAST_USED_RESOLUTION_MS)
    await ctx.store.apiKeyLookup.touch(key.keyId, now);
  if (key.kind === 'partner')
    return { kind: 'partner', tenantId: key.tenantId, partnerId: key.partnerId!, keyId: key.keyId };
  return { kind: 'internal', tenantId: key.tenantId, userId: key.userId!, role: key.role!, keyId: key.keyId };
};

const guard =
  (ctx: AppContext, accept: (principal: Principal) => boolean, refusal: string): RequestHandler =>
  async (req, _res, next) => {
    const principal = await authenticate(ctx, req);
    if (!accept(principal)) throw CommonErrors.forbidden(refusal);
    principals.set(req, principal);
    next();
  };

/** A partner's key: puts `{tenantId, partnerId}` on the request (read it with `partnerOf(req)`). */
export const requirePartner = (ctx: AppContext): RequestHandler =>
  guard(ctx, (p) => p.kind === 'partner', 'This endpoint is for partner API keys');

/** An internal user's key (admin or not): puts `{tenantId, userId, role}` on the request (`internalUserOf(req)`). */
export const requireInternalUser = (ctx: AppContext): RequestHandler =>
  guard(ctx, (p) => p.kind === 'internal', 'This endpoint is for internal users');

/** An internal key with the admin role. */
export const requireAdmin = (ctx: AppContext): RequestHandler =>
  guard(ctx, (p) => p.kind === 'internal' && p.role === 'admin', 'This endpoint needs an admin token');

/** Any valid key; read it with `principalOf(req)`. */
export const requireAnyPrincipal = (ctx: AppContext): RequestHandler => guard(ctx, () => true, '');

export const principalOf = (req: Request): Principal => {
  const principal = principals.get(req);
  if (!principal) throw new Error('principalOf called on a route without an auth middleware in `before`');
  return principal;
};

export const partnerOf = (req: Request): PartnerPrincipal => {
  const principal = principalOf(req);
  if (principal.kind !== 'partner') throw CommonErrors.forbidden('This endpoint is for partner API keys');
  return principal;
};

export const internalUserOf = (req: Request): InternalPrincipal => {
  const principal = principalOf(req);
  if (principal.kind !== 'internal') throw CommonErrors.forbidden('This endpoint is for internal users');
  return principal;
};

/**
 * Who an internal request acts as. Admin tokens stand for a CRM surface and name the person with
 * `actingUserId`; any other token acts as its own user, and naming someone else is refused.
 */
export const actingUserOf = (principal: InternalPrincipal, requested: string | undefined): string => {
  if (requested === undefined || requested === principal.userId) return principal.userId;
  if (principal.role !== 'admin')
    throw CommonErrors.forbidden('Only admin tokens may act on behalf of another user');
  return requested;
};

/** The security schemes for OpenAPI (`openapi: bearerSecurity` on a route). */
export const bearerSecurity = { security: [{ apiKey: [] }] };
