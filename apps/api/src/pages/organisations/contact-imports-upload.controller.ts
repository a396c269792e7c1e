import { Controller, Param, Post, Req, Res, UploadedFile, UseFilters } from '@nestjs/common';
import type { Response } from 'express';
import { AuthUser, Can, CurrentUser, Permission } from '@dasv/auth';
import { AppError, decodeCsvFile } from '@dasv/common';
import {
  AdminInvitationImportService,
  OrganisationContactErrorReason,
  organisationContactError,
  OrganisationContactImportService,
} from '@dasv/organisation-contacts';
import { CSV_FIELD, CsvUpload } from '../learners/csv-upload';
import { fileProblems, rowProblemsOf } from '../learners/learner-forms';
import { PageRequest } from '../shared/flash';
import { PagesExceptionFilter } from '../shared/pages-exception.filter';
import { PageRendererService } from '../shared/page-renderer.service';
import { importKindOf, importPath } from './contact-pages';
import { uploadPage } from './organisation-contacts.controller';

type UploadedCsv = { buffer: Buffer; size: number } | undefined;

const ROW_REASONS = [OrganisationContactErrorReason.ImportInvalid, OrganisationContactErrorReason.InvitationImportInvalid];

/**
 * The file's upload: checked in full (nothing written), then kept in the session for the
 * check-your-answers page. Not a @PageController, for the same reason as the staff-list upload:
 * CsvUpload checks the form token once multer has read the multipart body.
 */
@Controller()
@UseFilters(PagesExceptionFilter)
export class ContactImportsUploadController {
  constructor(
    private readonly pages: PageRendererService,
    private readonly contactImports: OrganisationContactImportService,
    private readonly invitationImports: AdminInvitationImportService,
  ) {}

  @Post('contact-imports/:kind')
  @Can(Permission.ContactImport)
  @CsvUpload()
  async upload(@CurrentUser() me: AuthUser, @Param('kind') kindText: string, @UploadedFile() file: UploadedCsv, @Req() req: PageRequest, @Res() res: Response) {
    const kind = importKindOf(kindText);
    try {
      if (!file || file.size === 0)
        throw organisationContactError('CsvUnreadable', 'Choose a CSV file to upload.', { [CSV_FIELD]: ['Choose a CSV file to upload'] });
      const csv = decodeCsvFile(file.buffer);
      if (kind === 'contacts') await this.contactImports.preview(me, csv);
      else await this.invitationImports.preview(me, csv);
      req.session.contactImport = { kind, csv };
      res.redirect(303, importPath(kind, '/check'));
    } catch (error) {
      // Every bad row listed on the upload page itself, with the file box to try again.
      const errors =
        fileProblems(error, ROW_REASONS) ??
        (error instanceof AppError && error.reason === OrganisationContactErrorReason.CsvUnreadable
          ? { summary: [{ text: error.message, href: `#${CSV_FIELD}` }], fields: { [CSV_FIELD]: error.message } }
          : null);
      if (!errors) throw error;
      return this.pages.render(res, 'organisations/import-upload', { ...uploadPage(kind), errors, problems: rowProblemsOf(errors) }, 400);
    }
  }
}
