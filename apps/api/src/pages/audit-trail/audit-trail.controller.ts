import { Get, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { AuthUser, Can, CurrentUser, Permission } from '@dasv/auth';
import { PageController } from '../shared/page-controller.decorator';
import { PageRendererService } from '../shared/page-renderer.service';
import { AuditTrailPageQuery } from './audit-trail-page.query';
import { AuditTrailView } from './audit-trail.view';

/** Who did what, newest first, for administrators of a region, an ICB or the whole country. */
@PageController()
export class AuditTrailController {
  constructor(
    private readonly pages: PageRendererService,
    private readonly view: AuditTrailView,
  ) {}

  @Get('admin/audit')
  @Can(Permission.AuditRead)
  async index(@CurrentUser() me: AuthUser, @Query() query: AuditTrailPageQuery, @Res() res: Response) {
    const page = await this.view.page(me, query);
    return this.pages.render(res, 'audit-trail/index', page, page.errors.summary.length ? 400 : 200);
  }
}
