import { Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { CSV_CONTENT_TYPE } from '@dasv/common';
import { AuthUser, Can, CurrentUser, Permission } from '@dasv/auth';
import { DirectoryExportService, DirectoryFilterArgs, DirectoryLeadArgs, LeadProfileService } from '@dasv/directory';
import { OrganisationArgs } from '@dasv/organisations';
import { LeadProfileForm } from './directory-profile.form';
import { DirectoryView } from './directory.view';
import { Flash } from '../shared/flash';
import { Form } from '../shared/form.decorator';
import { FormSubmission } from '../shared/form-submission.interceptor';
import { ListQuery } from '../shared/pagination';
import { PageController } from '../shared/page-controller.decorator';
import { PageRendererService } from '../shared/page-renderer.service';

@PageController()
export class DirectoryController {
  constructor(
    private readonly pages: PageRendererService,
    private readonly directory: DirectoryView,
    private readonly profiles: LeadProfileService,
    private readonly exports: DirectoryExportService,
  ) {}

  @Get('directory')
  @Can(Permission.DirectoryRead)
  async index(@CurrentUser() me: AuthUser, @Query() list: ListQuery, @Query() filters: DirectoryFilterArgs, @Res() res: Response) {
    return this.pages.render(res, 'directory/index', await this.directory.search(me, list, filters));
  }

  @Get('directory/export.csv')
  @Can(Permission.DirectoryExport)
  async exportCsv(@CurrentUser() me: AuthUser, @Query() filters: DirectoryFilterArgs, @Res() res: Response) {
    const file = await this.exports.exportCsv(me, filters);
    res.status(200).setHeader('Cache-Control', 'no-store').type(CSV_CONTENT_TYPE).attachment(file.filename).send(file.csv);
  }

  @Get('directory/profile')
  @Can(Permission.DirectoryRead)
  async editProfile(@CurrentUser() me: AuthUser, @Res() res: Response) {
    return this.pages.render(res, 'directory/edit-profile', { profile: await this.profiles.mine(me) });
  }

  @Post('directory/profile')
  @Can(Permission.DirectoryRead)
  @FormSubmission()
  async saveProfile(@CurrentUser() me: AuthUser, @Form(LeadProfileForm) form: LeadProfileForm, @Req() req: Request, @Res() res: Response) {
    const saved = await this.profiles.update(me, form.toInput());
    const path = `/directory/leads/${saved.id}`;
    Flash.set(req, { path, notice: 'Your directory profile has been saved' });
    res.redirect(303, path);
  }

  @Get('directory/leads/:id')
  @Can(Permission.DirectoryRead)
  async lead(@CurrentUser() me: AuthUser, @Param() { id }: DirectoryLeadArgs, @Res() res: Response) {
    return this.pages.render(res, 'directory/lead', await this.directory.lead(me, id));
  }

  @Get('directory/organisations/:odsCode')
  @Can(Permission.DirectoryRead)
  async organisationLeads(@CurrentUser() me: AuthUser, @Param() { odsCode }: OrganisationArgs, @Res() res: Response) {
    return this.pages.render(res, 'directory/organisation', await this.directory.organisationLeads(me, odsCode));
  }
}
