import { randomUUID } from 'node:crypto';

/** Correlation ids appear in vendor error bodies; they need to be unique, not reproducible. */
export const correlationId = (): string => randomUUID();

/** Opaque bearer tokens, long like HubSpot's (~300 characters is possible, so do not assume short). */
export const opaqueToken = (prefix: string): string =>
  `${prefix}-${randomUUID().replaceAll('-', '')}${randomUUID().replaceAll('-', '')}`;
