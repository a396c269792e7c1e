import { Injectable } from '@nestjs/common';
import { Connection, decodeCursor, encodeCursor, invalidCursor, toConnection } from '@dasv/common';
import { TransactionRunnerService } from '@dasv/database';
import { AccessService, AuthUser, Permission, Role } from '@dasv/auth';
import { DasvLead, LeadsService } from '@dasv/leads';
import { OrganisationsService } from '@dasv/organisations';
import { directoryLeadFor } from './contact-visibility';
import { DirectoryArgs } from './dto/directory.args';
import { DirectoryFiltersService } from './directory-filters.service';
import { DirectoryRepository, DirectoryViewer } from './directory.repository';
import { directoryError } from './directory.errors';
import { DirectoryLead, OrganisationLeads } from './models/directory-lead.model';

/** Executive first, as a board would list them. */
const LEAD_ROLE_ORDER = ['EXECUTIVE', 'OPERATIONAL', 'SENIOR'];

/**
 * Reading the lead directory. Every signed-in lead and administrator may search the whole national
 * directory; what varies by caller is whose e-mail and telephone number they see.
 */
@Injectable()
export class DirectoryService {
  constructor(
    private readonly access: AccessService,
    private readonly directory: DirectoryRepository,
    private readonly leads: LeadsService,
    private readonly filters: DirectoryFiltersService,
    private readonly organisations: OrganisationsService,
    private readonly tx: TransactionRunnerService,
  ) {}

  async search(me: AuthUser, args: DirectoryArgs): Promise<Connection<DirectoryLead>> {
    const first = args.first ?? 20;
    const filter = await this.filters.resolve(args);
    const after = decodeRankedCursor(args.after);
    // A transaction only so the name-similarity threshold the search sets stays with it.
    const { rows, totalCount } = await this.tx.run((manager) => this.directory.search(manager, { filter, viewer: this.viewerOf(me), first, after }));
    const page = toConnection(rows, first, totalCount, (row) => encodeCursor(`${row.rank}:${row.name}`, row.id));
    return { ...page, edges: page.edges.map((edge) => ({ cursor: edge.cursor, node: directoryLeadFor(edge.node, me.id) })) };
  }

  /** Anyone who is or was a lead, and one's own profile whether or not one is a lead yet. */
  async profile(me: AuthUser, userId: string): Promise<DirectoryLead> {
    const [row] = await this.directory.findPeople([userId], this.viewerOf(me));
    if (!row || !row.isActive || (!row.hasLed && row.id !== me.id)) {
      throw directoryError('LeadNotFound', 'There is no DASV lead with that id in the directory.');
    }
    return directoryLeadFor(row, me.id);
  }

  /** People as `me` may see them, in the order asked; null for an id that is no one. */
  async peopleSeenBy(me: AuthUser, userIds: readonly string[]): Promise<Array<DirectoryLead | null>> {
    const rows = await this.directory.findPeople(userIds, this.viewerOf(me));
    const byId = new Map(rows.map((row) => [row.id, directoryLeadFor(row, me.id)]));
    return userIds.map((id) => byId.get(id) ?? null);
  }

  async organisationLeads(odsCode: string): Promise<OrganisationLeads> {
    const organisation = await this.organisations.getByOdsCode(odsCode);
    const leads = await this.leads.lineageOf(organisation.id);
    const byRole = (a: DasvLead, b: DasvLead) =>
      LEAD_ROLE_ORDER.indexOf(a.leadRole) - LEAD_ROLE_ORDER.indexOf(b.leadRole) || a.startedAt.getTime() - b.startedAt.getTime();
    return {
      organisation,
      current: leads.filter((l) => l.endedAt === null).sort(byRole),
      past: leads
        .filter((l): l is DasvLead & { endedAt: Date } => l.endedAt !== null)
        .sort((a, b) => b.endedAt.getTime() - a.endedAt.getTime() || byRole(a, b)),
    };
  }

  /** Leads have a directory profile: anyone who is or was one, or holds the DASV lead role awaiting a nomination. */
  async isLead(me: AuthUser): Promise<boolean> {
    return me.roles.some((grant) => grant.role === Role.DASV_LEAD) || (await this.leads.hasEverLed(me.id));
  }

  viewerOf(me: AuthUser): DirectoryViewer {
    // Administrators are the roles that may read a user's account (UserRead), and so see its address anyway.
    return this.access.viewer(me, Permission.UserRead);
  }
}

/** The search's cursor: rank and name as the sort key ("1:Ada Lovelace"), then the id. */
function decodeRankedCursor(cursor: string | undefined): { rank: number; name: string; id: string } | undefined {
  const decoded = decodeCursor(cursor);
  if (!decoded) return undefined;
  const match = /^([01]):(.*)$/s.exec(decoded.sortKey);
  if (!match || !/^[0-9a-f-]{36}$/i.test(decoded.id)) {
    throw invalidCursor();
  }
  return { rank: Number(match[1]), name: match[2], id: decoded.id };
}
