import { parseArgs } from 'node:util';
import { startHubSpotSimulator } from './hubspot/simulator.js';
import { startSalesforceSimulator } from './salesforce/simulator.js';

const USAGE = `usage: node test/dist/crm-sim/cli.js <hubspot|salesforce> [--port 4010] [--size 1000] [--seed 1] [--latency 120]
  hubspot only: [--webhook-url URL] [--client-id ID] [--client-secret SECRET]`;

const main = async (): Promise<void> => {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      port: { type: 'string', default: '0' },
      size: { type: 'string', default: '100' },
      seed: { type: 'string', default: '1' },
      latency: { type: 'string', default: '120' },
      'webhook-url': { type: 'string' },
      'client-id': { type: 'string' },
      'client-secret': { type: 'string' },
    },
  });
  const common = {
    port: Number(values.port),
    size: Number(values.size),
    seed: Number(values.seed),
    latencyMs: Number(values.latency),
  };
  const credentials = {
    ...(values['client-id'] ? { clientId: values['client-id'] } : {}),
    ...(values['client-secret'] ? { clientSecret: values['client-secret'] } : {}),
  };
  let close: () => Promise<void>;
  if (positionals[0] === 'hubspot') {
    const sim = await startHubSpotSimulator({
      ...common,
      ...credentials,
      ...(values['webhook-url'] ? { webhookTargetUrl: values['webhook-url'] } : {}),
    });
    const { accessToken } = sim.issueToken();
    process.stdout.write(
      `HubSpot simulator on ${sim.url}\n  portal ${sim.portalId}, app ${sim.appId}, client_id ${sim.clientId}\n  access token (30 min): ${accessToken}\n`,
    );
    close = sim.close;
  } else if (positionals[0] === 'salesforce') {
    const sim = await startSalesforceSimulator({ ...common, ...credentials });
    const { accessToken, refreshToken } = sim.issueToken();
    process.stdout.write(
      `Salesforce simulator on ${sim.url}\n  consumer key ${sim.clientId}\n  access token: ${accessToken}\n  refresh token: ${refreshToken}\n`,
    );
    close = sim.close;
  } else {
    process.stderr.write(`${USAGE}\n`);
    process.exitCode = 2;
    return;
  }
  const stop = (): void => void close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
};

await main();
