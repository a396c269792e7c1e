import { Injectable } from '@nestjs/common';
import { TransactionRunnerService } from '@dasv/database';
import { AuditService } from '@dasv/audit';
import { AccessService, AuthUser, Permission } from '@dasv/auth';
import { Organisation } from '@dasv/organisations';
import { CONTACT_ROLE_LABELS, NAMED_CONTACT_ROLES, OrganisationContactRole } from './contact-role';
import { RemoveOrganisationContactInput, SetOrganisationContactInput } from './dto/organisation-contact.inputs';
import { OrganisationContact } from './models/organisation-contact.models';
import { organisationContactError } from './organisation-contacts.errors';
import { OrganisationContactsRepository, StoredContact } from './organisation-contacts.repository';

export const CONTACT_AUDIT_ACTIONS = {
  set: 'organisation_contact.set',
  removed: 'organisation_contact.removed',
  imported: 'organisation_contact.imported',
} as const;

export function toContact(stored: StoredContact): OrganisationContact {
  return { id: stored.id, role: stored.role, roleLabel: CONTACT_ROLE_LABELS[stored.role], name: stored.name, email: stored.email, updatedAt: stored.updatedAt };
}

const unknownOrganisation = (message: string) => organisationContactError('UnknownOrganisation', message);

/**
 * An organisation's contacts, one at a time: read, add or change, remove. Admins over the
 * organisation (national, its region's, its ICB's) and its own administrators (Permission.ContactManage
 * in scope) may do all three; nobody else sees them, since they are people's work addresses.
 */
@Injectable()
export class OrganisationContactBookService {
  constructor(
    private readonly access: AccessService,
    private readonly contacts: OrganisationContactsRepository,
    private readonly audit: AuditService,
    private readonly tx: TransactionRunnerService,
  ) {}

  /** The organisation, if the caller may manage its contacts; AUTH_OUT_OF_SCOPE otherwise. */
  requireOrganisation(me: AuthUser, odsCode: string): Promise<Organisation> {
    return this.access.requireOrganisation(me, Permission.ContactManage, odsCode, { unknown: unknownOrganisation });
  }

  /** Whether the caller may see and change this organisation's contacts (for pages and nullable fields). */
  canManage(me: AuthUser, organisationId: string): Promise<boolean> {
    return this.access.canAccessOrganisation(me, Permission.ContactManage, organisationId);
  }

  async contactsOf(me: AuthUser, odsCode: string): Promise<{ organisation: Organisation; contacts: OrganisationContact[] }> {
    const organisation = await this.requireOrganisation(me, odsCode);
    return { organisation, contacts: (await this.contacts.findFor([organisation.id])).map(toContact) };
  }

  /** Contacts of an organisation already shown to the caller, or null when they may not see them. */
  async contactsIfManaged(me: AuthUser, organisationId: string): Promise<OrganisationContact[] | null> {
    if (!(await this.canManage(me, organisationId))) return null;
    return (await this.contacts.findFor([organisationId])).map(toContact);
  }

  /** Adds the contact in this role, or changes the one there is. */
  async set(me: AuthUser, input: SetOrganisationContactInput): Promise<OrganisationContact> {
    const name = input.name?.trim() || null;
    if (NAMED_CONTACT_ROLES.has(input.role) && !name) {
      throw organisationContactError('NameRequired', `Enter the ${CONTACT_ROLE_LABELS[input.role].toLowerCase()}’s name.`, {
        name: [`Enter the ${CONTACT_ROLE_LABELS[input.role].toLowerCase()}’s name`],
      });
    }
    const organisation = await this.requireOrganisation(me, input.organisationOdsCode);
    return this.tx.run(async (manager) => {
      const [before] = (await this.contacts.findFor([organisation.id], manager)).filter((c) => c.role === input.role);
      const [after] = await this.contacts.upsert(manager, [{ organisationId: organisation.id, role: input.role, name, email: input.email }], me.id);
      await this.audit.record(manager, {
        actorId: me.id,
        action: CONTACT_AUDIT_ACTIONS.set,
        entityType: 'organisation',
        entityId: organisation.id,
        organisationId: organisation.id,
        details: { role: input.role, name, email: input.email, previousName: before?.name ?? null, previousEmail: before?.email ?? null },
      });
      return toContact(after);
    });
  }

  async remove(me: AuthUser, input: RemoveOrganisationContactInput): Promise<OrganisationContact> {
    const organisation = await this.requireOrganisation(me, input.organisationOdsCode);
    return this.tx.run(async (manager) => {
      const [removed] = await this.contacts.remove(manager, [{ organisationId: organisation.id, role: input.role }]);
      if (!removed) throw organisationContactError('NotFound', `${organisation.name} has no ${CONTACT_ROLE_LABELS[input.role].toLowerCase()} contact.`);
      await this.audit.record(manager, {
        actorId: me.id,
        action: CONTACT_AUDIT_ACTIONS.removed,
        entityType: 'organisation',
        entityId: organisation.id,
        organisationId: organisation.id,
        details: { role: input.role, name: removed.name, email: removed.email },
      });
      return toContact(removed);
    });
  }

  /** The contact in one role, for a form that changes it; null when there is none yet. */
  async contactInRole(
    me: AuthUser,
    odsCode: string,
    role: OrganisationContactRole,
  ): Promise<{ organisation: Organisation; contact: OrganisationContact | null }> {
    const { organisation, contacts } = await this.contactsOf(me, odsCode);
    return { organisation, contact: contacts.find((c) => c.role === role) ?? null };
  }
}
