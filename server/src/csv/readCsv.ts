import { parse } from 'csv-parse/sync';
import iconv from 'iconv-lite';
import { DomainError } from '@entente/shared/errors';

export type CsvTable = { header: string[]; rows: string[][]; encoding: 'utf-8' | 'latin1' };

/**
 * Decode a CSV file as exported by CRMs and spreadsheets: UTF-8 with or without a BOM, or Windows
 * Latin-1 when the bytes are not valid UTF-8 (Excel on Windows still writes that).
 */
export const decodeCsv = (bytes: Uint8Array): { text: string; encoding: CsvTable['encoding'] } => {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return { text: text.replace(/^\uFEFF/, ''), encoding: 'utf-8' };
  } catch {
    return { text: iconv.decode(Buffer.from(bytes), 'win1252'), encoding: 'latin1' };
  }
};

type CsvParseError = Error & {
  code?: string;
  lines?: number;
  record?: number;
  column?: number | string;
  index?: number;
};

/** Parse CSV bytes; quoted multi-line fields and CRLF are fine, and a broken file names the row and column. */
export const readCsv = (bytes: Uint8Array): CsvTable => {
  const { text, encoding } = decodeCsv(bytes);
  let records: string[][];
  try {
    records = parse(text, { bom: true, skip_empty_lines: true, relax_column_count: false, info: false });
  } catch (error) {
    const failure = error as CsvParseError;
    // csv-parse counts physical lines; the row number below is the data row (header is row 1).
    const row = (failure.record ?? (failure.lines ? failure.lines - 1 : 0)) + 1;
    const column = failure.column ?? failure.index;
    throw new DomainError(
      'MATCH.INVALID_CSV',
      `The CSV could not be read at row ${row}${column !== undefined ? `, column ${column}` : ''} (line ${failure.lines ?? '?'}): ${failure.message}`,
      { details: { row, column, line: failure.lines, code: failure.code } },
    );
  }
  const [header, ...rows] = records;
  if (!header) throw new DomainError('MATCH.INVALID_CSV', 'The CSV is empty: it needs a header row');
  return { header: header.map((cell) => cell.trim()), rows, encoding };
};
