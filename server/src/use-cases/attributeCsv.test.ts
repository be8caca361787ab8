import { parse } from 'csv-parse/sync';
import { attributeCsv, modelConfigFromOptions, parseHalfLifeDays } from './attributeCsv.js';

const HEADER = 'deal_id,amount,closed_at,participant_id,touch_kind,occurred_at';
const csv = (...lines: string[]): Uint8Array =>
  new TextEncoder().encode([HEADER, ...lines].join('\n') + '\n');
const rowsOf = (text: string): Record<string, string>[] => parse(text, { columns: true });

describe('entente attribute on a CSV', () => {
  it('When a deal has three touches under 40/20/40, then it writes each split with share, amount and explanation', () => {
    const result = attributeCsv({
      bytes: csv(
        'D-1,1000.00,2025-06-30T00:00:00Z,Northwind,sourced,2025-05-01T00:00:00Z',
        'D-1,1000.00,2025-06-30T00:00:00Z,Northwind,technical validation,2025-06-01T00:00:00Z',
        'D-1,1000.00,2025-06-30T00:00:00Z,Contoso,demo,2025-06-20T00:00:00Z',
      ),
      model: modelConfigFromOptions({ model: 'position_based', weights: '40,20,40' }),
    });
    expect(result.badRows).toEqual([]);
    expect(rowsOf(result.csv)).toEqual([
      {
        deal_id: 'D-1',
        participant_id: 'Northwind',
        share: '60.00',
        amount: '600.00',
        explanation:
          'Northwind 60%: sourced the deal (first touch, 40%) and ran the technical validation (20%)',
      },
      {
        deal_id: 'D-1',
        participant_id: 'Contoso',
        share: '40.00',
        amount: '400.00',
        explanation: 'Contoso 40%: ran a demo (last touch, 40%)',
      },
    ]);
  });

  it('When some rows are bad, then each is reported with its line and reason and the good rows are still attributed', () => {
    const result = attributeCsv({
      bytes: csv(
        'D-1,100.00,2025-06-30,A,demo,2025-06-01',
        'D-2,12.345,2025-06-30,A,demo,2025-06-01',
        'D-3,50.00,yesterday,A,demo,2025-06-01',
        'D-4,50.00,2025-06-30,A,lunch,2025-06-01',
        'D-5,50.00,2025-06-30,,demo,2025-06-01',
        'D-1,200.00,2025-06-30,B,demo,2025-06-02',
        'D-1,100.00,2025-06-30,A,demo,2025-06-01',
        'D-6,50.00,2025-06-30,A',
        'D-1,100.00,2025-06-30,C,co-sell meeting,2025-06-03',
      ),
      model: { name: 'linear' },
    });
    expect(result.badRows).toEqual([
      { line: 3, reason: 'amount "12.345" has more than 2 decimal places' },
      { line: 4, reason: 'closed_at "yesterday" is not an ISO 8601 time' },
      { line: 5, reason: expect.stringMatching(/^touch_kind "lunch" is not one of sourced, referral/) },
      { line: 6, reason: 'participant_id is empty' },
      { line: 7, reason: 'amount 200.00 differs from 100.00 on line 2 for deal D-1' },
      { line: 8, reason: 'repeats the touchpoint on line 2' },
      { line: 9, reason: 'expected 6 columns, found 4' },
    ]);
    expect(rowsOf(result.csv).map((row) => [row.deal_id, row.participant_id, row.amount])).toEqual([
      ['D-1', 'A', '50.00'],
      ['D-1', 'C', '50.00'],
    ]);
  });

  it('When the Markov model runs, then it learns from the file, using the outcome column when present', () => {
    const bytes = new TextEncoder().encode(
      [
        `${HEADER},outcome`,
        'p1,300.00,2025-06-30,A,introduction,2025-06-01,won',
        'p1,300.00,2025-06-30,B,demo,2025-06-10,won',
        'p2,100.00,2025-06-30,A,introduction,2025-06-01,lost',
        'p3,100.00,2025-06-30,B,demo,2025-06-01,won',
      ].join('\r\n'),
    );
    const result = attributeCsv({ bytes, model: { name: 'markov' } });
    expect(
      rowsOf(result.csv)
        .filter((row) => row.deal_id === 'p1')
        .map((row) => [row.participant_id, row.share, row.amount]),
    ).toEqual([
      ['A', '33.33', '100.00'],
      ['B', '66.67', '200.00'],
    ]);
  });

  it('When the header lacks a column, then the whole file is refused with a code', () => {
    expect(() =>
      attributeCsv({ bytes: new TextEncoder().encode('deal_id,amount\nD,1\n'), model: { name: 'linear' } }),
    ).toThrow(expect.objectContaining({ code: 'ATTRIBUTION.INVALID_CSV' }));
  });
});

describe('attribute options', () => {
  it('When a half-life is given in days or hours, then it becomes days', () => {
    expect(parseHalfLifeDays('7d')).toBe(7);
    expect(parseHalfLifeDays('36h')).toBe(1.5);
    expect(() => parseHalfLifeDays('a week')).toThrow(
      expect.objectContaining({ code: 'ATTRIBUTION.INVALID_MODEL' }),
    );
  });

  it('When options do not fit the model, then they are refused rather than ignored', () => {
    expect(modelConfigFromOptions({ model: 'time-decay', halfLife: '14d' })).toEqual({
      name: 'time_decay',
      halfLifeDays: 14,
    });
    expect(() => modelConfigFromOptions({ model: 'linear', weights: '40,20,40' })).toThrow(/position_based/);
    expect(() => modelConfigFromOptions({ model: 'u_shaped' })).toThrow(/Unknown model/);
  });
});
