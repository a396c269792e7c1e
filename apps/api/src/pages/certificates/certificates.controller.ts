import { Get, Param, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { AuthUser, Can, CurrentUser, Permission, Public } from '@dasv/auth';
import { CertificateArchiveService, CertificateCourseArgs, MyCertificatesService } from '@dasv/certificates';
import { OrganisationArgs } from '@dasv/organisations';
import { PageController } from '../shared/page-controller.decorator';
import { PageRendererService } from '../shared/page-renderer.service';
import { CertificateVerificationView } from './certificate-verification.view';

@PageController()
export class CertificatesController {
  constructor(
    private readonly pages: PageRendererService,
    private readonly mine: MyCertificatesService,
    private readonly verification: CertificateVerificationView,
    private readonly archives: CertificateArchiveService,
  ) {}

  // Signed in, no @Can: the service only ever finds the caller's own certificate.
  @Get('training/courses/:slug/certificate.pdf')
  async download(@CurrentUser() me: AuthUser, @Param() { slug }: CertificateCourseArgs, @Res() res: Response) {
    const file = await this.mine.download(me, slug);
    res.status(200).setHeader('Cache-Control', 'no-store').attachment(file.filename).type('application/pdf').send(file.content);
  }

  @Get('certificates/verify')
  @Public()
  async verify(@Query('code') code: unknown, @Req() req: Request, @Res() res: Response) {
    const page = await this.verification.page(code, req.ip ?? 'unknown');
    return this.pages.render(res, 'certificates/verify', page.context, page.status);
  }

  @Get('training/reports/:odsCode/certificates.zip')
  @Can(Permission.LearningReportRead)
  async organisationCertificates(@CurrentUser() me: AuthUser, @Param() { odsCode }: OrganisationArgs, @Res() res: Response) {
    const archive = await this.archives.forOrganisation(me, odsCode);
    res.status(200).setHeader('Cache-Control', 'no-store').attachment(archive.filename).type('application/zip');
    await archive.writeTo(res);
  }
}
