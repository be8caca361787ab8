import { ConfigError, loadConfig } from './config.js';

describe('loadConfig', () => {
  it('When nothing is configured, then the service runs in sandbox mode on port 3000', () => {
    const config = loadConfig({});
    expect(config.sandbox).toBe(true);
    expect(config.port).toBe(3000);
    expect(config.dataDir).toBe('./.entente');
    expect(config.databaseUrl).toBeUndefined();
    expect(config.publicUrl).toBe('http://localhost:3000');
  });

  it('When several variables are invalid, then every one is named with the reason', () => {
    let caught: unknown;
    try {
      loadConfig({ PORT: 'abc', DATABASE_URL: 'mysql://x', LOG_LEVEL: 'loud', ENCRYPTION_KEY: 'short' });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    const variables = (caught as ConfigError).problems.map((p) => p.variable).sort();
    expect(variables).toEqual(['DATABASE_URL', 'ENCRYPTION_KEY', 'LOG_LEVEL', 'PORT']);
    expect((caught as ConfigError).message).toMatch(/PORT: must be a whole number/);
  });

  it('When NODE_ENV is production, then sandbox mode never turns on', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', ENTENTE_MODE: 'sandbox' })).toThrow(/ENTENTE_MODE/);
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/ENCRYPTION_KEY/);
  });

  it('When app credentials and a key are set, then production mode is chosen', () => {
    const config = loadConfig({
      HUBSPOT_CLIENT_ID: 'id',
      HUBSPOT_CLIENT_SECRET: 'secret',
      ENCRYPTION_KEY: 'a'.repeat(64),
      PUBLIC_URL: 'https://entente.example.com/',
    });
    expect(config.sandbox).toBe(false);
    expect(config.publicUrl).toBe('https://entente.example.com');
  });

  it('When ENTENTE_MODE=sandbox is set with credentials, then sandbox mode wins', () => {
    expect(
      loadConfig({ HUBSPOT_CLIENT_ID: 'id', HUBSPOT_CLIENT_SECRET: 's', ENTENTE_MODE: 'sandbox' }).sandbox,
    ).toBe(true);
  });

  it('When HOST is not set, then sandbox mode listens on 127.0.0.1 only and production on all interfaces', () => {
    expect(loadConfig({}).host).toBe('127.0.0.1');
    const production = loadConfig({
      HUBSPOT_CLIENT_ID: 'id',
      HUBSPOT_CLIENT_SECRET: 'secret',
      ENCRYPTION_KEY: 'a'.repeat(64),
    });
    expect(production.sandbox).toBe(false);
    expect(production.host).toBeUndefined();
  });

  it('When HOST is set, then the service listens there in either mode', () => {
    expect(loadConfig({ HOST: '0.0.0.0' }).host).toBe('0.0.0.0');
    expect(
      loadConfig({
        HOST: '10.0.0.5',
        HUBSPOT_CLIENT_ID: 'id',
        HUBSPOT_CLIENT_SECRET: 'secret',
        ENCRYPTION_KEY: 'a'.repeat(64),
      }).host,
    ).toBe('10.0.0.5');
    expect(loadConfig({ HOST: '::1' }).host).toBe('::1');
  });

  it('When HOST is not an address or host name, then HOST is named', () => {
    expect(() => loadConfig({ HOST: 'http://0.0.0.0:3000' })).toThrow(/HOST: must be/);
  });
});
