import { Button, EmptyState, ErrorState, LoadingSpinner, Text } from '@hubspot/ui-extensions';
import type { ServiceError } from '../utils/fetchFromService';

export const CardLoading = ({ label }: { label: string }) => (
  <LoadingSpinner label={label} showLabel layout="centered" />
);

/** What a seller reads when something failed, and what to do next: never a dead end. */
const adviceFor = (error: ServiceError): string => {
  if (error.status === 404)
    return 'Entente does not know this record yet. It appears once the next sync has run.';
  if (error.status === 401)
    return 'HubSpot could not prove this request came from your portal. Reload the page.';
  if (error.status === 403) return error.message;
  if (error.code === 'CARD.TIMEOUT' || error.code === 'CARD.UNREACHABLE') return error.message;
  return `${error.message} If it keeps happening, contact your Entente admin.`;
};

export const CardError = ({
  error,
  title,
  onRetry,
}: {
  error: ServiceError;
  title: string;
  onRetry: () => void;
}) => (
  <ErrorState title={title}>
    <Text>{adviceFor(error)}</Text>
    <Button onClick={() => onRetry()} testId="retry">
      Try again
    </Button>
  </ErrorState>
);

export const CardEmpty = ({ title, children }: { title: string; children: string }) => (
  <EmptyState title={title} layout="vertical" imageName="deals">
    <Text>{children}</Text>
  </EmptyState>
);
