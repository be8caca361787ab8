import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Express } from 'express';

export type RunningServer = {
  server: Server;
  /** `http://127.0.0.1:PORT`, with no trailing slash. */
  url: string;
  port: number;
  close(): Promise<void>;
};

/** Binds an Express app to the loopback interface; port 0 picks a free port. */
export const listen = async (app: Express, port: number, host = '127.0.0.1'): Promise<RunningServer> => {
  const server = createServer(app);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const url = `http://${host}:${address.port}`;
  return {
    server,
    url,
    port: address.port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        // Held requests (timeout faults) and keep-alive sockets would otherwise keep close() waiting.
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
};
