import { stringify } from 'csv-stringify/sync';
import { DomainError } from '@entente/shared/errors';
import {
  findDuplicates,
  formatReasons,
  type DeduplicateResult,
  type MatchRecord,
} from '@entente/shared/matching';
import { readCsv, type CsvTable } from '../csv/readCsv.js';

export const MAPPABLE_FIELDS = [
  'name',
  'domain',
  'website',
  'email',
  'phone',
  'address',
  'city',
  'zip',
  'country',
] as const;
export type MappableField = (typeof MAPPABLE_FIELDS)[number];

/** Field → the columns it is read from; `name=first+last` joins columns with a space. */
export type ColumnMap = Partial<Record<MappableField, string[]>> & { name: string[] };

/** Parse `name=Company,domain=Website,phone=Tel` into a column map; `name` is required. */
export const parseColumnMap = (text: string): ColumnMap => {
  const map: Partial<Record<MappableField, string[]>> = {};
  for (const part of text
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean)) {
    const [field, column] = part.split('=').map((item) => item.trim());
    if (!field || !column || !(MAPPABLE_FIELDS as readonly string[]).includes(field)) {
      throw new DomainError(
        'MATCH.INVALID_INPUT',
        `Bad --map entry "${part}": use field=COLUMN with field one of ${MAPPABLE_FIELDS.join(', ')}`,
      );
    }
    map[field as MappableField] = column.split('+').map((item) => item.trim());
  }
  if (!map.name) throw new DomainError('MATCH.INVALID_INPUT', '--map must include name=COLUMN');
  return map as ColumnMap;
};

const columnIndex = (table: CsvTable, column: string): number => {
  const at = table.header.indexOf(column);
  if (at < 0) {
    throw new DomainError(
      'MATCH.INVALID_INPUT',
      `Column "${column}" is not in the CSV header (${table.header.join(', ')})`,
    );
  }
  return at;
};

/** Turn CSV rows into match records; a row without an id or a name is named in the error. */
export const recordsFromTable = (table: CsvTable, idColumn: string, map: ColumnMap): MatchRecord[] => {
  const idAt = columnIndex(table, idColumn);
  const fields = Object.entries(map).map(([field, columns]) => ({
    field: field as MappableField,
    at: (columns as string[]).map((column) => columnIndex(table, column)),
  }));
  const seen = new Set<string>();
  return table.rows.map((row, i) => {
    const rowNumber = i + 2; // the header is row 1
    const id = row[idAt]?.trim();
    if (!id)
      throw new DomainError('MATCH.INVALID_INPUT', `Row ${rowNumber}, column "${idColumn}": the id is empty`);
    if (seen.has(id))
      throw new DomainError(
        'MATCH.INVALID_INPUT',
        `Row ${rowNumber}, column "${idColumn}": id "${id}" appears twice`,
      );
    seen.add(id);
    const record: MatchRecord = { id, name: '' };
    for (const { field, at } of fields) {
      const value = at
        .map((index) => row[index]?.trim() ?? '')
        .filter(Boolean)
        .join(' ');
      if (field === 'name') record.name = value;
      else record[field] = value || null;
    }
    return record;
  });
};

export type MatchCsvInput = {
  bytes: Uint8Array;
  idColumn: string;
  map: ColumnMap;
  transitiveClosure?: boolean;
  onProgress?: (done: number, total: number) => void;
};

export type MatchCsvOutput = { csv: string; result: DeduplicateResult; rows: number; encoding: string };

/** Read a CSV of accounts or registrations, find the duplicates and render pairs.csv. */
export const matchCsv = (input: MatchCsvInput): MatchCsvOutput => {
  const table = readCsv(input.bytes);
  const records = recordsFromTable(table, input.idColumn, input.map);
  const result = findDuplicates(records, {
    transitiveClosure: input.transitiveClosure,
    onProgress: input.onProgress,
  });
  const csv = stringify(
    result.pairs.map((pair) => [
      pair.leftId,
      pair.rightId,
      pair.score.toFixed(4),
      pair.decision,
      formatReasons(pair.reasons),
    ]),
    { header: true, columns: ['left_id', 'right_id', 'score', 'decision', 'reasons'] },
  );
  return { csv, result, rows: records.length, encoding: table.encoding };
};
