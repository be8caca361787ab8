import type { Request, RequestHandler, Response } from 'express';

export type FaultKind = '5xx' | 'timeout' | 'reset' | 'expire_tokens';

export type FaultSpec = {
  kind: FaultKind;
  /** How many matching requests the fault hits; `expire_tokens` acts once, immediately. Default 1. */
  count?: number;
  /** Only requests whose path starts with this are hit (e.g. `/crm/v3/objects/deals`). */
  pathPrefix?: string;
  /** Status for `5xx` faults. Default 502. */
  status?: number;
  /** How long a `timeout` fault holds the request before dropping the connection. Default 30 s. */
  holdMs?: number;
};

export type PendingFault = Required<Pick<FaultSpec, 'kind' | 'count'>> & Omit<FaultSpec, 'kind' | 'count'>;

export type FaultHooks = {
  /** Invalidates every access token or session the simulator has issued. */
  expireTokens(): void;
  /** Writes the vendor's own 5xx body. */
  serverError(res: Response, status: number): void;
};

export type FaultInjector = {
  inject(spec: FaultSpec): void;
  clear(): void;
  pending(): readonly PendingFault[];
  /** How many requests each kind has hit so far. */
  hits(): Readonly<Record<FaultKind, number>>;
  middleware: RequestHandler;
  /** Cancels held requests; called when the simulator closes. */
  dispose(): void;
};

export const createFaultInjector = (hooks: FaultHooks): FaultInjector => {
  const queue: PendingFault[] = [];
  const counts: Record<FaultKind, number> = { '5xx': 0, timeout: 0, reset: 0, expire_tokens: 0 };
  const holds = new Set<NodeJS.Timeout>();

  const take = (req: Request): PendingFault | undefined => {
    const index = queue.findIndex((f) => f.pathPrefix === undefined || req.path.startsWith(f.pathPrefix));
    const fault = queue[index];
    if (!fault) return undefined;
    fault.count -= 1;
    if (fault.count <= 0) queue.splice(index, 1);
    counts[fault.kind] += 1;
    return fault;
  };

  const middleware: RequestHandler = (req, res, next) => {
    const fault = take(req);
    if (!fault) {
      next();
      return;
    }
    switch (fault.kind) {
      case '5xx':
        hooks.serverError(res, fault.status ?? 502);
        return;
      case 'reset':
        req.socket.destroy();
        return;
      case 'timeout': {
        const hold = setTimeout(() => {
          holds.delete(hold);
          req.socket.destroy();
        }, fault.holdMs ?? 30_000);
        holds.add(hold);
        return;
      }
      case 'expire_tokens':
        // Queued expiries are applied at injection time; nothing reaches here.
        next();
        return;
    }
  };

  return {
    inject(spec) {
      if (spec.kind === 'expire_tokens') {
        counts.expire_tokens += 1;
        hooks.expireTokens();
        return;
      }
      queue.push({ ...spec, count: spec.count ?? 1 });
    },
    clear: () => void queue.splice(0, queue.length),
    pending: () => queue.map((f) => ({ ...f })),
    hits: () => ({ ...counts }),
    middleware,
    dispose() {
      for (const hold of holds) clearTimeout(hold);
      holds.clear();
    },
  };
};
