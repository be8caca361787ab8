import { LoadingSpinner } from '@hubspot/ui-extensions';
import { createRenderer } from '@hubspot/ui-extensions/testing';
import { CompanyPartnersView } from '../app/cards/components/CompanyPartnersView';
import { PartnerDealCardView } from '../app/cards/components/PartnerDealCardView';
import { RegistrationReviewView } from '../app/cards/components/RegistrationReviewView';
import { describeTree } from '../app/cards/testing/renderedText';
import { createServiceFetch } from '../app/cards/utils/fetchFromService';
import { SettingsView } from '../app/settings/components/SettingsView';
import {
  createServiceFetch as createSettingsFetch,
  type FetchLike as SettingsFetchLike,
} from '../app/settings/utils/fetchFromService';

export type PreviewCard = 'deal' | 'company' | 'review' | 'settings';

type FetchImpl = Parameters<typeof createServiceFetch>[0];

export type PreviewInput = {
  card: PreviewCard;
  /** HubSpot (or Entente) id of the deal or company; unused for settings. */
  recordId: string;
  /** For the review card: which kind of record it sits on. */
  on?: 'deals' | 'companies';
  /** Does the HTTP call; `entente preview` signs it as HubSpot would. */
  fetchImpl: FetchImpl;
  timeoutMs?: number;
};

/**
 * Renders a real card component with the real `@hubspot/ui-extensions/testing` renderer, waits
 * until nothing is loading, and returns a plain-text picture of what the user would see.
 */
export const renderCardPreview = async (input: PreviewInput): Promise<string> => {
  const fetcher = createServiceFetch(input.fetchImpl, { timeoutMs: input.timeoutMs ?? 15_000 });
  const renderer = createRenderer(input.card === 'settings' ? 'settings' : 'crm.record.tab');
  const element =
    input.card === 'deal' ? (
      <PartnerDealCardView fetcher={fetcher} dealId={input.recordId} />
    ) : input.card === 'company' ? (
      <CompanyPartnersView fetcher={fetcher} companyId={input.recordId} />
    ) : input.card === 'review' ? (
      <RegistrationReviewView fetcher={fetcher} objectType={input.on ?? 'deals'} objectId={input.recordId} />
    ) : (
      // The settings page has its own copy of the fetch wrapper (HubSpot bundles each component
      // folder on its own). Its type also allows PUT, which a preview never sends: it only renders.
      <SettingsView
        fetcher={createSettingsFetch(input.fetchImpl as SettingsFetchLike, {
          timeoutMs: input.timeoutMs ?? 15_000,
        })}
      />
    );
  renderer.render(element);
  await renderer.waitFor(
    () => {
      if (renderer.maybeFind(LoadingSpinner)) throw new Error('still loading');
    },
    { timeoutInMs: (input.timeoutMs ?? 15_000) + 5_000 },
  );
  return describeTree(renderer.getRootNode());
};
