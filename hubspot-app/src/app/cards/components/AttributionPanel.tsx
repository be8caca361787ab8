import { useState } from 'react';
import {
  Alert,
  BarChart,
  Button,
  Flex,
  Heading,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeader,
  TableRow,
  Text,
  TextArea,
} from '@hubspot/ui-extensions';
import type { Attribution, AttributionSplit } from '../types/dealCard';
import type { ActionState } from '../hooks/useServiceAction';
import { formatDate, formatMoney } from '../utils/format';

type Props = {
  attribution: Attribution;
  disputeState: ActionState;
  onDispute: (participantId: string, reason: string) => void;
};

const DisputeForm = ({
  split,
  busy,
  onSubmit,
  onCancel,
}: {
  split: AttributionSplit;
  busy: boolean;
  onSubmit: (reason: string) => void;
  onCancel: () => void;
}) => {
  const [reason, setReason] = useState('');
  return (
    <Flex direction="column" gap="xs" testId="dispute-form">
      <TextArea
        label={`Why is the credit for ${split.name} wrong?`}
        name="dispute-reason"
        value={reason}
        onChange={setReason}
        required
      />
      <Flex direction="row" gap="sm">
        <Button
          variant="primary"
          disabled={busy || reason.trim() === ''}
          onClick={() => onSubmit(reason.trim())}
          testId="dispute-submit"
        >
          Send dispute
        </Button>
        <Button variant="secondary" onClick={() => onCancel()}>
          Cancel
        </Button>
      </Flex>
    </Flex>
  );
};

/** Who gets credit and why: the split table, a bar chart, the model's name and a dispute action. */
export const AttributionPanel = ({ attribution, disputeState, onDispute }: Props) => {
  const [disputing, setDisputing] = useState<string | null>(null);
  const split = attribution.splits.find((s) => s.participantId === disputing);
  const openDisputes = new Map(
    attribution.disputes.filter((d) => d.state === 'open').map((d) => [d.participantId, d]),
  );
  return (
    <Flex direction="column" gap="sm" testId="attribution-panel">
      <Heading>Attribution</Heading>
      <Text>
        {`Model: ${attribution.modelLabel} (settings version ${attribution.settingsVersion}). `}
        {attribution.status === 'finalised'
          ? 'This is the credit of record.'
          : 'Provisional: what the model would credit today; it is fixed when the deal is won.'}
      </Text>
      {attribution.splits.length > 0 && (
        <BarChart
          data={attribution.splits.map((s) => ({ participant: s.name, share: s.shareBp / 100 }))}
          axes={{
            x: { field: 'participant', fieldType: 'category', label: 'Participant' },
            y: { field: 'share', fieldType: 'linear', label: 'Share of credit (%)' },
          }}
          options={{ showDataLabels: true, showTooltips: true }}
        />
      )}
      <Table bordered>
        <TableHead>
          <TableRow>
            <TableHeader>Participant</TableHeader>
            <TableHeader>Share</TableHeader>
            <TableHeader>Amount</TableHeader>
            <TableHeader>Why</TableHeader>
            <TableHeader>Dispute</TableHeader>
          </TableRow>
        </TableHead>
        <TableBody>
          {attribution.splits.map((s) => {
            const open = openDisputes.get(s.participantId);
            return (
              <TableRow key={s.participantId}>
                <TableCell>{s.name}</TableCell>
                <TableCell>{s.share}</TableCell>
                <TableCell>
                  {formatMoney({ amountMinor: s.amountMinor, currency: attribution.amount.currency })}
                </TableCell>
                <TableCell>{s.why}</TableCell>
                <TableCell>
                  {open ? (
                    <Text variant="microcopy">{`Disputed, decided by ${formatDate(open.deadline)}`}</Text>
                  ) : s.disputable && !attribution.disputeBlockedReason ? (
                    <Button
                      size="xs"
                      variant="secondary"
                      onClick={() => setDisputing(s.participantId)}
                      testId={`dispute-${s.participantId}`}
                    >
                      Dispute
                    </Button>
                  ) : (
                    <Text variant="microcopy">—</Text>
                  )}
                </TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
      {attribution.disputeBlockedReason && (
        <Text variant="microcopy">{attribution.disputeBlockedReason}</Text>
      )}
      {split && disputeState.status !== 'done' && (
        <DisputeForm
          split={split}
          busy={disputeState.status === 'submitting'}
          onSubmit={(reason) => onDispute(split.participantId, reason)}
          onCancel={() => setDisputing(null)}
        />
      )}
      {disputeState.status === 'done' && (
        <Alert title="Dispute sent" variant="success">
          A neutral adjudicator will decide it before the deadline; the split stays as it is until then.
        </Alert>
      )}
      {disputeState.status === 'error' && (
        <Alert title="The dispute was not sent" variant="error">
          {disputeState.error.message}
        </Alert>
      )}
    </Flex>
  );
};
