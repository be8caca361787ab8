import type { Request } from 'express';
import { DomainError } from '@entente/shared/errors';
import { canonicalJson } from '@entente/shared/governance';
import type { AppContext } from '../appContext.js';
import { sha256 } from '../store/repositories/audit.js';
import { IDEMPOTENCY_LEASE_MS } from '../store/repositories/idempotency.js';
import { principalOf } from './auth/index.js';
import type { IdempotencyWrapper } from './route.js';

type Result<R> = { status?: number; body?: R; headers?: Record<string, string> };

const KEY = /^[\w.:-]{1,200}$/;

/** What makes two requests "the same" for a key: method, path and body, canonically. */
export const idempotencyRequestHash = (req: { method: string; path: string; body: unknown }): string =>
  sha256(canonicalJson({ method: req.method, path: req.path, body: req.body ?? null }));

/**
 * Runs a POST at most once per `Idempotency-Key`, per tenant and caller. The first result is stored
 * with a hash of the request; a repeat with the same body gets that result again (marked with
 * `Idempotent-Replayed: true`); the same key with a different body is refused with 422. A failed
 * first attempt stores nothing, so the client can retry it with the same key. While the first
 * attempt runs, a repeat gets 409; a claim whose request died with its process (it never stored a
 * result nor let the key go) is taken over by the same request once its lease has run out
 * (`IDEMPOTENCY_LEASE_MS`, 60 s, on the service clock).
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
  const requestHash = idempotencyRequestHash(req);
  const claimedAt = ctx.now();
  if (
    !(await keys.claim(scope.principal, key, requestHash, { now: claimedAt, leaseMs: IDEMPOTENCY_LEASE_MS }))
  ) {
    const stored = (await keys.get<R>(scope.principal, key))!;
    if (stored.request_hash !== requestHash)
      throw new DomainError(
        'REQUEST.IDEMPOTENCY_MISMATCH',
        'This Idempotency-Key was already used with a different request body',
      );
    if (stored.status === null)
      throw new DomainError(
        'REQUEST.IDEMPOTENCY_IN_PROGRESS',
        `The first request with this key is still running; if it died, the key can be retried ${IDEMPOTENCY_LEASE_MS / 1000} s after it was claimed`,
      );
    return {
      status: stored.status,
      body: stored.response ?? undefined,
      headers: { 'Idempotent-Replayed': 'true' },
    };
  }
  try {
    const result = await run();
    await keys.complete(
      scope.principal,
      key,
      claimedAt,
      result.status ?? 200,
      JSON.stringify(result.body ?? null),
    );
    return result;
  } catch (error) {
    await keys.release(scope.principal, key, claimedAt);
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
