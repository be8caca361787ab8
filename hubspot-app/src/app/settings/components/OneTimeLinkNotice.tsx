import { Alert, Link, Text } from '@hubspot/ui-extensions';
import { formatDateTime } from '../utils/format';

/**
 * A key, as the page ever sees one: a one-time link. The key itself is shown once, to whoever
 * opens the link, and never passes through HubSpot or this page.
 *
 * A partner's link is shown as text, not as a Link: an admin who clicked it would use it up and
 * see a key that belongs to the partner's systems. The admin's own link is meant to be opened.
 */
export const OneTimeLinkNotice = ({
  title,
  link,
  expiresAt,
  sendTo,
  testId,
}: {
  title: string;
  link: string;
  expiresAt: string;
  /** Whom to send the link to; absent when the link is for the admin themself. */
  sendTo?: string;
  testId?: string;
}) =>
  sendTo ? (
    <Alert title={title} variant="success" testId={testId}>
      <Text>{`Send this one-time link to ${sendTo}:`}</Text>
      <Text format={{ fontWeight: 'bold' }} testId="one-time-link">
        {link}
      </Text>
      <Text>
        {`The key is shown once, when the link is opened, and cannot be shown again. The link expires at ${formatDateTime(expiresAt)}. Do not open it yourself: opening it uses it up.`}
      </Text>
    </Alert>
  ) : (
    <Alert title={title} variant="success" testId={testId}>
      <Link href={{ url: link, external: true }} testId="one-time-link">
        Open your one-time link
      </Link>
      <Text>
        {`Your key is shown once, when you open the link: keep it somewhere safe, it cannot be shown again. The link expires at ${formatDateTime(expiresAt)}; do not forward it.`}
      </Text>
    </Alert>
  );
