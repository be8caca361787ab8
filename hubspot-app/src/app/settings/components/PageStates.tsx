// Copied from cards/components/CardStates.tsx, with advice written for admins: component folders
// cannot share modules (see utils/fetchFromService.ts).
import { Button, EmptyState, ErrorState, LoadingSpinner, Text } from '@hubspot/ui-extensions';
import type { ServiceError } from '../utils/fetchFromService';

export const PageLoading = ({ label }: { label: string }) => (
  <LoadingSpinner label={label} showLabel layout="centered" />
);

/** What an admin reads when something failed, and what to do next: never a dead end. */
const adviceFor = (error: ServiceError): string => {
  if (error.status === 404 && error.code === 'CARDS.PORTAL_UNKNOWN')
    return 'Entente is not installed for this portal. Reinstall the app from the marketplace.';
  if (error.status === 404)
    return 'Your Entente service does not offer this yet. Ask whoever runs Entente to update it.';
  if (error.status === 401)
    return 'HubSpot could not prove this request came from your portal. Reload the page.';
  if (error.status === 403) return error.message;
  if (error.code === 'CARD.TIMEOUT' || error.code === 'CARD.UNREACHABLE') return error.message;
  return `${error.message} If it keeps happening, contact Entente support.`;
};

export const PageError = ({
  error,
  title,
  onRetry,
  retryTestId = 'retry',
}: {
  error: ServiceError;
  title: string;
  onRetry: () => void;
  retryTestId?: string;
}) => (
  <ErrorState title={title}>
    <Text>{adviceFor(error)}</Text>
    <Button onClick={() => onRetry()} testId={retryTestId}>
      Try again
    </Button>
  </ErrorState>
);

export const PageEmpty = ({ title, children }: { title: string; children: string }) => (
  <EmptyState title={title} layout="vertical" imageName="deals">
    <Text>{children}</Text>
  </EmptyState>
);
