import { Injectable } from '@nestjs/common';
import { FieldErrors } from '@dasv/common';
import { OrganisationsService, OrganisationType } from '@dasv/organisations';
import { DirectoryFilterArgs } from './dto/directory.args';
import { DirectoryFilter } from './directory.repository';
import { directoryError } from './directory.errors';

const AREA_FILTERS = [
  { field: 'icb', type: OrganisationType.ICB, noun: 'an ICB' },
  { field: 'region', type: OrganisationType.REGION, noun: 'a region' },
] as const;

/** Turns the filters as typed into what the repository queries by: ICB and region codes become ids. */
@Injectable()
export class DirectoryFiltersService {
  constructor(private readonly organisations: OrganisationsService) {}

  async resolve(args: DirectoryFilterArgs): Promise<DirectoryFilter> {
    const wanted = AREA_FILTERS.filter((f) => args[f.field]);
    const found = await this.organisations.findByOdsCodes(wanted.map((f) => args[f.field]!));
    const byCode = new Map(found.map((o) => [o.odsCode, o]));
    const unknown: FieldErrors = {};
    const mistyped: FieldErrors = {};
    const withinIds: string[] = [];
    for (const filter of wanted) {
      const code = args[filter.field]!.toUpperCase();
      const organisation = byCode.get(code);
      if (!organisation) unknown[filter.field] = [`No organisation has ODS code ${code}`];
      else if (organisation.type !== filter.type) mistyped[filter.field] = [`${organisation.name} (${code}) is not ${filter.noun}`];
      else withinIds.push(organisation.id);
    }
    if (Object.keys(unknown).length) throw directoryError('UnknownOrganisation', 'No organisation has that ODS code.', { ...unknown, ...mistyped });
    if (Object.keys(mistyped).length) throw directoryError('WrongOrganisationType', 'Filter by the code of an ICB or a region.', mistyped);
    return { name: args.search, organisation: args.organisation, withinIds, leadRole: args.leadRole };
  }
}
