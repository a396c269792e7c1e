import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  decodeImportFile,
  OrganisationErrorReason,
  OrganisationImportError,
  parseIcbList,
  parseOdsExtract,
  parseSuccessorList,
  parseSuccessorOption,
  referenceDataDirectory,
} from '@dasv/organisations';

/** A row in ODS's 27-column layout, with the columns these tests care about. */
function odsRow(values: { code: string; name?: string; region?: string; icb?: string; opened?: string; closed?: string }): string {
  const columns = Array<string>(27).fill('');
  columns[0] = values.code;
  columns[1] = values.name ?? 'SOME NHS TRUST';
  columns[2] = values.region ?? 'Y56';
  columns[3] = values.icb ?? 'QKK';
  columns[10] = values.opened ?? '20010401';
  columns[11] = values.closed ?? '';
  return columns.map((c) => `"${c}"`).join(',');
}

function refusal(work: () => unknown): OrganisationImportError {
  try {
    work();
  } catch (error) {
    if (error instanceof OrganisationImportError) return error;
    throw error;
  }
  throw new Error('expected the input to be refused');
}

describe('ODS extract parser', () => {
  it('reads the real trust extract: 273 rows, typed, dates as ISO', () => {
    const { source, rows } = parseOdsExtract(readFileSync(join(referenceDataDirectory(), 'ods', 'etr.csv')), 'etr.csv');
    expect(source).toBe('etr.csv');
    expect(rows).toHaveLength(273);
    expect(rows[0]).toEqual({
      line: 1,
      odsCode: 'G6V2S',
      name: 'NORTH LONDON NHS FOUNDATION TRUST',
      nationalGroupingCode: 'Y56',
      highLevelHealthGeographyCode: 'QMJ',
      addressLines: ['4TH FLOOR, EAST WING', 'ST. PANCRAS HOSPITAL', '4 ST. PANCRAS WAY', 'LONDON'],
      postcode: 'NW1 0PE',
      openedOn: '2024-11-01',
      closedOn: null,
    });
    // Welsh trusts have no national grouping or ICB.
    expect(rows.find((r) => r.odsCode === 'RQF')).toMatchObject({ nationalGroupingCode: null, highLevelHealthGeographyCode: null });
    expect(rows.filter((r) => r.closedOn !== null)).toHaveLength(68);
  });

  it('names the line of a row with the wrong number of columns', () => {
    const content = [odsRow({ code: 'RJ1' }), '"RJ2","LEWISHAM AND GREENWICH NHS TRUST","Y56","QKK"', odsRow({ code: 'RJZ' })].join('\r\n');
    const error = refusal(() => parseOdsExtract(content, 'etr.csv'));
    expect(error.reason).toBe(OrganisationErrorReason.ImportInvalidFile);
    expect(error.message).toBe('etr.csv, line 2: expected the 27-column ODS layout, found 4 columns');
  });

  it('names the line of a bad date, a bad code or a missing name', () => {
    expect(
      refusal(() => parseOdsExtract([odsRow({ code: 'RJ1' }), odsRow({ code: 'RJ2' }), odsRow({ code: 'RJZ', closed: '20261331' })].join('\n'), 'etr.csv'))
        .message,
    ).toBe('etr.csv, line 3: close date "20261331" is not a date in ODS\'s yyyymmdd form');
    expect(refusal(() => parseOdsExtract([odsRow({ code: 'RJ1' }), odsRow({ code: 'R J2' })].join('\n'), 'etr.csv')).message).toBe(
      'etr.csv, line 2: "R J2" is not an ODS code',
    );
    expect(refusal(() => parseOdsExtract(odsRow({ code: 'RJ1', icb: 'Q-K' }), 'etr.csv')).message).toBe(
      'etr.csv, line 1: high level health geography "Q-K" is not an ODS code',
    );
    expect(refusal(() => parseOdsExtract(odsRow({ code: 'RJ1', name: '' }), 'etr.csv')).message).toBe('etr.csv, line 1: RJ1 has no name');
    expect(refusal(() => parseOdsExtract(odsRow({ code: 'RJ1', opened: '20200401', closed: '20190331' }), 'etr.csv')).message).toBe(
      'etr.csv, line 1: RJ1 closes (2019-03-31) before it opens (2020-04-01)',
    );
  });

  it('explains a header row: the platform’s trusts.csv is not an ODS extract', () => {
    const error = refusal(() => parseOdsExtract(readFileSync(join(referenceDataDirectory(), 'trusts.csv')), 'trusts.csv'));
    expect(error.message).toBe('trusts.csv, line 1: "ods_code" is not an ODS code (ODS extracts have no header row)');
  });

  it('reports broken quoting with its line, and an empty file', () => {
    expect(refusal(() => parseOdsExtract(`${odsRow({ code: 'RJ1' })}\n"RJ2,"X"`, 'etr.csv')).message).toMatch(/^etr\.csv, line 2: not readable as CSV/);
    expect(refusal(() => parseOdsExtract('', 'etr.csv')).message).toBe('etr.csv, line 1: the file has no rows');
  });
});

