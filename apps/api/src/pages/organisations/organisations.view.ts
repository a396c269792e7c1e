import { Injectable } from '@nestjs/common';
import { Connection } from '@dasv/common';
import { Organisation, OrganisationLoaders, OrganisationsService, OrganisationType } from '@dasv/organisations';
import { ListQuery, NO_PAGES, PAGE_SIZE, pageLinks, PageLinks } from '../shared/pagination';

export interface OrganisationListPage {
  /** The search as run (trimmed), if any. */
  search?: string;
  results: Organisation[];
  links: PageLinks;
}

export interface OrganisationPage {
  organisation: Organisation;
  search?: string;
  /** National first, down to the direct parent. */
  ancestors: Organisation[];
  breadcrumbs: Array<{ href: string; text: string }>;
  /** Its children, or the matches for a search beneath it; absent for a trust, which has none. */
  membersHeading?: string;
  members: Organisation[];
  links: PageLinks;
}

const MEMBERS_HEADING: Partial<Record<OrganisationType, (name: string) => string>> = {
  [OrganisationType.NATIONAL]: () => 'Regions',
  [OrganisationType.REGION]: (name) => `Integrated care boards in ${name}`,
  [OrganisationType.ICB]: (name) => `Trusts in ${name}`,
};

/**
 * The organisation browser's pages, read through OrganisationsService and the loaders GraphQL's
 * `organisation { ancestors children }` uses. Organisations are reference data every signed-in
 * user may read, so there is no scope to apply here.
 */
@Injectable()
export class OrganisationsView {
  constructor(
    private readonly organisations: OrganisationsService,
    private readonly organisationLoaders: OrganisationLoaders,
  ) {}

  /** The regions, or every organisation matching a search. */
  async overview(query: ListQuery): Promise<OrganisationListPage> {
    const search = query.search?.trim() || undefined;
    const connection = await this.organisations.list(
      search ? { search, first: PAGE_SIZE, after: query.after } : { type: OrganisationType.REGION, first: PAGE_SIZE, after: query.after },
    );
    return { search, results: nodes(connection), links: pageLinks('/organisations', query, connection) };
  }

  async detail(odsCode: string, query: ListQuery): Promise<OrganisationPage> {
    const organisation = await this.organisations.getByOdsCode(odsCode);
    const search = query.search?.trim() || undefined;
    const path = `/organisations/${encodeURIComponent(organisation.odsCode)}`;
    const heading = MEMBERS_HEADING[organisation.type];
    const [ancestors, connection] = await Promise.all([
      this.organisationLoaders.createLoaders().ancestorsOf.load(organisation.id),
      heading
        ? this.organisations.list(
            search
              ? { within: organisation.odsCode, search, first: PAGE_SIZE, after: query.after }
              : { parent: organisation.odsCode, first: PAGE_SIZE, after: query.after },
          )
        : undefined,
    ]);
    const breadcrumbs = [
      { href: '/', text: 'Home' },
      { href: '/organisations', text: 'Organisations' },
      // The organisations list is the national level, so NHS England itself is not repeated.
      ...ancestors.filter((a) => a.type !== OrganisationType.NATIONAL).map((a) => ({ href: `/organisations/${encodeURIComponent(a.odsCode)}`, text: a.name })),
    ];
    return {
      organisation,
      search,
      ancestors,
      breadcrumbs,
      membersHeading: heading?.(organisation.name),
      members: connection ? nodes(connection) : [],
      links: connection ? pageLinks(path, query, connection) : NO_PAGES,
    };
  }
}

function nodes<T>(connection: Connection<T>): T[] {
  return connection.edges.map((edge) => edge.node);
}
