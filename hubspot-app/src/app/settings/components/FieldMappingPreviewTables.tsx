import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow, Text } from '@hubspot/ui-extensions';
import type { FieldMappingPreview } from '../types/fieldMapping';
import { formatDate, formatMoney } from '../utils/format';

const shown = (value: string | number | null | undefined): string =>
  value === null || value === undefined || value === '' ? '—' : String(value);

const Records = ({
  kind,
  headers,
  rows,
}: {
  kind: string;
  headers: string[];
  rows: { crmId: string; cells: string[] }[];
}) =>
  rows.length === 0 ? (
    <Text variant="microcopy">{`HubSpot has no ${kind} to read yet.`}</Text>
  ) : (
    <Table bordered testId={`preview-${kind}`}>
      <TableHead>
        <TableRow>
          {headers.map((h) => (
            <TableHeader key={h}>{h}</TableHeader>
          ))}
        </TableRow>
      </TableHead>
      <TableBody>
        {rows.map((row) => (
          <TableRow key={row.crmId}>
            {row.cells.map((cell, i) => (
              <TableCell key={headers[i]}>{cell}</TableCell>
            ))}
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );

/** A few records per kind, as Entente would store them with the previewed mapping. */
export const FieldMappingPreviewTables = ({ preview }: { preview: FieldMappingPreview }) => (
  <>
    <Text format={{ fontWeight: 'demibold' }}>Deals</Text>
    <Records
      kind="deals"
      headers={['HubSpot id', 'Name', 'Amount', 'Close date']}
      rows={preview.deals.map((d) => ({
        crmId: d.crmId,
        cells: [
          d.crmId,
          shown(d.name),
          typeof d.amountMinor === 'number' && d.currency
            ? formatMoney({ amountMinor: d.amountMinor, currency: d.currency })
            : shown(d.amountMinor),
          d.closeDate ? formatDate(d.closeDate) : '—',
        ],
      }))}
    />
    <Text format={{ fontWeight: 'demibold' }}>Companies</Text>
    <Records
      kind="companies"
      headers={['HubSpot id', 'Name', 'Domains', 'Industry', 'Employees', 'Phone', 'Address']}
      rows={preview.companies.map((c) => ({
        crmId: c.crmId,
        cells: [
          c.crmId,
          shown(c.name),
          c.domains && c.domains.length > 0 ? c.domains.join(', ') : '—',
          shown(c.industry),
          shown(c.employees),
          shown(c.phone),
          shown(
            c.address
              ? ['street', 'city', 'zip', 'region', 'country']
                  .map((part) => c.address?.[part])
                  .filter(Boolean)
                  .join(', ')
              : null,
          ),
        ],
      }))}
    />
    <Text format={{ fontWeight: 'demibold' }}>Contacts</Text>
    <Records
      kind="contacts"
      headers={['HubSpot id', 'E-mail', 'First name', 'Last name', 'Job title', 'Phone']}
      rows={preview.contacts.map((c) => ({
        crmId: c.crmId,
        cells: [
          c.crmId,
          shown(c.email),
          shown(c.firstName),
          shown(c.lastName),
          shown(c.jobTitle),
          shown(c.phone),
        ],
      }))}
    />
  </>
);
