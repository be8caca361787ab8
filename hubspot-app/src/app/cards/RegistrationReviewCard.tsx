import { hubspot } from '@hubspot/ui-extensions';
import { RegistrationReviewView } from './components/RegistrationReviewView';
import { hubspotServiceFetch } from './utils/fetchFromService';

// HubSpot's standard object type ids: 0-3 deals, 0-2 companies.
hubspot.extend<'crm.record.tab'>(({ context }) => (
  <RegistrationReviewView
    fetcher={hubspotServiceFetch}
    objectType={context.crm.objectTypeId === '0-2' ? 'companies' : 'deals'}
    objectId={String(context.crm.objectId)}
  />
));
