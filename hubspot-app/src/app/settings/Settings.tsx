import { hubspot } from '@hubspot/ui-extensions';
import { hubspotServiceFetch } from '../cards/utils/fetchFromService';
import { SettingsView } from './components/SettingsView';

hubspot.extend<'settings'>(() => <SettingsView fetcher={hubspotServiceFetch} />);
