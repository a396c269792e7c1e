import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Role } from '@dasv/auth';
import { OrganisationContactsService } from '@dasv/users';
import { ChaseTarget, EscalationRecipient } from './chase-campaign-source';

/** Who answers for an organisation's lateness: the admins of the level above it. */
export const ESCALATE_TO: Readonly<Record<string, Role>> = {
  TRUST: Role.ICB_ADMIN,
  ICB: Role.REGIONAL_ADMIN,
  REGION: Role.NATIONAL_ADMIN,
};

/**
 * The escalation rule of the hierarchy, for any source whose targets are organisations: a trust's ICB
 * admins, an ICB's regional admins, a region's national admins. One entry per person across all of
 * it, so someone who administers two ICBs (or an ICB and a region) gets one digest.
 */
@Injectable()
export class ParentOrganisationAdminsService {
  constructor(private readonly contacts: OrganisationContactsService) {}

  async of(manager: EntityManager, targets: readonly ChaseTarget[]): Promise<EscalationRecipient[]> {
    const byRole = new Map<Role, ChaseTarget[]>();
    for (const target of targets) {
      const role = ESCALATE_TO[target.type];
      if (!role || !target.parentId) continue;
      byRole.set(role, [...(byRole.get(role) ?? []), target]);
    }
    const people = new Map<string, EscalationRecipient>();
    for (const [role, children] of byRole) {
      const admins = await this.contacts.adminsAt([...new Set(children.map((c) => c.parentId!))], role, manager);
      for (const admin of admins) {
        const parents = new Set(admin.organisationIds);
        const listed = children.filter((c) => parents.has(c.parentId!)).map((c) => c.organisationId);
        const person = people.get(admin.userId) ?? { userId: admin.userId, email: admin.email, name: admin.name, organisationIds: [] };
        person.organisationIds = [...new Set([...person.organisationIds, ...listed])];
        people.set(admin.userId, person);
      }
    }
    return [...people.values()].sort((a, b) => a.email.localeCompare(b.email));
  }
}
