import type { Tenant } from '@entente/shared/domain';
import { DomainError } from '@entente/shared/errors';
import type { ConnectorDeps, CrmPort } from './crmPort.js';
import { hubspotConnector } from './hubspot/hubspotConnector.js';

/**
 * The port for a tenant's CRM: the one place that picks an adapter by the tenant's CRM, so the
 * sync core and the stories above it never name a vendor.
 */
export const crmPortFor = (deps: ConnectorDeps, tenant: Pick<Tenant, 'id' | 'crm'>): CrmPort => {
  switch (tenant.crm) {
    case 'hubspot':
      return hubspotConnector(deps).forTenant(tenant.id);
    default:
      throw new DomainError(
        'CRM.NOT_CONFIGURED',
        `Tenant ${tenant.id} uses ${tenant.crm}, which this version of Entente cannot sync yet.`,
      );
  }
};
