import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import {
  attributeDeal,
  createModel,
  modelNameSchema,
  touchKindSchema,
  type AttributableDeal,
  type AttributionTouch,
  type DealAttribution,
  type DealOutcome,
  type ModelConfigInput,
} from '@entente/shared/attribution';
import { formatMinor, parseDecimalToMinor } from '@entente/shared/domain';
import { DomainError } from '@entente/shared/errors';
import { seededRandom } from '@entente/shared/random';
import { decodeCsv } from '../csv/readCsv.js';

export const INPUT_COLUMNS = [
  'deal_id',
  'amount',
  'closed_at',
  'participant_id',
  'touch_kind',
  'occurred_at',
] as const;
/** Optional: won (default), lost or open. The data-driven models learn from won against lost. */
export const OUTCOME_COLUMN = 'outcome';
export const OUTPUT_COLUMNS = ['deal_id', 'participant_id', 'share', 'amount', 'explanation'] as const;

export type BadRow = { line: number; reason: string };

export type AttributeCsvResult = {
  csv: string;
  attributions: DealAttribution[];
  rows: number;
  badRows: BadRow[];
};

export type ModelOptions = { model: string; halfLife?: string; weights?: string };

/** `--model time_decay --half-life 7d` or `--model position_based --weights 40,20,40` → a model config. */
export const modelConfigFromOptions = (options: ModelOptions): ModelConfigInput => {
  const name = modelNameSchema.safeParse(options.model.trim().replace(/-/g, '_'));
  if (!name.success) {
    throw new DomainError(
      'ATTRIBUTION.INVALID_MODEL',
      `Unknown model "${options.model}": use one of ${modelNameSchema.options.join(', ')}`,
    );
  }
  if (options.halfLife !== undefined && name.data !== 'time_decay') {
    throw new DomainError('ATTRIBUTION.INVALID_MODEL', '--half-life applies to the time_decay model only');
  }
  if (options.weights !== undefined && name.data !== 'position_based') {
    throw new DomainError('ATTRIBUTION.INVALID_MODEL', '--weights applies to the position_based model only');
  }
  if (name.data === 'time_decay' && options.halfLife !== undefined) {
    return { name: 'time_decay', halfLifeDays: parseHalfLifeDays(options.halfLife) };
  }
  if (name.data === 'position_based' && options.weights !== undefined) {
    return { name: 'position_based', weights: parseWeights(options.weights) };
  }
  return { name: name.data } as ModelConfigInput;
};

/** "7d" → 7, "36h" → 1.5, "7" → 7 (days). */
export const parseHalfLifeDays = (text: string): number => {
  const match = /^\s*(\d+(?:\.\d+)?)\s*(d|h)?\s*$/i.exec(text);
  const value = match ? Number(match[1]) : NaN;
  if (!match || !(value > 0)) {
    throw new DomainError(
      'ATTRIBUTION.INVALID_MODEL',
      `--half-life "${text}" is not a duration such as 7d or 36h`,
    );
  }
  return match[2]?.toLowerCase() === 'h' ? value / 24 : value;
};

/** "40,20,40" → [40, 20, 40]; the model's schema checks that they add up to 100. */
export const parseWeights = (text: string): [number, number, number] => {
  const parts = text.split(',').map((part) => Number(part.trim()));
  if (parts.length !== 3 || parts.some((part) => !Number.isFinite(part))) {
    throw new DomainError(
      'ATTRIBUTION.INVALID_MODEL',
      `--weights "${text}" must be three numbers: first,middle,last`,
    );
  }
  return parts as [number, number, number];
};

const ISO_8601 = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/i;

/** ISO 8601 date or date-time; a date-time without an offset is read as UTC so results never depend on the machine. */
const parseIsoMs = (text: string): number => {
  const match = ISO_8601.exec(text);
  if (!match) return NaN;
  const withZone = text.length > 10 && !match[1] ? `${text.replace(' ', 'T')}Z` : text.replace(' ', 'T');
  return Date.parse(withZone);
};

const outcomes: readonly DealOutcome[] = ['won', 'lost', 'open'];

type DealFacts = {
  deal: AttributableDeal & { touches: AttributionTouch[] };
  line: number;
  amountText: string;
  closedText: string;
};

/**
 * `entente attribute`: reads exported touchpoints, attributes every deal with the chosen model and
 * writes one row per split. A bad row is reported with its line number and reason and skipped; the
 * good rows are still processed. Data-driven models learn from the deals in the file itself.
 */
