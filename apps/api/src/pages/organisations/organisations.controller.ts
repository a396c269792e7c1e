import { Get, Param, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Can, Permission } from '@dasv/auth';
import { OrganisationArgs } from '@dasv/organisations';
import { ListQuery } from '../shared/pagination';
import { OrganisationsView } from './organisations.view';
import { PageController } from '../shared/page-controller.decorator';
import { PageRendererService } from '../shared/page-renderer.service';

@PageController()
export class OrganisationsController {
  constructor(
    private readonly pages: PageRendererService,
    private readonly organisations: OrganisationsView,
  ) {}

  @Get('organisations')
  @Can(Permission.OrganisationRead)
  async index(@Query() query: ListQuery, @Res() res: Response) {
    return this.pages.render(res, 'organisations/index', await this.organisations.overview(query));
  }

  @Get('organisations/:odsCode')
  @Can(Permission.OrganisationRead)
  async show(@Param() { odsCode }: OrganisationArgs, @Query() query: ListQuery, @Res() res: Response) {
    return this.pages.render(res, 'organisations/show', await this.organisations.detail(odsCode, query));
  }
}
