import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import type { MatchRecord } from '@entente/shared/matching';

/** The dev sets live beside the repository: `../shared/data/er` from the repository root. */
export const dataDirectory = (): string =>
  process.env.ENTENTE_ER_DATA ??
  resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'shared', 'data', 'er');

export type LabelledSet = {
  name: string;
  /** Path of the raw CSV and the `entente match` arguments that read it. */
  file: string;
  cliArgs: string[];
  records: MatchRecord[];
  labels: Map<string, string>;
};

const readRows = (file: string): Record<string, string>[] =>
  parse(readFileSync(file), { columns: true, bom: true, skip_empty_lines: true, relax_column_count: true });

/** Company-name variants: PATSTAT applicants, labelled by hand at KU Leuven (name only). */
export const loadPatstat = (root = dataDirectory()): LabelledSet | null => {
  const file = join(root, 'patstat_companies', 'patstat_reference.csv');
  if (!existsSync(file)) return null;
  const rows = readRows(file);
  return {
    name: 'patstat_companies',
    file,
    cliArgs: ['--id', 'person_id', '--map', 'name=person_name'],
    records: rows.map((row) => ({ id: String(row.person_id), name: String(row.person_name ?? '') })),
    labels: new Map(rows.map((row) => [String(row.person_id), String(row.leuven_id)])),
  };
};

/**
 * Synthetic people with e-mail typos. The organisation matcher reads the full name as the name, and
 * the e-mail and city as they are; the date of birth has no field in an account and is left out.
 */
export const loadContacts = (root = dataDirectory()): LabelledSet | null => {
  const file = join(root, 'contacts_synthetic_splink', 'fake_1000_from_splink_demos.csv');
  if (!existsSync(file)) return null;
  const rows = readRows(file);
  return {
    name: 'contacts_synthetic_splink',
    file,
    cliArgs: ['--id', 'unique_id', '--map', 'name=first_name+surname,email=email,city=city'],
    records: rows.map((row) => ({
      id: String(row.unique_id),
      name: `${row.first_name ?? ''} ${row.surname ?? ''}`.trim() || '?',
      email: row.email || null,
      city: row.city || null,
    })),
    labels: new Map(rows.map((row) => [String(row.unique_id), String(row.cluster)])),
  };
};