export const attributeCsv = (input: {
  bytes: Uint8Array;
  model: ModelConfigInput;
  seed?: number;
}): AttributeCsvResult => {
  const { text } = decodeCsv(input.bytes);
  let records: { record: string[]; info: { lines: number } }[];
  try {
    // With `info`, csv-parse yields { record, info } pairs, which its typings do not express.
    records = parse(text, {
      bom: true,
      skip_empty_lines: true,
      relax_column_count: true,
      info: true,
    }) as unknown as typeof records;
  } catch (error) {
    throw new DomainError(
      'ATTRIBUTION.INVALID_CSV',
      `The CSV could not be read: ${(error as Error).message}`,
    );
  }
  const [headerRecord, ...dataRecords] = records;
  if (!headerRecord)
    throw new DomainError(
      'ATTRIBUTION.INVALID_CSV',
      `The CSV is empty: it needs the header ${INPUT_COLUMNS.join(',')}`,
    );
  const header = headerRecord.record.map((cell) => cell.trim().toLowerCase());
  const missing = INPUT_COLUMNS.filter((column) => !header.includes(column));
  if (missing.length) {
    throw new DomainError(
      'ATTRIBUTION.INVALID_CSV',
      `The CSV header lacks ${missing.join(', ')} (expected ${INPUT_COLUMNS.join(',')})`,
    );
  }
  const at = Object.fromEntries(
    [...INPUT_COLUMNS, OUTCOME_COLUMN].map((column) => [column, header.indexOf(column)]),
  );

  const deals = new Map<string, DealFacts>();
  const seenTouches = new Map<string, number>();
  const badRows: BadRow[] = [];
  for (const { record, info } of dataRecords) {
    const line = info.lines;
    const cell = (column: string): string => record[at[column] as number]?.trim() ?? '';
    const bad = (reason: string) => badRows.push({ line, reason });
    if (record.length !== header.length) {
      bad(`expected ${header.length} columns, found ${record.length}`);
      continue;
    }
    const reason = rowProblem(cell);
    if (reason) {
      bad(reason);
      continue;
    }
    const dealId = cell('deal_id');
    const amountText = cell('amount');
    const closedText = cell('closed_at');
    const outcome =
      (at[OUTCOME_COLUMN] as number) >= 0 && cell(OUTCOME_COLUMN)
        ? (cell(OUTCOME_COLUMN).toLowerCase() as DealOutcome)
        : 'won';
    let facts = deals.get(dealId);
    if (!facts) {
      facts = {
        deal: {
          id: dealId,
          amountMinor: parseDecimalToMinor(amountText),
          closedAtMs: parseIsoMs(closedText),
          outcome,
          touches: [],
        },
        line,
        amountText,
        closedText,
      };
      deals.set(dealId, facts);
    } else {
      const conflict = dealConflict(facts, amountText, closedText, outcome);
      if (conflict) {
        bad(conflict);
        continue;
      }
    }
    const touch: AttributionTouch = {
      id: `line-${line}`,
      participantId: cell('participant_id'),
      kind: normaliseKind(cell('touch_kind')) as AttributionTouch['kind'],
      occurredAtMs: parseIsoMs(cell('occurred_at')),
    };
    const key = `${dealId}\u0000${touch.participantId}\u0000${touch.kind}\u0000${touch.occurredAtMs}`;
    const original = seenTouches.get(key);
    if (original !== undefined) {
      bad(`repeats the touchpoint on line ${original}`);
      continue;
    }
    seenTouches.set(key, line);
    facts.deal.touches.push(touch);
  }

  const history = [...deals.values()].map((facts) => facts.deal);
  const model = createModel(input.model, { history, random: seededRandom(input.seed ?? 1) });
  const attributions = history.map((deal) => attributeDeal(deal, model));
  const rows = attributions.flatMap((attribution) =>
    attribution.splits.map((split) => [
      attribution.dealId,
      split.participantId,
      formatMinor(split.shareBp),
      formatMinor(split.amountMinor),
      split.explanation,
    ]),
  );
  return {
    csv: stringify([[...OUTPUT_COLUMNS], ...rows]),
    attributions,
    rows: dataRecords.length,
    badRows,
  };
};

const normaliseKind = (text: string): string =>
  text
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');

/** The first thing wrong with a row, or null. */
const rowProblem = (cell: (column: string) => string): string | null => {
  for (const column of INPUT_COLUMNS) if (!cell(column)) return `${column} is empty`;
  try {
    if (parseDecimalToMinor(cell('amount')) < 0) return `amount "${cell('amount')}" is negative`;
  } catch (error) {
    return `amount ${(error as Error).message}`;
  }
  if (Number.isNaN(parseIsoMs(cell('closed_at'))))
    return `closed_at "${cell('closed_at')}" is not an ISO 8601 time`;
  if (Number.isNaN(parseIsoMs(cell('occurred_at'))))
    return `occurred_at "${cell('occurred_at')}" is not an ISO 8601 time`;
  if (!touchKindSchema.safeParse(normaliseKind(cell('touch_kind'))).success) {
    return `touch_kind "${cell('touch_kind')}" is not one of ${touchKindSchema.options.join(', ')}`;
  }
  const outcome = cell(OUTCOME_COLUMN).toLowerCase();
  if (outcome && !outcomes.includes(outcome as DealOutcome))
    return `outcome "${outcome}" is not one of ${outcomes.join(', ')}`;
  return null;
};

/** Rows of one deal must agree on its facts; the first row of the deal sets them. */
const dealConflict = (
  facts: DealFacts,
  amountText: string,
  closedText: string,
  outcome: DealOutcome,
): string | null => {
  if (parseDecimalToMinor(amountText) !== facts.deal.amountMinor) {
    return `amount ${amountText} differs from ${facts.amountText} on line ${facts.line} for deal ${facts.deal.id}`;
  }
  if (parseIsoMs(closedText) !== facts.deal.closedAtMs) {
    return `closed_at ${closedText} differs from ${facts.closedText} on line ${facts.line} for deal ${facts.deal.id}`;
  }
  if (outcome !== facts.deal.outcome)
    return `outcome ${outcome} differs from ${facts.deal.outcome} on line ${facts.line}`;
  return null;
};
