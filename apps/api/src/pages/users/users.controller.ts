import { Get, Param, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { AuthUser, Can, CurrentUser, Permission } from '@dasv/auth';
import { PageController } from '../shared/page-controller.decorator';
import { PageRendererService } from '../shared/page-renderer.service';
import { PersonParams } from './users-page.params';
import { UsersPageQuery } from './users-page.query';
import { PersonView, UsersView } from './users.view';

/** The people in the organisations an administrator looks after, and each person's page. */
@PageController()
export class UsersController {
  constructor(
    private readonly pages: PageRendererService,
    private readonly view: UsersView,
    private readonly personView: PersonView,
  ) {}

  @Get('admin/users')
  @Can(Permission.UserRead)
  async index(@CurrentUser() me: AuthUser, @Query() query: UsersPageQuery, @Res() res: Response) {
    const page = await this.view.page(me, query);
    return this.pages.render(res, 'users/index', page, page.errors.summary.length ? 400 : 200);
  }

  @Get('admin/users/:id')
  @Can(Permission.UserRead)
  async show(@CurrentUser() me: AuthUser, @Param() { id }: PersonParams, @Res() res: Response) {
    return this.pages.render(res, 'users/person', { person: await this.personView.page(me, id) });
  }
}
