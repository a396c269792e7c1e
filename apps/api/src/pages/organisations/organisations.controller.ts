import { Get, Param, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { AccessService, AuthUser, Can, CurrentUser, Permission } from '@dasv/auth';
import { OrganisationArgs } from '@dasv/organisations';
import { ListQuery } from '../shared/pagination';
import { OrganisationProfileView } from './organisation-profile.view';
import { OrganisationsView } from './organisations.view';
import { PageController } from '../shared/page-controller.decorator';
import { PageRendererService } from '../shared/page-renderer.service';

@PageController()
export class OrganisationsController {
  constructor(
    private readonly pages: PageRendererService,
    private readonly organisations: OrganisationsView,
    private readonly profiles: OrganisationProfileView,
    private readonly access: AccessService,
  ) {}

  @Get('organisations')
  @Can(Permission.OrganisationRead)
  async index(@CurrentUser() me: AuthUser, @Query() query: ListQuery, @Res() res: Response) {
    // National admins load contacts and administrators from files from here.
    const canImport = this.access.rolesFor(me, Permission.ContactImport).length > 0;
    return this.pages.render(res, 'organisations/index', { ...(await this.organisations.overview(query)), canImport });
  }

  @Get('organisations/:odsCode')
  @Can(Permission.OrganisationRead)
  async show(@CurrentUser() me: AuthUser, @Param() { odsCode }: OrganisationArgs, @Query() query: ListQuery, @Res() res: Response) {
    return this.pages.render(res, 'organisations/show', await this.profiles.page(me, odsCode, query));
  }
}
