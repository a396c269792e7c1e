import { referenceOrganisations } from '../organisation-seeder.service';
import { mixedCaseOrganisationName } from '../names/organisation-name';

describe('organisation names in mixed case', () => {
  it.each([
    ["GUY'S AND ST THOMAS' NHS FOUNDATION TRUST", "Guy's and St Thomas' NHS Foundation Trust"],
    ['ROYAL FREE LONDON NHS FOUNDATION TRUST', 'Royal Free London NHS Foundation Trust'],
    ['THE CHRISTIE NHS FOUNDATION TRUST', 'The Christie NHS Foundation Trust'],
    ['THE NEWCASTLE UPON TYNE HOSPITALS NHS FOUNDATION TRUST', 'The Newcastle upon Tyne Hospitals NHS Foundation Trust'],
    ["THE QUEEN ELIZABETH HOSPITAL, KING'S LYNN, NHS FOUNDATION TRUST", "The Queen Elizabeth Hospital, King's Lynn, NHS Foundation Trust"],
    ['HAMPSHIRE AND ISLE OF WIGHT HEALTHCARE NHS FOUNDATION TRUST', 'Hampshire and Isle of Wight Healthcare NHS Foundation Trust'],
    ['GREAT ORMOND STREET HOSPITAL FOR CHILDREN NHS FOUNDATION TRUST', 'Great Ormond Street Hospital for Children NHS Foundation Trust'],
    ['SHEFFIELD HEALTH & SOCIAL CARE NHS FOUNDATION TRUST', 'Sheffield Health & Social Care NHS Foundation Trust'],
    ["BIRMINGHAM WOMEN'S AND CHILDREN'S NHS FOUNDATION TRUST", "Birmingham Women's and Children's NHS Foundation Trust"],
    ['2GETHER NHS FOUNDATION TRUST', '2gether NHS Foundation Trust'],
    ['NHS STOKE-ON-TRENT INTEGRATED CARE BOARD', 'NHS Stoke-on-Trent Integrated Care Board'],
    ['WESTON-SUPER-MARE ICB', 'Weston-super-Mare ICB'],
    ['GUY\u2019S AND ST THOMAS\u2019 NHS FOUNDATION TRUST', 'Guy\u2019s and St Thomas\u2019 NHS Foundation Trust'],
    ["O'NEILL MCMILLAN CLINIC", "O'Neill McMillan Clinic"],
    ['  TORBAY AND SOUTH DEVON NHS FOUNDATION TRUST ', 'Torbay and South Devon NHS Foundation Trust'],
  ])('%s → %s', (odsName, expected) => {
    expect(mixedCaseOrganisationName(odsName)).toBe(expected);
  });

  it('leaves names already written in mixed case as they are', () => {
    expect(mixedCaseOrganisationName('NHS Lancashire and South Cumbria Integrated Care Board')).toBe('NHS Lancashire and South Cumbria Integrated Care Board');
    expect(mixedCaseOrganisationName('East of England')).toBe('East of England');
  });

  it('gives every seeded organisation a name with no shouting word but NHS, no capital small word mid-name, and the same letters', () => {
    const organisations = referenceOrganisations();
    expect(organisations.length).toBeGreaterThan(250);
    for (const { name } of organisations) {
      const mixed = mixedCaseOrganisationName(name);
      expect(mixed.toLowerCase()).toBe(name.toLowerCase());
      const shouting = mixed.split(/[\s,&-]+/).filter((word) => /^[A-Z]{2,}$/.test(word) && word !== 'NHS');
      expect({ name: mixed, shouting }).toEqual({ name: mixed, shouting: [] });
      expect({ name: mixed, smallWords: mixed.match(/ (And|Of|The|For|Upon) /g) }).toEqual({ name: mixed, smallWords: null });
      expect(mixed).toMatch(/^[A-Z0-9]/);
      // Applying it twice changes nothing: the importer may meet its own output.
      expect(mixedCaseOrganisationName(mixed)).toBe(mixed);
    }
  });
});
