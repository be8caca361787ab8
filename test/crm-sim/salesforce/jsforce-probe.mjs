// Drives the official jsforce client against a running Salesforce simulator and prints what it saw
// as JSON. It runs as a plain Node process because jsforce's HTTP stack (undici) resets loopback
// connections when loaded inside Jest's module sandbox; the simulator itself runs in the test.
import { Connection, OAuth2 } from 'jsforce';

const { url, accessToken, refreshToken, clientId, clientSecret } = JSON.parse(process.argv[2] ?? '{}');
const redirectUri = 'https://entente.example/sf/callback';
const oauth2 = new OAuth2({ loginUrl: url, clientId, clientSecret, redirectUri });
const conn = new Connection({ oauth2, instanceUrl: url, accessToken, refreshToken, version: '66.0' });
let refreshes = 0;
conn.on('refresh', () => (refreshes += 1));
const errorOf = (error) => ({ name: error.name, errorCode: error.errorCode, message: error.message });
const out = {};

// The test expired every session before starting this process: the first call must refresh.
const first = await conn.query('SELECT Id FROM Account LIMIT 1');
out.refresh = { records: first.records.length, refreshes, tokenChanged: conn.accessToken !== accessToken };

const page1 = await conn.query(
  'SELECT Id, Name, Amount, StageName, Account.Name FROM Opportunity ORDER BY Amount DESC',
  {
    headers: { 'Sforce-Query-Options': 'batchSize=200' },
  },
);
const page2 = await conn.queryMore(page1.nextRecordsUrl);
const page3 = await conn.queryMore(page2.nextRecordsUrl);
out.paging = {
  totalSize: page1.totalSize,
  sizes: [page1.records.length, page2.records.length, page3.records.length],
  done: [page1.done, page2.done, page3.done],
  nextRecordsUrl: page1.nextRecordsUrl,
  firstAccountName: page1.records[0]?.Account?.Name ?? null,
  amountsDescending: page1.records.every((r, i, all) => i === 0 || all[i - 1].Amount >= r.Amount),
};

const won = await conn.query(
  "SELECT Id, StageName, IsWon FROM Opportunity WHERE StageName = 'Closed Won' AND Amount > 1000 LIMIT 50",
);
const count = await conn.query("SELECT COUNT() FROM Account WHERE Name LIKE 'A%' OR ParentId != null");
out.filters = {
  won: won.records.length,
  allWon: won.records.every((r) => r.StageName === 'Closed Won' && r.IsWon === true),
  count: count.totalSize,
};

const accountId = first.records[0]?.Id;
const inputs = Array.from({ length: 150 }, (_, i) => ({
  Name: `Collection ${i}`,
  StageName: 'Prospecting',
  CloseDate: '2026-12-01',
  AccountId: accountId,
}));
const created = await conn.sobject('Opportunity').create(inputs);
const updated = await conn
  .sobject('Opportunity')
  .update(created.map((r) => ({ Id: r.id, StageName: 'Closed Won' })));
const one = await conn.sobject('Opportunity').retrieve(created[0].id);
out.collections = {
  created: created.length,
  createdOk: created.every((r) => r.success),
  updatedOk: updated.every((r) => r.success),
  stage: one.StageName,
  isWon: one.IsWon,
};

const rolledBack = await conn
  .sobject('Account')
  .create([{ Name: 'Good Co' }, { Website: 'https://no-name.example' }], { allOrNone: true });
const goodCo = await conn.query("SELECT Id FROM Account WHERE Name = 'Good Co'");
out.allOrNone = {
  success: rolledBack.map((r) => r.success),
  codes: rolledBack.map((r) => r.errors[0]?.statusCode),
  remaining: goodCo.totalSize,
};

out.tooMany = await conn
  .sobject('Account')
  .create(Array.from({ length: 201 }, (_, i) => ({ Name: `Too many ${i}` })))
  .then(() => null, errorOf);

out.limitInfo = conn.limitInfo;

const stale = new Connection({ instanceUrl: url, accessToken: 'not-a-session', version: '66.0' });
out.invalidSession = await stale.query('SELECT Id FROM Account').then(() => null, errorOf);

const authorize = await fetch(oauth2.getAuthorizationUrl({ scope: 'api refresh_token', state: 's1' }), {
  redirect: 'manual',
});
const code = new URL(authorize.headers.get('location') ?? '').searchParams.get('code') ?? '';
const fresh = new Connection({ oauth2, version: '66.0' });
const user = await fresh.authorize(code);
out.authorize = {
  instanceUrl: fresh.instanceUrl,
  hasRefreshToken: typeof fresh.refreshToken === 'string',
  organizationId: user.organizationId,
};

process.stdout.write(JSON.stringify(out));
