import { Get, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Public } from '@dasv/auth';
import { PageController } from '../shared/page-controller.decorator';
import { PageRendererService } from '../shared/page-renderer.service';

@PageController()
export class HomeController {
  constructor(private readonly pages: PageRendererService) {}

  @Get()
  @Public()
  home(@Res() res: Response) {
    return this.pages.render(res, 'home/index');
  }
}
