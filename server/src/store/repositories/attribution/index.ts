import type { TenantScope } from '../tenantScope.js';
import { attributionSettingsRepository } from './attributionSettings.js';
import { dealAttributionsRepository } from './dealAttributions.js';
import { dealRenewalsRepository } from './dealRenewals.js';
import { disputesRepository } from './disputes.js';
import { attributionHistoryRepository } from './history.js';
import { partnerProgramRepository } from './partnerProgram.js';
import { touchpointsRepository } from './touchpoints.js';

/** The attribution area's tenant-scoped repositories, reached as `store.forTenant(id).attribution`. */
export const attributionRepositories = (scope: TenantScope) => ({
  touchpoints: touchpointsRepository(scope),
  settings: attributionSettingsRepository(scope),
  renewals: dealRenewalsRepository(scope),
  dealAttributions: dealAttributionsRepository(scope),
  disputes: disputesRepository(scope),
  history: attributionHistoryRepository(scope),
  partnerProgram: partnerProgramRepository(scope),
});
export type AttributionRepositories = ReturnType<typeof attributionRepositories>;
