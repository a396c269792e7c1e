import { Get, Res } from '@nestjs/common';
import type { Response } from 'express';
import { AuthUser, CurrentUser, Public } from '@dasv/auth';
import { PageController } from '../shared/page-controller.decorator';
import { PageRendererService } from '../shared/page-renderer.service';
import { HomeView } from './home.view';

@PageController()
export class HomeController {
  constructor(
    private readonly pages: PageRendererService,
    private readonly view: HomeView,
  ) {}

  /** Signed out: what the service is and the ways in. Signed in: what needs the person's attention, then everything they can do. */
  @Get()
  @Public()
  async home(@CurrentUser() me: AuthUser | undefined, @Res() res: Response) {
    return this.pages.render(res, 'home/index', { attention: me ? await this.view.attention(me) : [] });
  }
}
