import { z } from 'zod';

/**
 * The one place that reads the environment. Everything else receives a `Config`, so tests build
 * one directly and nothing reads process.env behind anyone's back.
 */
const optionalText = z
  .string()
  .trim()
  .transform((value) => (value === '' ? undefined : value))
  .optional();

const urlText = (protocols: readonly string[]) =>
  optionalText.refine(
    (value) => {
      if (value === undefined) return true;
      try {
        return protocols.includes(new URL(value).protocol);
      } catch {
        return false;
      }
    },
    { message: `must be a URL starting with ${protocols.map((p) => `${p}//`).join(' or ')}` },
  );

export const configSchema = z.object({
  PORT: z
    .string()
    .default('3000')
    .refine((value) => /^\d+$/.test(value) && Number(value) <= 65535, {
      message: 'must be a whole number from 0 to 65535',
    })
    .transform(Number),
  HOST: optionalText.refine(
    (value) => value === undefined || /^(?:[A-Za-z0-9.-]+|[0-9A-Fa-f:.]+)$/.test(value),
    {
      message: 'must be an address or host name to listen on, such as 127.0.0.1, 0.0.0.0 or ::',
    },
  ),
  PUBLIC_URL: urlText(['http:', 'https:']),
  DATABASE_URL: urlText(['postgres:', 'postgresql:']),
  REDIS_URL: urlText(['redis:', 'rediss:']),
  ENCRYPTION_KEY: optionalText.refine(
    (value) => value === undefined || /^[A-Za-z0-9+/]{43}=$/.test(value) || /^[0-9a-fA-F]{64}$/.test(value),
    { message: 'must be 32 bytes, as 64 hex characters or 44 base64 characters' },
  ),
  ENTENTE_DATA_DIR: z.string().trim().min(1).default('./.entente'),
  ENTENTE_MODE: z.enum(['sandbox', 'production']).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  NODE_ENV: optionalText,
  HUBSPOT_CLIENT_ID: optionalText,
  HUBSPOT_CLIENT_SECRET: optionalText,
  HUBSPOT_APP_ID: optionalText.refine((value) => value === undefined || /^\d+$/.test(value), {
    message: 'must be the numeric app id',
  }),
  HUBSPOT_API_BASE_URL: urlText(['https:', 'http:']),
  HUBSPOT_AUTH_BASE_URL: urlText(['https:', 'http:']),
  HUBSPOT_TOKEN_PATH: z
    .string()
    .trim()
    .regex(/^\/[\w./-]*$/, 'must be a path such as /oauth/v3/token')
    // New marketplace listings must use the v3 endpoints; v1 retires on 16 Feb 2027.
    .default('/oauth/v3/token'),
  HUBSPOT_RATE_LIMIT_PER_10S: z
    .string()
    .regex(/^\d+$/, 'must be a whole number')
    .default('110')
    .transform(Number),
  HUBSPOT_RETENTION_DAYS: z
    .string()
    .regex(/^\d+$/, 'must be a whole number of days')
    .default('30')
    .transform(Number),
  SALESFORCE_CLIENT_ID: optionalText,
  SALESFORCE_CLIENT_SECRET: optionalText,
  SALESFORCE_LOGIN_URL: urlText(['https:', 'http:']),
});

export type Config = {
  port: number;
  /**
   * The address HTTP listens on; undefined means every interface. Sandbox mode defaults to
   * 127.0.0.1: its `/sandbox/fixture` hands out the admin token and every partner key unauthenticated.
   */
  host: string | undefined;
  publicUrl: string;
  databaseUrl: string | undefined;
  redisUrl: string | undefined;
  encryptionKey: string | undefined;
  dataDir: string;
  /** Sandbox: seeded demo tenant and local stand-ins; never on when NODE_ENV=production. */
  sandbox: boolean;
  logLevel: z.infer<typeof configSchema>['LOG_LEVEL'];
  hubspot: {
    clientId: string | undefined;
    clientSecret: string | undefined;
    appId: string | undefined;
    apiBaseUrl: string;
    authBaseUrl: string;
    /** The v3 path by default (`/oauth/v3/token` or `/oauth/2026-03/token`); `/oauth/v1/token` for legacy apps. */
    tokenPath: string;
    /** Requests per 10 s per portal: 110 for marketplace apps; the tier decides. */
    requestsPer10s: number;
    /** Days an uninstalled portal's data is kept before it is deleted. */
    retentionDays: number;
  };
  salesforce: { clientId: string | undefined; clientSecret: string | undefined; loginUrl: string };
};

export class ConfigError extends Error {
  readonly problems: readonly { variable: string; problem: string }[];
  constructor(problems: readonly { variable: string; problem: string }[]) {
    super(
      `Invalid configuration:\n${problems.map(({ variable, problem }) => `  ${variable}: ${problem}`).join('\n')}`,
    );
    this.name = 'ConfigError';
    this.problems = problems;
  }
}

export const loadConfig = (env: Readonly<Record<string, string | undefined>>): Config => {
  const parsed = configSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => ({
        variable: String(issue.path[0] ?? '(environment)'),
        problem: `${issue.message} (got ${JSON.stringify(env[String(issue.path[0])] ?? null)})`,
      })),
    );
  }
  const e = parsed.data;
  const production = e.NODE_ENV === 'production';
  const hasCrmCredentials = Boolean(
    (e.HUBSPOT_CLIENT_ID && e.HUBSPOT_CLIENT_SECRET) ||
    (e.SALESFORCE_CLIENT_ID && e.SALESFORCE_CLIENT_SECRET),
  );
  const sandbox = !production && (e.ENTENTE_MODE === 'sandbox' || (!e.ENTENTE_MODE && !hasCrmCredentials));

  const problems: { variable: string; problem: string }[] = [];
  if (production && e.ENTENTE_MODE === 'sandbox') {
    problems.push({ variable: 'ENTENTE_MODE', problem: 'sandbox mode never runs with NODE_ENV=production' });
  }
  if (!sandbox && !e.ENCRYPTION_KEY) {
    problems.push({
      variable: 'ENCRYPTION_KEY',
      problem: 'is required outside sandbox mode (tokens are encrypted with it)',
    });
  }
  if (!sandbox && !hasCrmCredentials) {
    problems.push({
      variable: 'HUBSPOT_CLIENT_ID',
      problem: 'production mode needs HubSpot or Salesforce app credentials (client id and secret)',
    });
  }
  if (problems.length > 0) throw new ConfigError(problems);

  return {
    port: e.PORT,
    host: e.HOST ?? (sandbox ? '127.0.0.1' : undefined),
    publicUrl: (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, ''),
    databaseUrl: e.DATABASE_URL,
    redisUrl: e.REDIS_URL,
    encryptionKey: e.ENCRYPTION_KEY,
    dataDir: e.ENTENTE_DATA_DIR,
    sandbox,
    logLevel: e.LOG_LEVEL,
    hubspot: {
      clientId: e.HUBSPOT_CLIENT_ID,
      clientSecret: e.HUBSPOT_CLIENT_SECRET,
      appId: e.HUBSPOT_APP_ID,
      apiBaseUrl: (e.HUBSPOT_API_BASE_URL ?? 'https://api.hubapi.com').replace(/\/+$/, ''),
      authBaseUrl: (e.HUBSPOT_AUTH_BASE_URL ?? 'https://app.hubspot.com').replace(/\/+$/, ''),
      tokenPath: e.HUBSPOT_TOKEN_PATH,
      requestsPer10s: e.HUBSPOT_RATE_LIMIT_PER_10S,
      retentionDays: e.HUBSPOT_RETENTION_DAYS,
    },
    salesforce: {
      clientId: e.SALESFORCE_CLIENT_ID,
      clientSecret: e.SALESFORCE_CLIENT_SECRET,
      loginUrl: e.SALESFORCE_LOGIN_URL ?? 'https://login.salesforce.com',
    },
  };
};
