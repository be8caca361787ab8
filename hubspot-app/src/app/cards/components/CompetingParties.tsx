import { Accordion, Alert, Flex, Heading, Link, List, Text } from '@hubspot/ui-extensions';
import type { ConflictGroup } from '../types/common';
import { statusLabel } from '../utils/format';

const variantOf = (severity: ConflictGroup['severity']) =>
  severity === 'blocking' ? 'danger' : severity === 'warning' ? 'warning' : 'info';

/** One id per party, and per registration where a card lists parties for each registration. */
const partyTestId = (group: ConflictGroup, scope: string | undefined) =>
  `conflict-${scope ? `${scope}-` : ''}${group.party.kind}-${group.party.id ?? 'none'}`;

const against = (group: ConflictGroup) =>
  `Against ${group.against.map((c) => `${c.partnerName}'s claim (${statusLabel(c.status).toLowerCase()})`).join(' and ')}.`;

/**
 * One Alert per competing party (another partner, a direct seller), listing each of its records
 * once with what makes it compete and a link. The engine's full findings stay folded away.
 * `showAgainst` names which claims on the card each party competes with, for cards that show several;
 * `scope` keeps test ids apart where a card shows one list per registration.
 */
export const CompetingParties = ({
  groups,
  showAgainst = false,
  scope,
}: {
  groups: ConflictGroup[];
  showAgainst?: boolean;
  scope?: string;
}) => (
  <Flex direction="column" gap="xs" testId={scope ? `competing-parties-${scope}` : 'competing-parties'}>
    <Heading>{`Competing claims (${groups.length})`}</Heading>
    {groups.map((group) => (
      <Alert
        key={partyTestId(group, scope)}
        title={group.title}
        variant={variantOf(group.severity)}
        testId={partyTestId(group, scope)}
      >
        <List variant="unordered">
          {group.records.map((record) => (
            <Flex key={`${record.type}-${record.id}`} direction="row" gap="xs" align="center">
              {record.url ? (
                <Link href={{ url: record.url, external: false }}>{record.label}</Link>
              ) : (
                <Text format={{ fontWeight: 'demibold' }}>{record.label}</Text>
              )}
              <Text variant="microcopy">{record.why}</Text>
            </Flex>
          ))}
        </List>
        {group.moreRecords > 0 && (
          <Text variant="microcopy">{`and ${group.moreRecords} more of theirs on this customer`}</Text>
        )}
        {showAgainst && group.against.length > 0 && <Text variant="microcopy">{against(group)}</Text>}
        {group.details.length > 0 && (
          <Accordion title="What Entente found" size="xs" testId={`${partyTestId(group, scope)}-details`}>
            <List variant="unordered">
              {group.details.map((line) => (
                <Text key={line}>{line}</Text>
              ))}
            </List>
          </Accordion>
        )}
      </Alert>
    ))}
  </Flex>
);
