import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@hubspot/ui-extensions';
import type { FieldMappingVersion } from '../types/fieldMapping';
import { overridesSummary } from '../utils/fieldMapping';
import { formatDateTime } from '../utils/format';
import { PageEmpty } from './PageStates';

/** Every saved version of the mapping, newest first: what it changed, who saved it and when. */
export const FieldMappingHistory = ({ history }: { history: FieldMappingVersion[] }) =>
  history.length === 0 ? (
    <PageEmpty title="No saved versions yet">
      The mapping has never been changed: every field reads HubSpot's standard property.
    </PageEmpty>
  ) : (
    <Table bordered testId="field-mapping-history">
      <TableHead>
        <TableRow>
          <TableHeader>Version</TableHeader>
          <TableHeader>Properties that differ from the standard ones</TableHeader>
          <TableHeader>Saved</TableHeader>
          <TableHeader>By</TableHeader>
        </TableRow>
      </TableHead>
      <TableBody>
        {history.map((v) => (
          <TableRow key={v.version}>
            <TableCell>{String(v.version)}</TableCell>
            <TableCell>{overridesSummary(v.overrides)}</TableCell>
            <TableCell>{formatDateTime(v.changedAt)}</TableCell>
            <TableCell>{v.changedBy.name ?? v.changedBy.userId}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
