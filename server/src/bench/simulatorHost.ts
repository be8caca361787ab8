import { startHubSpotSimulator, type HubSpotSimulator } from '@entente/test/crm-sim';

/** The child side of simulatorProcess.ts: one HubSpot simulator, driven over IPC. */
type Request = { id: number; op: string; args: unknown[] };

let sim: HubSpotSimulator | undefined;

const handle = async ({ op, args }: Request): Promise<unknown> => {
  if (op === 'start') {
    const options = args[0] as { latencyMs: number; size: number; seed: number };
    sim = await startHubSpotSimulator({ ...options, searchIndexDelayMs: 0 });
    return {
      url: sim.url,
      portalId: sim.portalId,
      appId: sim.appId,
      clientId: sim.clientId,
      clientSecret: sim.clientSecret,
    };
  }
  if (!sim) throw new Error('the simulator has not started');
  switch (op) {
    case 'issueToken':
      // IPC sends a missing argument as null; the simulator's default portal needs undefined.
      return sim.issueToken((args[0] as number | null) ?? undefined);
    case 'addPortal':
      sim.addPortal(args[0] as number);
      return null;
    case 'rejectedRequests':
      return Object.values(sim.limits.rejected).reduce((a, b) => a + b, 0);
    case 'close':
      await sim.close();
      setImmediate(() => process.exit(0));
      return null;
    default:
      throw new Error(`unknown operation ${op}`);
  }
};

process.on('message', (request: Request) => {
  handle(request).then(
    (result) => process.send?.({ id: request.id, result }),
    (error: Error) => process.send?.({ id: request.id, error: error.message }),
  );
});
