import { Readable } from 'node:stream';
import { Get, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { CSV_CONTENT_TYPE } from '@dasv/common';
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

  /** The filtered trail as CSV, streamed; a wrong filter goes back to the page, which says what is wrong. */
  @Get('admin/audit/export.csv')
  @Can(Permission.AuditRead)
  async export(@CurrentUser() me: AuthUser, @Query() query: AuditTrailPageQuery, @Res() res: Response) {
    const csv = await this.view.export(me, query);
    if (!csv) {
      const search = new URLSearchParams(Object.entries(query).filter((entry): entry is [string, string] => typeof entry[1] === 'string' && entry[1] !== ''));
      return res.redirect(303, `/admin/audit?${search.toString()}`);
    }
    res.status(200).setHeader('Cache-Control', 'no-store').type(CSV_CONTENT_TYPE).attachment('audit-trail.csv');
    Readable.from(csv).pipe(res);
  }
}