describe('ICB and successor lists', () => {
  it('reads an ICB list and a successor list by header', () => {
    expect(parseIcbList('ods_code,name,region_ods_code\nd7t5g,NHS ESSEX INTEGRATED CARE BOARD,Y61\n', 'icbs.csv')).toEqual([
      { source: 'icbs.csv', line: 2, odsCode: 'D7T5G', name: 'NHS ESSEX INTEGRATED CARE BOARD', regionOdsCode: 'Y61' },
    ]);
    expect(parseSuccessorList('ods_code,successor_ods_code\r\nRVJ,RA7\r\n', 'successors.csv')).toEqual([
      { source: 'successors.csv, line 2', odsCode: 'RVJ', successorOdsCode: 'RA7' },
    ]);
    expect(parseSuccessorOption('rvj=ra7')).toEqual({ source: '--successor RVJ=RA7', odsCode: 'RVJ', successorOdsCode: 'RA7' });
  });

  it('refuses a missing header, a short row and a malformed pair', () => {
    expect(refusal(() => parseIcbList('D7T5G,NHS ESSEX INTEGRATED CARE BOARD,Y61\n', 'icbs.csv')).message).toBe(
      'icbs.csv, line 1: expected the header "ods_code,name,region_ods_code", found "d7t5g,nhs essex integrated care board,y61"',
    );
    expect(refusal(() => parseIcbList('ods_code,name,region_ods_code\nQKK,NHS SOUTH EAST LONDON,Y56\nD7T5G,NHS ESSEX\n', 'icbs.csv')).message).toBe(
      'icbs.csv, line 3: expected 3 columns, found 2',
    );
    expect(refusal(() => parseSuccessorOption('RVJ')).message).toBe('--successor "RVJ": expected OLD=NEW, two ODS codes');
  });
});

describe('import file encodings', () => {
  it('reads bytes that are not UTF-8 as Windows-1252: É is 0xC9, ’ is 0x92', () => {
    // "SAINT-ÉTIENNE’S", as Excel on Windows saves it.
    const bytes = Buffer.from([0x53, 0x41, 0x49, 0x4e, 0x54, 0x2d, 0xc9, 0x54, 0x49, 0x45, 0x4e, 0x4e, 0x45, 0x92, 0x53, 0x0a]);
    expect(decodeImportFile(bytes, 'names.csv')).toEqual({ text: 'SAINT-ÉTIENNE’S\n', encoding: 'Windows-1252' });
    expect(decodeImportFile(Buffer.from('SAINT-ÉTIENNE’S\n', 'utf8'), 'names.csv')).toEqual({ text: 'SAINT-ÉTIENNE’S\n', encoding: 'UTF-8' });
  });

  it('refuses U+FFFD, a byte Windows-1252 does not define, and control characters, naming the line', () => {
    expect(refusal(() => decodeImportFile(Buffer.from('"RJ1"\n"R0A","MANCHESTER UNIVERSIT\uFFFD"\n', 'utf8'), 'etr.csv')).message).toContain(
      'etr.csv, line 2: contains the replacement character U+FFFD',
    );
    expect(refusal(() => decodeImportFile(Buffer.from([0x41, 0x0a, 0x81, 0x0a]), 'etr.csv')).message).toContain(
      'etr.csv, line 2: is neither UTF-8 nor Windows-1252',
    );
    expect(refusal(() => decodeImportFile(Buffer.from('R\u0000J\u00001\u0000', 'utf8'), 'etr.csv')).message).toContain(
      'etr.csv, line 1: contains the control character U+0000',
    );
    expect(refusal(() => parseOdsExtract('"R0A","MANCHESTER UNIVERSIT\uFFFD"', 'etr.csv')).reason).toBe(OrganisationErrorReason.ImportInvalidFile);
  });
});
