import { parse } from 'csv-parse/sync';
import { toCsv } from '../csv';

describe('toCsv', () => {
  it('quotes per RFC 4180, starts with a BOM for Excel, and defuses formulas', () => {
    const csv = toCsv(
      [
        { header: 'Name', value: (r: { name: string; n: number }) => r.name },
        { header: 'Count', value: (r) => r.n },
      ],
      [
        { name: 'GUY\'S AND ST THOMAS\', "LONDON"', n: 3 },
        { name: '=HYPERLINK("http://evil")', n: 0 },
      ],
    );
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv).toContain('\r\n');
    const rows = parse(csv.slice(1), { columns: true });
    expect(rows).toEqual([
      { Name: 'GUY\'S AND ST THOMAS\', "LONDON"', Count: '3' },
      { Name: '\'=HYPERLINK("http://evil")', Count: '0' },
    ]);
  });
});
