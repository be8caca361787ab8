import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { CardSigner, CardUser } from '../crm/hubspot/signCardRequest.js';

/**
 * HubSpot's side of the deal-card benchmark, in its own process: it signs and sends the requests
 * as `hubspot.fetch` would, so the client's work does not take CPU from the service being measured.
 */
export type CardLoad = {
  signer: CardSigner;
  /** One entry per request, cycled by the client: the card path and the user asking. */
  calls: { path: string; user: CardUser }[];
  requests: number;
  warmUp: number;
  concurrency: number;
};

export type CardLoadResult = { latencies: number[]; seconds: number; failures: string[] };

export const runCardLoad = (load: CardLoad): Promise<CardLoadResult> =>
  new Promise((resolve, reject) => {
    const child = fork(fileURLToPath(new URL('./cardClient.js', import.meta.url)), [], {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    child.once('message', (result: CardLoadResult) => {
      child.kill();
      resolve(result);
    });
    child.once('exit', (code) => reject(new Error(`the card load client exited with ${code}`)));
    child.send(load);
  });
