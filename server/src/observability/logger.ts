import { pino, type Logger } from 'pino';

/**
 * Paths whose values never reach a log line. Tokens, secrets and signatures are redacted wherever
 * they appear in a logged object, including request headers.
 */
export const redactedPaths = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-api-key"]',
  'req.headers["x-hubspot-signature"]',
  'req.headers["x-hubspot-signature-v3"]',
  'res.headers["set-cookie"]',
  '*.accessToken',
  '*.refreshToken',
  '*.access_token',
  '*.refresh_token',
  '*.clientSecret',
  '*.client_secret',
  '*.apiKey',
  '*.password',
  '*.token',
  '*.secret',
  'accessToken',
  'refreshToken',
  'clientSecret',
  'apiKey',
  'token',
  'secret',
];

export const createLogger = (level: string, destination?: pino.DestinationStream): Logger =>
  pino(
    {
      level,
      base: { service: 'entente' },
      redact: { paths: redactedPaths, censor: '[redacted]' },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    destination,
  );

export type { Logger };
