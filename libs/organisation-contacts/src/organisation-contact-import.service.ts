import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { CsvRowProblems, emailProblem, hasControlCharacters } from '@dasv/common';
import { TransactionRunnerService } from '@dasv/database';
import { AuditService } from '@dasv/audit';
import { AccessService, AuthUser, Permission } from '@dasv/auth';
import { Organisation, OrganisationsService } from '@dasv/organisations';
import { CONTACT_ROLE_LABELS, CONTACT_ROLES, contactRoleFromWords, NAMED_CONTACT_ROLES, OrganisationContactRole } from './contact-role';
import { EMAIL_COLUMN, NAME_COLUMN, nameProblem, ODS_COLUMN, organisationOfRow, readContactFile } from './contact-files';
import { CONTACT_AUDIT_ACTIONS } from './organisation-contact-book.service';
import { OrganisationContactChange, OrganisationContactImport } from './models/organisation-contact.models';
import { organisationContactError } from './organisation-contacts.errors';
import { ContactWrite, OrganisationContactsRepository, StoredContact } from './organisation-contacts.repository';

const CONTACT_COLUMNS = [
  ODS_COLUMN,
  { key: 'role', label: 'Contact role', aliases: ['contactrole', 'role', 'contacttype'], required: true },
  { ...NAME_COLUMN, required: false },
  EMAIL_COLUMN,
] as const;

interface PlannedContact extends ContactWrite {
  organisation: Organisation;
}

/**
 * Contacts for many organisations at once, from a CSV (ODS code, contact role, name, e-mail), by
 * NHS England's programme team (Permission.ContactImport). For each organisation the file names, its
 * rows become that organisation's contacts: a role it lists is added or changed, a role it does not
 * list is removed; organisations it does not name are left alone. Every row is checked before
 * anything is written, and a file with any bad row changes nothing. `preview` says what `apply`
 * would do; `apply` works it out again inside its transaction, so what it writes is what the file
 * says against the contacts as they are then.
 */
@Injectable()
export class OrganisationContactImportService {
  constructor(
    private readonly access: AccessService,
    private readonly organisations: OrganisationsService,
    private readonly contacts: OrganisationContactsRepository,
    private readonly audit: AuditService,
    private readonly tx: TransactionRunnerService,
  ) {}

  async preview(me: AuthUser, csv: string): Promise<OrganisationContactImport> {
    const { planned, organisations, rows } = await this.plan(me, csv);
    return this.changes(planned, organisations, await this.contacts.findFor(organisations.map((o) => o.id)), { rows, applied: false });
  }

  async apply(me: AuthUser, csv: string): Promise<OrganisationContactImport> {
    const { planned, organisations, rows } = await this.plan(me, csv);
    return this.tx.run(async (manager) => {
      const ids = organisations.map((o) => o.id);
      // Lock the organisations' contacts as they are now, so two imports at once cannot interleave.
      await manager.query(`SELECT 1 FROM organisation_contact WHERE organisation_id = ANY($1::uuid[]) FOR UPDATE`, [ids]);
      const result = this.changes(planned, organisations, await this.contacts.findFor(ids, manager), { rows, applied: true });
      await this.write(manager, me, result, planned);
      return result;
    });
  }

  private async write(manager: EntityManager, me: AuthUser, result: OrganisationContactImport, planned: PlannedContact[]): Promise<void> {
    const touched = new Set([...result.added, ...result.changed].map((c) => `${c.odsCode}|${c.role}`));
    await this.contacts.upsert(
      manager,
      planned.filter((p) => touched.has(`${p.organisation.odsCode}|${p.role}`)),
      me.id,
    );
    const idOf = new Map(planned.map((p) => [p.organisation.odsCode, p.organisation.id]));
    await this.contacts.remove(
      manager,
      result.removed.map((c) => ({ organisationId: idOf.get(c.odsCode)!, role: c.role })),
    );
    const entries = [
      ...result.added.map((c) => ['added', c] as const),
      ...result.changed.map((c) => ['changed', c] as const),
      ...result.removed.map((c) => ['removed', c] as const),
    ];
    await this.audit.record(
      manager,
      entries.map(([change, c]) => ({
        actorId: me.id,
        action: CONTACT_AUDIT_ACTIONS.imported,
        entityType: 'organisation',
        entityId: idOf.get(c.odsCode)!,
        organisationId: idOf.get(c.odsCode)!,
        details: { change, role: c.role, name: c.name, email: c.email, previousName: c.previousName, previousEmail: c.previousEmail },
      })),
    );
  }

