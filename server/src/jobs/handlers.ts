import type { AppContext } from '../appContext.js';
import type { JobHandler } from './jobRunner.js';

/**
 * Every kind of durable job the service runs, by kind. Each capability contributes its own
 * handlers here (one spread per module).
 */
export const jobHandlers = (_ctx: AppContext): Record<string, JobHandler> => ({});
