import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { promisify } from 'node:util';
import { startSalesforceSimulator, type SalesforceSimulator } from './simulator.js';

const run = promisify(execFile);
const probe = path.join(path.dirname(fileURLToPath(import.meta.url)), 'jsforce-probe.mjs');

type ProbeResult = {
  refresh: { records: number; refreshes: number; tokenChanged: boolean };
  paging: {
    totalSize: number;
    sizes: number[];
    done: boolean[];
    nextRecordsUrl: string;
    firstAccountName: string | null;
    amountsDescending: boolean;
  };
  filters: { won: number; allWon: boolean; count: number };
  collections: { created: number; createdOk: boolean; updatedOk: boolean; stage: string; isWon: boolean };
  allOrNone: { success: boolean[]; codes: string[]; remaining: number };
  tooMany: { errorCode: string } | null;
  limitInfo: { apiUsage?: { used: number; limit: number } };
  invalidSession: { errorCode: string } | null;
  authorize: { instanceUrl: string; hasRefreshToken: boolean; organizationId: string };
};

describe('Salesforce simulator with the official jsforce client', () => {
  let sim: SalesforceSimulator;
  let result: ProbeResult;

  beforeAll(async () => {
    sim = await startSalesforceSimulator({ port: 0, latencyMs: 0, seed: 3, size: 450 });
    const tokens = sim.issueToken();
    sim.faults.inject({ kind: 'expire_tokens' });
    const input = JSON.stringify({
      url: sim.url,
      ...tokens,
      clientId: sim.clientId,
      clientSecret: sim.clientSecret,
    });
    const { stdout } = await run(process.execPath, [probe, input], {
      cwd: path.dirname(probe),
      timeout: 30_000,
    });
    result = JSON.parse(stdout) as ProbeResult;
  }, 40_000);
  afterAll(() => sim.close());

  it('When the session has expired, then jsforce refreshes it through the OAuth2 token endpoint and retries', () => {
    expect(result.refresh).toEqual({ records: 1, refreshes: 1, tokenChanged: true });
  });

  it('When opportunities are queried with batchSize 200, then queryMore follows nextRecordsUrl to the end', () => {
    expect(result.paging.totalSize).toBe(450);
    expect(result.paging.sizes).toEqual([200, 200, 50]);
    expect(result.paging.done).toEqual([false, false, true]);
    expect(result.paging.nextRecordsUrl).toMatch(/\/services\/data\/v66\.0\/query\/01g\w+-200$/);
    expect(result.paging.firstAccountName).toEqual(expect.any(String));
    expect(result.paging.amountsDescending).toBe(true);
  });

  it('When a filtered SOQL query runs, then only matching records come back', () => {
    expect(result.filters.won).toBeGreaterThan(0);
    expect(result.filters.allWon).toBe(true);
    expect(result.filters.count).toBeGreaterThan(0);
  });

  it('When records are created and updated as collections, then each batch is saved', () => {
    expect(result.collections).toEqual({
      created: 150,
      createdOk: true,
      updatedOk: true,
      stage: 'Closed Won',
      isWon: true,
    });
  });

  it('When a collection holds a bad record with allOrNone, then every record is rolled back', () => {
    expect(result.allOrNone).toEqual({
      success: [false, false],
      codes: ['ALL_OR_NONE_OPERATION_ROLLED_BACK', 'REQUIRED_FIELD_MISSING'],
      remaining: 0,
    });
  });

  it("When more than 200 records are sent in one collection, then Salesforce's limit error comes back", () => {
    expect(result.tooMany?.errorCode).toBe('EXCEEDED_ID_LIMIT');
  });

  it('When calls return, then conn.limitInfo reports the Sforce-Limit-Info usage', () => {
    expect(result.limitInfo.apiUsage?.limit).toBe(100_000);
    expect(result.limitInfo.apiUsage?.used).toBeGreaterThan(5);
  });

  it('When the session is invalid and cannot be refreshed, then INVALID_SESSION_ID is raised', () => {
    expect(result.invalidSession?.errorCode).toBe('INVALID_SESSION_ID');
  });

  it('When the authorization code flow runs, then the token response names the instance and org', () => {
    expect(result.authorize).toEqual({
      instanceUrl: sim.url,
      hasRefreshToken: true,
      organizationId: sim.state.orgId,
    });
  });
});