  /** Every row checked, every problem listed at once; the organisations named, in scope. */
  private async plan(me: AuthUser, csv: string): Promise<{ planned: PlannedContact[]; organisations: Organisation[]; rows: number }> {
    const records = readContactFile(csv, CONTACT_COLUMNS, 'contacts');
    const codes = [...new Set(records.map((r) => r.values.odsCode.toUpperCase()).filter(Boolean))];
    const byCode = new Map((await this.organisations.findByOdsCodes(codes)).map((o) => [o.odsCode.toUpperCase(), o]));
    const problems = new CsvRowProblems();
    const planned: PlannedContact[] = [];
    const firstRowOf = new Map<string, number>();
    for (const { row, values } of records) {
      if (hasControlCharacters(values)) problems.add(row, 'Remove the control characters from this row');
      const organisation = organisationOfRow(row, values.odsCode, byCode, problems);
      const role = contactRoleFromWords(values.role);
      if (values.role === '') problems.add(row, `Enter the contact role: ${rolesInWords()}`);
      else if (!role) problems.add(row, `"${values.role.slice(0, 60)}" is not a contact role: use ${rolesInWords()}`);
      const badName = nameProblem(
        values.name,
        role !== undefined && NAMED_CONTACT_ROLES.has(role),
        `the ${role ? CONTACT_ROLE_LABELS[role].toLowerCase() : 'person'}’s`,
      );
      if (badName) problems.add(row, badName);
      const badEmail = emailProblem(values.email);
      if (badEmail) problems.add(row, badEmail);
      if (organisation && role) {
        const key = `${organisation.id}|${role}`;
        const first = firstRowOf.get(key);
        if (first !== undefined)
          problems.add(
            row,
            `${organisation.odsCode} has a ${CONTACT_ROLE_LABELS[role].toLowerCase()} on row ${first} too: give each organisation one contact per role`,
          );
        else firstRowOf.set(key, row);
        if (!problems.has(row)) planned.push({ organisation, organisationId: organisation.id, role, name: values.name || null, email: values.email });
      }
    }
    const refusal = problems.refusal('contacts file');
    if (refusal) throw organisationContactError('ImportInvalid', refusal.message, refusal.fields);
    const organisations = [...new Map(planned.map((p) => [p.organisation.id, p.organisation])).values()];
    // The guard has checked the caller may import; this checks every organisation named is theirs to change.
    await this.access.requireOrganisations(
      me,
      Permission.ContactImport,
      organisations.map((o) => o.id),
    );
    return { planned, organisations, rows: records.length };
  }

  private changes(
    planned: PlannedContact[],
    organisations: Organisation[],
    current: StoredContact[],
    about: { rows: number; applied: boolean },
  ): OrganisationContactImport {
    const currentByKey = new Map(current.map((c) => [`${c.organisationId}|${c.role}`, c]));
    const plannedKeys = new Set(planned.map((p) => `${p.organisationId}|${p.role}`));
    const result: OrganisationContactImport = { ...about, organisations: organisations.length, added: [], changed: [], removed: [], unchanged: 0 };
    for (const p of planned) {
      const before = currentByKey.get(`${p.organisationId}|${p.role}`);
      const change = changeOf(p.organisation, p.role, p, before ?? null);
      if (!before) result.added.push(change);
      else if (before.email.toLowerCase() !== p.email.toLowerCase() || (before.name ?? null) !== p.name) result.changed.push(change);
      else result.unchanged++;
    }
    const byId = new Map(organisations.map((o) => [o.id, o]));
    for (const c of current) {
      if (!plannedKeys.has(`${c.organisationId}|${c.role}`)) result.removed.push(changeOf(byId.get(c.organisationId)!, c.role, null, c));
    }
    const order = (a: OrganisationContactChange, b: OrganisationContactChange) =>
      a.organisationName.localeCompare(b.organisationName) || CONTACT_ROLES.indexOf(a.role) - CONTACT_ROLES.indexOf(b.role);
    result.added.sort(order);
    result.changed.sort(order);
    result.removed.sort(order);
    return result;
  }
}

function changeOf(
  organisation: Organisation,
  role: OrganisationContactRole,
  after: { name: string | null; email: string } | null,
  before: { name: string | null; email: string } | null,
): OrganisationContactChange {
  return {
    odsCode: organisation.odsCode,
    organisationName: organisation.name,
    role,
    roleLabel: CONTACT_ROLE_LABELS[role],
    name: after?.name ?? null,
    email: after?.email ?? null,
    previousName: before?.name ?? null,
    previousEmail: before?.email ?? null,
  };
}

function rolesInWords(): string {
  const labels = CONTACT_ROLES.map((r) => `"${CONTACT_ROLE_LABELS[r].replace('’', "'")}"`);
  return `${labels.slice(0, -1).join(', ')} or ${labels[labels.length - 1]}`;
}
