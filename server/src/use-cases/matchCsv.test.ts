import iconv from 'iconv-lite';
import { matchCsv, parseColumnMap } from './matchCsv.js';

const run = (bytes: Uint8Array, map = 'name=Company,domain=Web') =>
  matchCsv({ bytes, idColumn: 'Id', map: parseColumnMap(map) });

describe('matchCsv', () => {
  it('When the CSV has a BOM, CRLF and a quoted multi-line field, then duplicates are written with reasons', () => {
    const csv =
      '\uFEFFId,Company,Web\r\n1,"ACME Corp.",acme.com\r\n2,"Acme\r\nCorporation",https://www.acme.com\r\n3,Globex,globex.com\r\n';
    const output = run(Buffer.from(csv, 'utf-8'));
    const lines = output.csv.trim().split('\n');
    expect(lines[0]).toBe('left_id,right_id,score,decision,reasons');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(/^1,2,0\.\d+,match,.*same registrable domain acme\.com/);
  });

  it('When the file is Latin-1, then accented names are decoded', () => {
    const csv = 'Id,Company,Web\n1,Nestlé S.A.,\n2,NESTLE SA,\n';
    const output = run(iconv.encode(csv, 'latin1'));
    expect(output.encoding).toBe('latin1');
    expect(output.csv).toContain('Nestlé');
  });

  it('When a row is malformed, then the error names the row', () => {
    const csv = 'Id,Company,Web\n1,Acme,acme.com\n2,"Broken,acme.com\n';
    expect(() => run(Buffer.from(csv))).toThrow(/row \d+/);
  });

  it('When a mapped column is missing or an id repeats, then the error names it', () => {
    expect(() => run(Buffer.from('Id,Company\n1,Acme\n'), 'name=Company,domain=Web')).toThrow(/Column "Web"/);
    expect(() => run(Buffer.from('Id,Company\n1,Acme\n1,Acme\n'), 'name=Company')).toThrow(
      /Row 3, column "Id"/,
    );
    expect(() => parseColumnMap('domain=Web')).toThrow(/name=COLUMN/);
  });
});
