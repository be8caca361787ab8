import type { CrmPort, ProvisioningResult } from '../crm/crmPort.js';
import type { Store } from '../store/store.js';

/**
 * Creates Entente's fields in the CRM account, and a registration object where the account
 * allows custom objects. Re-running it creates nothing new.
 */
export const provisionCrm = async (
  store: Store,
  port: CrmPort,
  tenantId: string,
  now: Date,
): Promise<ProvisioningResult> => {
  const result = await port.provision();
  await store
    .forTenant(tenantId)
    .crmSync.saveProvisioning(result.registrationsStore, result.registrationsObjectType, now);
  return result;
};
