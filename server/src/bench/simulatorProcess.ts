import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/**
 * The HubSpot simulator in its own process, for benchmarks that measure the service against it:
 * HubSpot is another system, so its work must not take CPU from the process being measured. The
 * child answers a few requests over IPC (tokens, extra portals, rejected-request counts).
 */
export type RemoteSimulator = {
  url: string;
  portalId: number;
  appId: number;
  clientId: string;
  clientSecret: string;
  issueToken(portalId?: number): Promise<{ accessToken: string; refreshToken: string; expiresIn: number }>;
  addPortal(portalId: number): Promise<void>;
  rejectedRequests(): Promise<number>;
  close(): Promise<void>;
};

type Reply = { id: number; result?: unknown; error?: string };

export const startSimulatorProcess = async (options: {
  latencyMs: number;
  size: number;
  seed: number;
}): Promise<RemoteSimulator> => {
  const child: ChildProcess = fork(fileURLToPath(new URL('./simulatorHost.js', import.meta.url)), [], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  let next = 0;
  const pending = new Map<number, (reply: Reply) => void>();
  child.on('message', (reply: Reply) => pending.get(reply.id)?.(reply));
  const call = <T>(op: string, args: unknown[] = []): Promise<T> =>
    new Promise((resolve, reject) => {
      const id = ++next;
      pending.set(id, (reply) => {
        pending.delete(id);
        if (reply.error) reject(new Error(reply.error));
        else resolve(reply.result as T);
      });
      child.send({ id, op, args });
    });
  const info = await call<Omit<RemoteSimulator, 'issueToken' | 'addPortal' | 'rejectedRequests' | 'close'>>(
    'start',
    [options],
  );
  return {
    ...info,
    issueToken: (portalId) => call('issueToken', [portalId]),
    addPortal: (portalId) => call('addPortal', [portalId]),
    rejectedRequests: () => call('rejectedRequests'),
    close: async () => {
      await call('close').catch(() => undefined);
      child.kill();
    },
  };
};
