import { Flex, StatusTag, Text } from '@hubspot/ui-extensions';
import type { SyncHealth } from '../types/dealCard';
import { formatDateTime } from '../utils/format';

export const SyncHealthLine = ({ sync }: { sync: SyncHealth }) => (
  <Flex direction="row" gap="sm" align="center" testId="sync-health">
    <StatusTag
      variant={sync.state === 'in_sync' ? 'success' : sync.state === 'writes_pending' ? 'warning' : 'default'}
    >
      {sync.state === 'in_sync'
        ? 'In sync'
        : sync.state === 'writes_pending'
          ? 'Updates pending'
          : 'Not synced yet'}
    </StatusTag>
    <Text variant="microcopy">
      {sync.lastSyncedAt
        ? `Last synced ${formatDateTime(sync.lastSyncedAt)}`
        : 'No sync recorded for this deal yet'}
      {sync.pendingWrites > 0
        ? `. Waiting to write ${sync.pendingFields.join(', ') || 'changes'} to HubSpot.`
        : '. Nothing waiting to be written.'}
    </Text>
  </Flex>
);
