import { createHmac } from 'node:crypto';

/**
 * HubSpot's v3 request signature: base64 HMAC-SHA256 keyed with the app's client secret over
 * METHOD + full URI + raw body + timestamp (milliseconds, as sent in X-HubSpot-Request-Timestamp).
 */
export const signV3 = (
  clientSecret: string,
  method: string,
  uri: string,
  body: string,
  timestamp: string,
): string => createHmac('sha256', clientSecret).update(`${method}${uri}${body}${timestamp}`).digest('base64');
