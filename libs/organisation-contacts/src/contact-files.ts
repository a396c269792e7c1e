import { CsvColumnSpec, CsvRecord, CsvRowProblems, readCsvRecords } from '@dasv/common';
import { Organisation } from '@dasv/organisations';
import { CONTACT_CSV_MAX_CHARACTERS, CONTACT_CSV_MAX_ROWS } from './dto/organisation-contact.inputs';
import { organisationContactError } from './organisation-contacts.errors';

export const ODS_COLUMN = { key: 'odsCode', label: 'ODS code', aliases: ['odscode', 'ods', 'organisationcode', 'orgcode'], required: true } as const;
export const NAME_COLUMN = { key: 'name', label: 'Name', aliases: ['name', 'fullname', 'contactname'], required: true } as const;
export const EMAIL_COLUMN = { key: 'email', label: 'Email', aliases: ['email', 'emailaddress', 'contactemail', 'workemail'], required: true } as const;

/** The header row the pages show and a template file starts with. */
export const CONTACTS_FILE_HEADER = 'ODS code,Contact role,Name,Email';
export const ADMIN_INVITATIONS_FILE_HEADER = 'ODS code,Name,Email';

const MAX_TEXT = 200;

function unreadable(message: string) {
  return organisationContactError('CsvUnreadable', message, { csv: [message] });
}

/** A contacts or invitations file read with the one CSV reader, refused as a whole as ORGANISATION_CONTACT_CSV_UNREADABLE. */
export function readContactFile<K extends string>(csv: string, columns: readonly CsvColumnSpec<K>[], rowsAre: string): CsvRecord<K>[] {
  if (csv.length > CONTACT_CSV_MAX_CHARACTERS) throw unreadable('The file must be 1 MB or smaller.');
  return readCsvRecords(csv, columns, { unreadable, maxRows: CONTACT_CSV_MAX_ROWS, rowsAre });
}

/** The open organisation a row's ODS code names, or a problem for that row. */
export function organisationOfRow(row: number, odsCode: string, byCode: ReadonlyMap<string, Organisation>, problems: CsvRowProblems): Organisation | null {
  if (odsCode === '') {
    problems.add(row, 'Enter the organisation’s ODS code');
    return null;
  }
  const organisation = byCode.get(odsCode.toUpperCase());
  if (!organisation) {
    problems.add(row, `No organisation has ODS code ${odsCode.slice(0, 20)}`);
    return null;
  }
  if (!organisation.isActive) {
    problems.add(row, `${organisation.name} (${organisation.odsCode}) is closed`);
    return null;
  }
  return organisation;
}

/** What is wrong with a name cell, or null; `required` for a person, optional for an office. */
export function nameProblem(name: string, required: boolean, whose = 'the person’s'): string | null {
  if (name === '') return required ? `Enter ${whose} name` : null;
  if (name.length > MAX_TEXT) return `The name must be ${MAX_TEXT} characters or fewer`;
  return null;
}
