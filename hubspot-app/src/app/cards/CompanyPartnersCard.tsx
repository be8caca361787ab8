import { hubspot } from '@hubspot/ui-extensions';
import { CompanyPartnersView } from './components/CompanyPartnersView';
import { hubspotServiceFetch } from './utils/fetchFromService';

hubspot.extend<'crm.record.tab'>(({ context }) => (
  <CompanyPartnersView fetcher={hubspotServiceFetch} companyId={String(context.crm.objectId)} />
));
