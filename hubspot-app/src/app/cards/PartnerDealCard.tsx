import { hubspot } from '@hubspot/ui-extensions';
import { PartnerDealCardView } from './components/PartnerDealCardView';
import { hubspotServiceFetch } from './utils/fetchFromService';

hubspot.extend<'crm.record.tab'>(({ context }) => (
  <PartnerDealCardView fetcher={hubspotServiceFetch} dealId={String(context.crm.objectId)} />
));
