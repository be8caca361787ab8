import { Flex, StatusTag, Text } from '@hubspot/ui-extensions';
import type { SyncHealth } from '../types/dealCard';
import { formatDateTime } from '../utils/format';

const LABEL: Record<SyncHealth['state'], string> = {
  in_sync: 'In sync',
  writes_pending: 'Updates pending',
  write_refused: 'Update refused',
  never_synced: 'Not synced yet',
};

const VARIANT: Record<SyncHealth['state'], 'success' | 'warning' | 'danger' | 'default'> = {
  in_sync: 'success',
  writes_pending: 'warning',
  write_refused: 'danger',
  never_synced: 'default',
};

const VIA: Record<NonNullable<SyncHealth['via']>, string> = {
  backfill: 'by the initial import',
  change: 'by a change in HubSpot',
  reconciliation: 'by reconciliation',
};

export const SyncHealthLine = ({ sync }: { sync: SyncHealth }) => (
  <Flex direction="row" gap="sm" align="center" testId="sync-health">
    <StatusTag variant={VARIANT[sync.state]}>{LABEL[sync.state]}</StatusTag>
    <Text variant="microcopy">
      {sync.lastSyncedAt
        ? `Last synced ${formatDateTime(sync.lastSyncedAt)}${sync.via ? ` ${VIA[sync.via]}` : ''}`
        : 'No sync recorded for this deal yet'}
      {sync.state === 'write_refused'
        ? `. HubSpot refused Entente's last update${sync.refusedReason ? ` (${sync.refusedReason})` : ''}; it will not be retried.`
        : sync.pendingWrites > 0
          ? `. Waiting to write ${sync.pendingFields.join(', ') || 'changes'} to HubSpot.`
          : '. Nothing waiting to be written.'}
    </Text>
  </Flex>
);
