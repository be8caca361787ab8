import type { IncomingMessage } from 'node:http';

/** The raw bytes of a JSON body, kept for signature checks (webhooks, signed card requests). */
export type RawBodyRequest = IncomingMessage & { rawBody?: Buffer };
