import { signCardRequest } from '../crm/hubspot/signCardRequest.js';
import { runConcurrently } from './benchService.js';
import type { CardLoad, CardLoadResult } from './cardClientProcess.js';

/** The child side of cardClientProcess.ts: warm up, then send the timed requests. */
process.once('message', async (load: CardLoad) => {
  const failures: string[] = [];
  const call = async (index: number) => {
    const { path, user } = load.calls[index % load.calls.length]!;
    const signed = signCardRequest(load.signer, user, { method: 'GET', path, timestamp: Date.now() });
    const response = await fetch(signed.url, { headers: signed.headers });
    await response.arrayBuffer();
    if (response.status !== 200 && failures.length < 5) failures.push(`${path} answered ${response.status}`);
  };
  await runConcurrently(load.warmUp, load.concurrency, call);
  const { latencies, seconds } = await runConcurrently(load.requests, load.concurrency, call);
  const result: CardLoadResult = { latencies, seconds, failures };
  process.send?.(result);
});
