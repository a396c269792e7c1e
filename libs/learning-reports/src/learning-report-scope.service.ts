import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AccessService, authError, AuthUser, Permission } from '@dasv/auth';
import { Organisation, organisationNotFound, OrganisationsService, OrganisationType } from '@dasv/organisations';
import { learningReportError } from './learning-reports.errors';
import { ReportedCourseRow, ReportedCoursesRepository } from './reported-courses.repository';

export interface ReportTarget {
  course: ReportedCourseRow;
  organisation: Organisation;
}

/** Shallowest first: "the widest scope" is the organisation nearest NHS England among the caller's. */
const TYPE_DEPTH: Record<OrganisationType, number> = {
  [OrganisationType.NATIONAL]: 0,
  [OrganisationType.REGION]: 1,
  [OrganisationType.ICB]: 2,
  [OrganisationType.TRUST]: 3,
};

/**
 * What a report or reminder is about: a course and one organisation, which must lie inside a subtree
 * where the caller holds the permission. Asking about an organisation one branch over is refused
 * (FORBIDDEN), not answered with nothing; leaving the organisation out means the widest one they have.
 */
@Injectable()
export class LearningReportScopeService {
  constructor(
    private readonly courses: ReportedCoursesRepository,
    private readonly organisations: OrganisationsService,
    private readonly access: AccessService,
  ) {}

  async resolve(me: AuthUser, permission: Permission, slug: string, odsCode?: string, manager?: EntityManager): Promise<ReportTarget> {
    // Independent lookups, side by side: the dashboard's whole budget is a few milliseconds.
    const [course, organisation] = await Promise.all([
      this.courses.findBySlug(slug, manager),
      odsCode ? this.organisationInScope(me, permission, odsCode, manager) : this.widest(me, permission),
    ]);
    if (!course) throw learningReportError('CourseNotFound', 'There is no such course.');
    return { course, organisation };
  }

  organisationInScope(me: AuthUser, permission: Permission, odsCode: string, manager?: EntityManager): Promise<Organisation> {
    return this.access.requireOrganisation(me, permission, odsCode, { unknown: organisationNotFound, manager });
  }

  /** The organisation nearest the top of the hierarchy where the caller holds the permission; by name among equals. */
  async widest(me: AuthUser, permission: Permission): Promise<Organisation> {
    const organisations = await this.heldAt(me, permission);
    if (!organisations.length) throw authError('OutOfScope', 'You do not look after any organisation.');
    return organisations[0];
  }

  /** Every organisation where the caller holds the permission, widest first. */
  async heldAt(me: AuthUser, permission: Permission): Promise<Organisation[]> {
    const roles = new Set(this.access.rolesFor(me, permission));
    const ids = [...new Set(me.roles.filter((grant) => roles.has(grant.role)).map((grant) => grant.organisationId))];
    const organisations = await this.organisations.findByIds(ids);
    return organisations.sort((a, b) => TYPE_DEPTH[a.type] - TYPE_DEPTH[b.type] || a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
  }

  canAct(me: AuthUser, permission: Permission, organisationId: string): Promise<boolean> {
    return this.access.canAccessOrganisation(me, permission, organisationId);
  }
}
