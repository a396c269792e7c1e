import { Get, Res } from '@nestjs/common';
import type { Response } from 'express';
import { AuthUser, CurrentUser } from '@dasv/auth';
import { AccountView } from './account.view';
import { PageController } from '../shared/page-controller.decorator';
import { PageRendererService } from '../shared/page-renderer.service';

@PageController()
export class AccountController {
  constructor(
    private readonly pages: PageRendererService,
    private readonly accounts: AccountView,
  ) {}

  /** Any signed-in person may see their own account; no permission beyond being signed in. */
  @Get('account')
  async account(@CurrentUser() me: AuthUser, @Res() res: Response) {
    return this.pages.render(res, 'account/index', { account: await this.accounts.summaryOf(me) });
  }
}
