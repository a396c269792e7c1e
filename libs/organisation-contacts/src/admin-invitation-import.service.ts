import { Injectable } from '@nestjs/common';
import { CsvRowProblems, emailProblem, hasControlCharacters } from '@dasv/common';
import { TransactionRunnerService } from '@dasv/database';
import { AuditService } from '@dasv/audit';
import { AccessService, AuthUser, Permission, Role } from '@dasv/auth';
import { Organisation, OrganisationsService } from '@dasv/organisations';
import { InvitationsService } from '@dasv/users';
import { EMAIL_COLUMN, NAME_COLUMN, nameProblem, ODS_COLUMN, organisationOfRow, readContactFile } from './contact-files';
import { AdminInvitationImport, AdminInvitationRow } from './models/organisation-contact.models';
import { organisationContactError } from './organisation-contacts.errors';

const INVITATION_COLUMNS = [ODS_COLUMN, NAME_COLUMN, EMAIL_COLUMN] as const;

export const ADMIN_INVITATION_IMPORT_ACTION = 'organisation_admin.invitations_imported';

/**
 * Organisation administrators for many organisations at once, from a CSV (ODS code, name, e-mail),
 * by NHS England's programme team (Permission.ContactImport). Each person is made ORG_ADMIN there
 * through the invitation mechanism the rest of the platform uses (InvitationsService): a new or
 * never-activated account is e-mailed the same invitation link, through the outbox; someone already
 * active just gets the role. Every row is checked first, and a file with any bad row changes nothing.
 */
@Injectable()
export class AdminInvitationImportService {
  constructor(
    private readonly access: AccessService,
    private readonly organisations: OrganisationsService,
    private readonly invitations: InvitationsService,
    private readonly audit: AuditService,
    private readonly tx: TransactionRunnerService,
  ) {}

  async preview(me: AuthUser, csv: string): Promise<AdminInvitationImport> {
    const { people, organisations } = await this.plan(me, csv);
    return { people: people.map((p) => p.row), organisations: organisations.length, granted: 0, invited: 0, applied: false };
  }

  async apply(me: AuthUser, csv: string): Promise<AdminInvitationImport> {
    const { people, organisations } = await this.plan(me, csv);
    return this.tx.run(async (manager) => {
      let granted = 0;
      let invited = 0;
      for (const organisation of organisations) {
        const named = people.filter((p) => p.organisation.id === organisation.id).map((p) => ({ email: p.row.email, name: p.row.name, jobTitle: null }));
        const accounts = await this.invitations.accountsFor(manager, organisation.id, named);
        const userIds = accounts.map((a) => a.userId);
        const done = await this.invitations.grantNamedRole(manager, {
          userIds,
          organisation,
          role: Role.ORG_ADMIN,
          invitedBy: me.name,
          actorId: me.id,
          invite: userIds,
          reason: 'admin_invitation_import',
        });
        granted += done.granted.length;
        invited += done.invited.length;
      }
      await this.audit.record(manager, {
        actorId: me.id,
        action: ADMIN_INVITATION_IMPORT_ACTION,
        // The file as a whole, by who loaded it; each role given and invitation sent has its own entry.
        entityType: 'user',
        entityId: me.id,
        organisationId: null,
        details: { rows: people.length, organisations: organisations.length, granted, invited },
      });
      return { people: people.map((p) => p.row), organisations: organisations.length, granted, invited, applied: true };
    });
  }

  private async plan(
    me: AuthUser,
    csv: string,
  ): Promise<{ people: Array<{ organisation: Organisation; row: AdminInvitationRow }>; organisations: Organisation[] }> {
    const records = readContactFile(csv, INVITATION_COLUMNS, 'people');
    const codes = [...new Set(records.map((r) => r.values.odsCode.toUpperCase()).filter(Boolean))];
    const byCode = new Map((await this.organisations.findByOdsCodes(codes)).map((o) => [o.odsCode.toUpperCase(), o]));
    const problems = new CsvRowProblems();
    const people: Array<{ organisation: Organisation; row: AdminInvitationRow }> = [];
    const firstRowOf = new Map<string, number>();
    for (const { row, values } of records) {
      if (hasControlCharacters(values)) problems.add(row, 'Remove the control characters from this row');
      const organisation = organisationOfRow(row, values.odsCode, byCode, problems);
      const badName = nameProblem(values.name, true);
      if (badName) problems.add(row, badName);
      const badEmail = emailProblem(values.email);
      if (badEmail) problems.add(row, badEmail);
      if (organisation && !badEmail) {
        const key = `${organisation.id}|${values.email.toLowerCase()}`;
        const first = firstRowOf.get(key);
        if (first !== undefined) problems.add(row, `${values.email} is also on row ${first} for ${organisation.odsCode}: list each person once`);
        else firstRowOf.set(key, row);
      }
      if (organisation && !problems.has(row)) {
        people.push({ organisation, row: { row, odsCode: organisation.odsCode, organisationName: organisation.name, name: values.name, email: values.email } });
      }
    }
    const refusal = problems.refusal('administrator invitations file');
    if (refusal) throw organisationContactError('InvitationImportInvalid', refusal.message, refusal.fields);
    const organisations = [...new Map(people.map((p) => [p.organisation.id, p.organisation])).values()];
    await this.access.requireOrganisations(
      me,
      Permission.ContactImport,
      organisations.map((o) => o.id),
    );
    return { people, organisations };
  }
}
