import type { Command } from 'commander';
import { createLogger } from '../../observability/logger.js';
import { SANDBOX_TENANT_ID } from '../../sandbox/generateSandboxData.js';
import { startService } from '../../service.js';
import { loadConfigOrExit } from '../cliConfig.js';

type Listening = { address: string; port: number };

const isWildcard = (address: string) => address === '::' || address === '0.0.0.0';
const isLoopback = (address: string) => address === '::1' || address.startsWith('127.');
const hostPort = ({ address, port }: Listening) =>
  `${address.includes(':') ? `[${address}]` : address}:${port}`;

/** Where it listens, in words: the sandbox's fixture hands out its keys to whoever reaches it. */
const listeningOn = (listening: Listening) =>
  isWildcard(listening.address)
    ? `Listening on every interface (${hostPort(listening)}): other machines can reach it, /sandbox/fixture included.`
    : isLoopback(listening.address)
      ? `Listening on ${hostPort(listening)} only, this machine (set HOST=0.0.0.0 to accept others).`
      : `Listening on ${hostPort(listening)} only (HOST).`;

const sandboxBanner = (url: string, listening: Listening) => `
  Entente is running in SANDBOX mode at ${url}
  ${listeningOn(listening)}
  (no CRM app credentials are configured: tenant "${SANDBOX_TENANT_ID}" is installed from a simulated HubSpot
  portal running in this process; its CRM records came in through the HubSpot connector)

  Try next:
    curl ${url}/healthz
    curl ${url}/sandbox/fixture      users, partners with API keys, deals, registrations, scenarios
    curl -H "Authorization: Bearer <a partner apiKey>" ${url}/api/v1/registrations
    curl ${url}/openapi.json         the API description
  How the sandbox works: docs/sandbox.md. To connect real CRMs, see "Configuration" in README.md.
`;

export const register = (program: Command): void => {
  program
    .command('serve')
    .description('Start the Entente service (sandbox mode when no CRM credentials are configured)')
    .option('-p, --port <port>', 'port to listen on (overrides PORT)')
    .action(async (options: { port?: string }) => {
      const config = loadConfigOrExit({ ...process.env, ...(options.port ? { PORT: options.port } : {}) });
      const logger = createLogger(config.logLevel);
      let service;
      try {
        service = await startService(config, logger);
      } catch (error) {
        logger.fatal({ code: (error as { code?: string }).code }, (error as Error).message);
        console.error(`Entente could not start: ${(error as Error).message}`);
        process.exit(1);
      }
      logger.info(
        {
          url: service.url,
          address: service.listening.address,
          port: service.listening.port,
          mode: config.sandbox ? 'sandbox' : 'production',
          database: service.ctx.store.db.engine,
        },
        'entente is listening',
      );
      if (config.sandbox)
        process.stderr.write(
          sandboxBanner(
            isWildcard(service.listening.address) || isLoopback(service.listening.address)
              ? `http://localhost:${service.listening.port}`
              : service.url,
            service.listening,
          ),
        );

      const shutdown = (signal: string) => {
        logger.info({ signal }, 'shutting down: draining requests');
        const force = setTimeout(() => {
          logger.error('drain timed out; exiting');
          process.exit(1);
        }, 10_000);
        force.unref();
        void service.stop().then(() => {
          logger.info('stopped cleanly');
          process.exit(0);
        });
      };
      process.once('SIGTERM', () => shutdown('SIGTERM'));
      process.once('SIGINT', () => shutdown('SIGINT'));
    });
};
