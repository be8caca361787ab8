import { hubspot } from '@hubspot/ui-extensions';
import { hubspotServiceFetch } from './utils/fetchFromService';
import { SettingsView } from './components/SettingsView';

hubspot.extend<'settings'>(() => <SettingsView fetcher={hubspotServiceFetch} />);
