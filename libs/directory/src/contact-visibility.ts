import { DirectoryLead } from './models/directory-lead.model';
import { DirectoryPersonRow } from './directory.repository';

/**
 * The directory's one rule for contact details: a lead's e-mail and telephone number reach another
 * user only when the lead shows them, except that the lead always sees their own and administrators
 * of the lead's organisations always see both (`seesContact`, worked out in SQL for every row).
 */
export function isEmailVisible(row: Pick<DirectoryPersonRow, 'showEmail' | 'seesContact'>): boolean {
  return row.showEmail || row.seesContact;
}

export function isPhoneVisible(row: Pick<DirectoryPersonRow, 'showPhone' | 'seesContact'>): boolean {
  return row.showPhone || row.seesContact;
}

export function directoryLeadFor(row: DirectoryPersonRow, viewerId: string): DirectoryLead {
  const isOwn = row.id === viewerId;
  return {
    id: row.id,
    name: row.name,
    jobTitle: row.jobTitle,
    organisationId: row.organisationId,
    email: isEmailVisible(row) ? row.email : null,
    phone: isPhoneVisible(row) ? row.phone : null,
    bio: row.bio,
    areasOfInterest: row.areasOfInterest,
    showEmail: isOwn ? row.showEmail : null,
    showPhone: isOwn ? row.showPhone : null,
  };
}
