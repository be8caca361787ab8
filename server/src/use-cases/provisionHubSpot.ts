import type { CrmPort, ProvisioningResult } from '../crm/crmPort.js';
import type { Store } from '../store/store.js';

/**
 * Creates Entente's property group and fields in the portal, and the registration object where
 * custom objects are available. Re-running it creates nothing new.
 */
export const provisionHubSpot = async (
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
