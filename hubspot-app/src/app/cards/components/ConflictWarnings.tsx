import { Alert, Link, List, Text } from '@hubspot/ui-extensions';
import type { Conflict } from '../types/common';

const variantOf = (severity: Conflict['severity']) =>
  severity === 'blocking' ? 'danger' : severity === 'warning' ? 'warning' : 'info';

/** One Alert per conflict: what overlaps, the evidence, and a link to the competing record. */
export const ConflictWarnings = ({ conflicts }: { conflicts: Conflict[] }) => (
  <>
    {conflicts.map((conflict, index) => (
      <Alert
        key={`${conflict.registrationId}-${conflict.kind}-${index}`}
        title={conflict.title}
        variant={variantOf(conflict.severity)}
        testId={`conflict-${conflict.registrationId}-${index}`}
      >
        <Text>{conflict.summary}</Text>
        {conflict.evidence.length > 0 && (
          <List variant="unordered">
            {conflict.evidence.map((line) => (
              <Text key={line}>{line}</Text>
            ))}
          </List>
        )}
        {conflict.competing.map((record) =>
          record.url ? (
            <Link key={`${record.type}-${record.id}`} href={{ url: record.url, external: false }}>
              {`Open ${record.label}`}
            </Link>
          ) : (
            <Text key={`${record.type}-${record.id}`} variant="microcopy">
              {`Competing ${record.label}`}
            </Text>
          ),
        )}
      </Alert>
    ))}
  </>
);
