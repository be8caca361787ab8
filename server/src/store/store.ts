import { attributionRepositories } from './repositories/attribution/index.js';
import { governanceRepository } from './repositories/governance.js';
import type { Database, Queryable } from './database.js';
import { accountsRepository } from './repositories/accounts.js';
import { contactsRepository } from './repositories/contacts.js';
import { crmSyncRepository } from './repositories/crmSync.js';
import { fieldMappingVersionsRepository } from './repositories/fieldMappingVersions.js';
import { crmTokensRepository, oauthStatesRepository } from './repositories/crmTokens.js';
import { dealsRepository } from './repositories/deals.js';
import { jobQueueRepository } from './repositories/jobQueue.js';
import { partnersRepository } from './repositories/partners.js';
import { registrationsRepository } from './repositories/registrations.js';
import type { TenantScope } from './repositories/tenantScope.js';
import { tenantsRepository } from './repositories/tenants.js';
import { usersRepository } from './repositories/users.js';
import { apiKeyLookupRepository, apiKeysRepository } from './repositories/apiKeysRepository.js';
import { auditLogRepository } from './repositories/auditLog.js';
import { customerMatchingRepository } from './repositories/customerMatching.js';
import { dealCardRepository } from './repositories/dealCard.js';
import { hubspotPortalsRepository } from './repositories/hubspotPortals.js';
import { idempotencyRepository } from './repositories/idempotency.js';
import { intakeSessionsRepository } from './repositories/intakeSessions.js';
import { policiesRepository } from './repositories/policies.js';
import { programMetricsRepository } from './repositories/programMetrics.js';
import { recordLabelsRepository } from './repositories/recordLabels.js';
import { syncHealthRepository } from './repositories/syncHealth.js';

const tenantRepositories = (scope: TenantScope) => ({
  tenantId: scope.tenantId,
  users: usersRepository(scope),
  accounts: accountsRepository(scope),
  deals: dealsRepository(scope),
  partners: partnersRepository(scope),
  registrations: registrationsRepository(scope),
  governance: governanceRepository(scope),
  attribution: attributionRepositories(scope),
  contacts: contactsRepository(scope),
  crmSync: crmSyncRepository(scope),
  fieldMappingVersions: fieldMappingVersionsRepository(scope),
  crmTokens: crmTokensRepository(scope),
  jobs: jobQueueRepository(scope),
  policies: policiesRepository(scope),
  apiKeys: apiKeysRepository(scope),
  audit: auditLogRepository(scope),
  idempotency: idempotencyRepository(scope),
  dealCard: dealCardRepository(scope),
  syncHealth: syncHealthRepository(scope),
  recordLabels: recordLabelsRepository(scope),
  customerMatching: customerMatchingRepository(scope),
  programMetrics: programMetricsRepository(scope),
  intakeSessions: intakeSessionsRepository(scope),
});
export type TenantStore = ReturnType<typeof tenantRepositories>;

const repositories = (db: Queryable) => ({
  tenants: tenantsRepository(db),
  oauthStates: oauthStatesRepository(db),
  apiKeyLookup: apiKeyLookupRepository(db),
  hubspotPortals: hubspotPortalsRepository(db),
  forTenant: (tenantId: string): TenantStore => tenantRepositories({ tenantId, db }),
});
export type Repositories = ReturnType<typeof repositories>;

/**
 * The store's front door. Tenant data is reachable only through `forTenant(id)`. `transaction`
 * hands the same repositories bound to one transaction; `inTransaction` does so for one tenant.
 */
export const createStore = (db: Database) => ({
  db,
  ...repositories(db),
  transaction: <T>(work: (store: Repositories) => Promise<T>): Promise<T> =>
    db.transaction((tx) => work(repositories(tx))),
  inTransaction: <T>(tenantId: string, work: (store: TenantStore) => Promise<T>): Promise<T> =>
    db.transaction((tx) => work(tenantRepositories({ tenantId, db: tx }))),
});
export type Store = ReturnType<typeof createStore>;
