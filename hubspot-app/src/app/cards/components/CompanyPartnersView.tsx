import {
  Divider,
  Flex,
  Heading,
  Statistics,
  StatisticsItem,
  StatusTag,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeader,
  TableRow,
  Tag,
  Text,
} from '@hubspot/ui-extensions';
import { useServiceData } from '../hooks/useServiceData';
import { companyCardPayloadSchema } from '../types/companyCard';
import type { ServiceFetch } from '../utils/fetchFromService';
import { formatDate, formatMoney, roleLabel, statusLabel, statusVariant } from '../utils/format';
import { CardEmpty, CardError, CardLoading } from './CardStates';
import { CompetingParties } from './CompetingParties';

type Props = { fetcher: ServiceFetch; companyId: string };

/**
 * The account view: open conflicts first (one block per competing party, never this company), then
 * active partners (each with its tier and the reasons it holds it), attributed pipeline and the
 * registration history.
 */
export const CompanyPartnersView = ({ fetcher, companyId }: Props) => {
  const { state, reload } = useServiceData(
    fetcher,
    `/hubspot/cards/companies/${encodeURIComponent(companyId)}`,
    companyCardPayloadSchema,
  );
  if (state.status === 'loading') return <CardLoading label="Loading partners on this account" />;
  if (state.status === 'error')
    return (
      <CardError title="Partner overview is unavailable" error={state.error} onRetry={() => void reload()} />
    );
  const data = state.data;
  if (data.partners.length === 0 && data.registrations.length === 0)
    return (
      <CardEmpty title="No partner activity on this account">
        {`No partner has registered ${data.company.name} yet. Registrations, conflicts and partner-attributed pipeline appear here when they do.`}
      </CardEmpty>
    );
  return (
    <Flex direction="column" gap="md">
      {data.conflicts.length > 0 && <CompetingParties groups={data.conflicts} showAgainst />}
      <Statistics>
        <StatisticsItem label="Open deals" number={String(data.pipeline.openDeals)} />
        <StatisticsItem label="Open pipeline" number={formatMoney(data.pipeline.total)} />
        <StatisticsItem
          label="Active partners"
          number={String(data.partners.filter((p) => p.activeRegistrations > 0).length)}
        />
      </Statistics>
      <Heading>Partners</Heading>
      {data.partners.map((partner) => {
        const attributed = data.pipeline.byPartner.find((p) => p.partnerId === partner.partnerId);
        const assessment = partner.tierAssessment;
        return (
          <Flex key={partner.partnerId} direction="column" gap="xs">
            <Flex direction="row" gap="sm" align="center" testId={`company-partner-${partner.partnerId}`}>
              <Text format={{ fontWeight: 'demibold' }}>{partner.name}</Text>
              <Text variant="microcopy">{`${partner.tier} tier, ${partner.activeRegistrations} active registration(s)`}</Text>
              {partner.roles.map((role) => (
                <Tag key={role}>{roleLabel(role)}</Tag>
              ))}
              <Text variant="microcopy">
                {attributed
                  ? `credited ${formatMoney(attributed.attributed)} of open pipeline on ${attributed.deals} deal(s)`
                  : 'no credited open pipeline'}
              </Text>
            </Flex>
            {assessment && (
              <Flex direction="column" gap="xs" testId={`company-partner-tier-${partner.partnerId}`}>
                <Text variant="microcopy">{`${assessment.tierName} since ${formatDate(assessment.assessedAt)}: ${assessment.reasons.join('; ')}`}</Text>
                {assessment.next && (
                  <Text variant="microcopy">{`For ${assessment.next.tierName}: ${assessment.next.missing.join('; ')}`}</Text>
                )}
              </Flex>
            )}
          </Flex>
        );
      })}
      {data.pipeline.note && <Text variant="microcopy">{data.pipeline.note}</Text>}
      <Divider />
      <Heading>Registration history</Heading>
      <Table bordered>
        <TableHead>
          <TableRow>
            <TableHeader>Partner</TableHeader>
            <TableHeader>Status</TableHeader>
            <TableHeader>Deal</TableHeader>
            <TableHeader>Submitted</TableHeader>
            <TableHeader>Decided</TableHeader>
          </TableRow>
        </TableHead>
        <TableBody>
          {data.registrations.map((r) => (
            <TableRow key={r.id}>
              <TableCell>{r.partnerName}</TableCell>
              <TableCell>
                <StatusTag variant={statusVariant(r.status)}>{statusLabel(r.status)}</StatusTag>
              </TableCell>
              <TableCell>{r.dealName ?? '—'}</TableCell>
              <TableCell>{formatDate(r.submittedAt)}</TableCell>
              <TableCell>{formatDate(r.decidedAt)}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Flex>
  );
};
