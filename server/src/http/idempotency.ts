import type { Request } from 'express';
import { DomainError } from '@entente/shared/errors';
import { canonicalJson } from '@entente/shared/governance';
import type { AppContext } from '../appContext.js';
import { sha256 } from '../store/repositories/audit.js';
import { principalOf } from './auth/index.js';
import type { IdempotencyWrapper } from './route.js';

type Result<R> = { status?: number; body?: R; headers?: Record<string, string> };

const KEY = /^[\w.:-]{1,200}$/;

/**
 * Runs a POST at most once per `Idempotency-Key`, per tenant and caller. The first result is stored
 * with a hash of the request; a repeat with the same body gets that result again (marked with
 * `Idempotent-Replayed: true`); the same key with a different body is refused with 422. A failed
 * first attempt stores nothing, so the client can retry it with the same key.
 */
export const idempotent = async <R>(
  ctx: AppContext,
  req: Request,
  scope: { tenantId: string; principal: string },
  run: () => Promise<Result<R>>,
): Promise<Result<R>> => {
  const key = req.header('idempotency-key');
  if (key === undefined) return run();
  if (!KEY.test(key))
    throw new DomainError('REQUEST.INVALID', 'Idempotency-Key must be 1-200 letters, digits or ._:-');
  const keys = ctx.store.forTenant(scope.tenantId).idempotency;
  const requestHash = sha256(canonicalJson({ method: req.method, path: req.path, body: req.body ?? null }));
  if (!(await keys.claim(scope.principal, key, requestHash))) {
    const stored = (await keys.get<R>(scope.principal, key))!;
    if (stored.request_hash !== requestHash)
      throw new DomainError(
        'REQUEST.IDEMPOTENCY_MISMATCH',
        'This Idempotency-Key was already used with a different request body',
      );
    if (stored.status === null)
      throw new DomainError(
        'REQUEST.IDEMPOTENCY_IN_PROGRESS',
        'The first request with this key is still running',
      );
    return {
      status: stored.status,
      body: stored.response ?? undefined,
      headers: { 'Idempotent-Replayed': 'true' },
    };
  }
  try {
    const result = await run();
    await keys.complete(scope.principal, key, result.status ?? 200, JSON.stringify(result.body ?? null));
    return result;
  } catch (error) {
    await keys.release(scope.principal, key);
    throw error;
  }
};

/** Keys are scoped to the authenticated caller: a partner's key, or an internal user's. */
export const idempotencyByCaller =
  (ctx: AppContext): IdempotencyWrapper =>
  (req, run) => {
    const principal = principalOf(req);
    return idempotent(
      ctx,
      req,
      {
        tenantId: principal.tenantId,
        principal:
          principal.kind === 'partner' ? `partner:${principal.partnerId}` : `user:${principal.userId}`,
      },
      run,
    );
  };
