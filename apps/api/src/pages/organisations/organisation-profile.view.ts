import { Injectable } from '@nestjs/common';
import { formatLondon } from '@dasv/common';
import { AccessService, AuthUser, Permission, Role } from '@dasv/auth';
import { LEAD_ROLE_LABELS, LeadsService } from '@dasv/leads';
import { CompletionDashboardService } from '@dasv/learning-reports';
import { NominationDashboardService, NominationResponseStatus } from '@dasv/nominations';
import { CONTACT_ROLE_LABELS, CONTACT_ROLES, contactRoleSlug, OrganisationContactBookService } from '@dasv/organisation-contacts';
import { Organisation, OrganisationType } from '@dasv/organisations';
import { OrganisationContactsService } from '@dasv/users';
import { DEFAULT_REPORT_COURSE } from '../learning-reports/learning-report-pages.query';
import { NOMINATION_PAGE_HELPERS } from '../nominations/nomination-pages.view';
import { ListQuery } from '../shared/pagination';
import { OrganisationPage, OrganisationsView } from './organisations.view';

const RESPONSE_LABELS: Record<NominationResponseStatus, { text: string; colour: string }> = NOMINATION_PAGE_HELPERS.statusTags;

export interface ContactSlot {
  roleLabel: string;
  name: string | null;
  email: string | null;
  changeHref: string;
  removeHref: string | null;
}

export interface OrganisationProfilePage extends OrganisationPage {
  /** Absent when the viewer does not look after this organisation's contacts. */
  contacts?: ContactSlot[];
  /** Absent when the viewer may not see this organisation's people. */
  administrators?: Array<{ name: string; email: string }>;
  canInvite: boolean;
  leads?: Array<{ roleLabel: string; name: string; jobTitle: string | null; href: string }>;
  returns?: Array<{ title: string; deadline: string; isOpen: boolean; status: { text: string; colour: string }; href: string }>;
  training?: { rate: string | null; completed: number; headcount: number | null; href: string };
}

/**
 * An organisation's page: what OrganisationsView shows of the hierarchy, then each part the viewer
 * may see there, read through the service that owns it (contacts, administrators, leads, returns,
 * the training rate), with links to what they may do. A part the viewer has no right to is left out.
 */
@Injectable()
export class OrganisationProfileView {
  constructor(
    private readonly organisations: OrganisationsView,
    private readonly access: AccessService,
    private readonly contactBook: OrganisationContactBookService,
    private readonly recipients: OrganisationContactsService,
    private readonly leads: LeadsService,
    private readonly nominations: NominationDashboardService,
    private readonly completions: CompletionDashboardService,
  ) {}

  async page(me: AuthUser, odsCode: string, query: ListQuery): Promise<OrganisationProfilePage> {
    const detail = await this.organisations.detail(odsCode, query);
    const organisation = detail.organisation;
    const may = (permission: Permission) => this.access.canAccessOrganisation(me, permission, organisation.id);
    const [contacts, seesPeople, canInvite, seesLeads, seesReturns, seesTraining] = await Promise.all([
      this.contactBook.contactsIfManaged(me, organisation.id),
      may(Permission.UserRead),
      may(Permission.UserInvite),
      may(Permission.DirectoryRead),
      may(Permission.NominationRead),
      may(Permission.LearningReportRead),
    ]);
    const [administrators, leads, returns, training] = await Promise.all([
      seesPeople ? this.recipients.adminsAt([organisation.id], Role.ORG_ADMIN) : undefined,
      seesLeads ? this.leads.currentAt(organisation.id) : undefined,
      seesReturns ? this.nominations.statusesOf(me, organisation.id) : undefined,
      seesTraining && organisation.type !== OrganisationType.NATIONAL ? this.trainingOf(me, organisation) : undefined,
    ]);
    const base = `/organisations/${encodeURIComponent(organisation.odsCode)}`;
    return {
      ...detail,
      contacts: contacts
        ? CONTACT_ROLES.map((role) => {
            const contact = contacts.find((c) => c.role === role);
            return {
              roleLabel: CONTACT_ROLE_LABELS[role],
              name: contact?.name ?? null,
              email: contact?.email ?? null,
              changeHref: `${base}/contacts/${contactRoleSlug(role)}`,
              removeHref: contact ? `${base}/contacts/${contactRoleSlug(role)}/remove` : null,
            };
          })
        : undefined,
      administrators: administrators?.map((a) => ({ name: a.name, email: a.email })),
      canInvite,
      leads: leads?.map((l) => ({
        roleLabel: LEAD_ROLE_LABELS[l.leadRole] ?? l.leadRole,
        name: l.name,
        jobTitle: l.jobTitle,
        href: `/directory/leads/${l.userId}`,
      })),
      returns: returns?.map((r) => ({
        title: r.title,
        deadline: formatLondon(r.deadline),
        isOpen: r.isOpen,
        status: RESPONSE_LABELS[r.status],
        href: `/nominations/${r.returnId}/${encodeURIComponent(organisation.odsCode)}`,
      })),
      training,
    };
  }

  private async trainingOf(me: AuthUser, organisation: Organisation): Promise<OrganisationProfilePage['training']> {
    const dashboard = await this.completions.dashboardFor(me, { slug: DEFAULT_REPORT_COURSE, odsCode: organisation.odsCode, trendDays: 1 });
    const figures = dashboard.organisation;
    return {
      rate: figures.completionRate === null ? null : `${Math.round(figures.completionRate * 1000) / 10}%`,
      completed: figures.completed,
      headcount: figures.headcount,
      href: `/training/reports/${encodeURIComponent(organisation.odsCode)}`,
    };
  }
}
