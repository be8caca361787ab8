import type { Config } from './config/config.js';
import type { Logger } from './observability/logger.js';
import type { Metrics } from './observability/metrics.js';
import type { Store } from './store/store.js';

/**
 * What the service is built from. Use cases and routes receive it (or the parts they need) instead
 * of importing singletons, so tests assemble one with an in-memory store and a fixed clock.
 */
export type AppContext = {
  config: Config;
  store: Store;
  logger: Logger;
  metrics: Metrics;
  /** The only clock the service reads. */
  now: () => Date;
  /**
   * `shuttingDown` flips on SIGTERM so /readyz tells the load balancer to stop sending work;
   * `settingUp` holds while the sandbox installs and seeds itself, when nothing is ready to use yet.
   */
  lifecycle: { shuttingDown: boolean; settingUp: boolean };
};
