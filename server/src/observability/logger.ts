import { pino, type Logger } from 'pino';

/**
 * Paths whose values never reach a log line. Tokens, secrets and signatures are redacted wherever
 * they appear in a logged object, including request headers. Query parameters in logged URLs are
 * covered by `httpLogSerializers` below.
 */
export const redactedPaths = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-api-key"]',
  'req.headers["x-hubspot-signature"]',
  'req.headers["x-hubspot-signature-v3"]',
  // A one-time key link's token is its path parameter (`/api/v1/key-links/:token`).
  'req.params.token',
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

const CENSOR = '[redacted]';

/**
 * Query parameters whose values never reach a log line either: OAuth's authorization `code` and
 * `state` (HubSpot's callback carries both in its URL) and tokens. Names match without regard to
 * case or a trailing `[]`.
 */
export const redactedQueryParameters = ['code', 'state', 'access_token', 'refresh_token', 'token'];

const secretParameter = (rawName: string): boolean => {
  let name = rawName;
  try {
    name = decodeURIComponent(rawName.replace(/\+/g, ' '));
  } catch {
    // Not valid percent-encoding: match the name as it is.
  }
  return redactedQueryParameters.includes(name.replace(/\[.*$/, '').trim().toLowerCase());
};

const redactPairs = (pairs: string): string =>
  pairs
    .split('&')
    .map((pair) => {
      const equals = pair.indexOf('=');
      const name = equals < 0 ? pair : pair.slice(0, equals);
      return secretParameter(name) ? `${name}=${CENSOR}` : pair;
    })
    .join('&');

/**
 * Path segments that are capabilities themselves: a one-time key link's token
 * (`/api/v1/key-links/<token>`) opens a partner's API key, so it never reaches a log line.
 */
const SECRET_PATH_SEGMENT = /(\/key-links\/)[^/?#]+/gi;

/**
 * A URL (absolute, or a path with its query) with the values of `redactedQueryParameters` and the
 * secret path segments censored.
 */
export const redactUrl = (rawUrl: string): string => {
  const url = rawUrl.replace(SECRET_PATH_SEGMENT, `$1${CENSOR}`);
  const hashAt = url.indexOf('#');
  const beforeHash = hashAt < 0 ? url : url.slice(0, hashAt);
  // A fragment can carry tokens too (OAuth's implicit flow puts `access_token` there).
  const hash = hashAt < 0 ? '' : `#${redactPairs(url.slice(hashAt + 1))}`;
  const queryAt = beforeHash.indexOf('?');
  if (queryAt < 0) return beforeHash + hash;
  return `${beforeHash.slice(0, queryAt + 1)}${redactPairs(beforeHash.slice(queryAt + 1))}${hash}`;
};

const redactQuery = (query: unknown): unknown =>
  query && typeof query === 'object'
    ? Object.fromEntries(
        Object.entries(query).map(([name, value]) => [name, secretParameter(name) ? CENSOR : value]),
      )
    : query;

type LoggedRequest = { url?: unknown; query?: unknown };
type LoggedResponse = { headers?: Record<string, unknown> };

/**
 * pino-http's request and response serializers, applied after its standard ones: the logged URL,
 * the parsed query and a redirect's `Location` lose the values of `redactedQueryParameters`.
 */
export const httpLogSerializers = {
  req: <R extends LoggedRequest>(req: R): R => {
    if (typeof req.url === 'string') req.url = redactUrl(req.url);
    if (req.query !== undefined) req.query = redactQuery(req.query);
    return req;
  },
  res: <R extends LoggedResponse>(res: R): R => {
    const location = res.headers?.location;
    if (typeof location === 'string') res.headers = { ...res.headers, location: redactUrl(location) };
    return res;
  },
};

export const createLogger = (level: string, destination?: pino.DestinationStream): Logger =>
  pino(
    {
      level,
      base: { service: 'entente' },
      redact: { paths: redactedPaths, censor: CENSOR },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    destination,
  );

export type { Logger };
