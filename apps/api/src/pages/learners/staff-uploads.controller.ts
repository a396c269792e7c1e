import { Controller, Param, Post, Req, Res, UploadedFile, UseFilters } from '@nestjs/common';
import type { Request, Response } from 'express';
import { AuthUser, Can, CurrentUser, Permission } from '@dasv/auth';
import { CompletionImportService, decodeCsvFile, learnersError, StaffListService } from '@dasv/learners';
import { OrganisationArgs } from '@dasv/organisations';
import { Flash, PageRequest } from '../shared/flash';
import { Form } from '../shared/form.decorator';
import { FormSubmission } from '../shared/form-submission.interceptor';
import { PagesExceptionFilter } from '../shared/pages-exception.filter';
import { CSV_FIELD, CsvUpload } from './csv-upload';
import { CompletionImportForm, fileProblems } from './learner-forms';
import { staffPath } from './staff.controller';

type UploadedCsv = { buffer: Buffer; size: number } | undefined;

function csvOf(file: UploadedCsv): string {
  if (!file || file.size === 0) throw learnersError('CsvUnreadable', 'Choose a CSV file to upload.', { [CSV_FIELD]: ['Choose a CSV file to upload'] });
  return decodeCsvFile(file.buffer);
}

/**
 * The two file uploads. Not a @PageController: its CSRF guard would run before multer has read the
 * multipart body and find no token; CsvUpload checks the same token once the body is read.
 */
@Controller()
@UseFilters(PagesExceptionFilter)
export class StaffUploadsController {
  constructor(
    private readonly staffLists: StaffListService,
    private readonly completionImports: CompletionImportService,
  ) {}

  @Post('training/staff/:odsCode/staff-list')
  @Can(Permission.LearnerManage)
  @CsvUpload()
  @FormSubmission()
  async uploadStaffList(
    @CurrentUser() me: AuthUser,
    @Param() { odsCode }: OrganisationArgs,
    @UploadedFile() file: UploadedCsv,
    @Req() req: PageRequest,
    @Res() res: Response,
  ) {
    // Checked and held, not yet uploaded: the check page says what it will do, e-mails included, before anything is written.
    const checked = await this.refusedOnForm(req, res, () => this.staffLists.check(me, { odsCode, csv: csvOf(file) }));
    if (!checked) return;
    res.redirect(303, `${staffPath(checked.organisation.odsCode)}/staff-list/check?upload=${encodeURIComponent(checked.uploadId)}`);
  }

  @Post('training/staff/:odsCode/completions')
  @Can(Permission.LearnerManage)
  @CsvUpload()
  @FormSubmission()
  async importCompletions(
    @CurrentUser() me: AuthUser,
    @Form(CompletionImportForm) form: CompletionImportForm,
    @UploadedFile() file: UploadedCsv,
    @Req() req: PageRequest,
    @Res() res: Response,
  ) {
    const result = await this.refusedOnForm(req, res, () =>
      this.completionImports.import(me, { odsCode: form.odsCode, source: form.source, csv: csvOf(file) }),
    );
    if (!result) return;
    const path = staffPath(result.organisation.odsCode);
    Flash.set(req, {
      path,
      notice: `Completions imported: ${people(result.rows, 'row', 'rows')}. ${people(result.newlyCounted, 'person', 'people')} newly counted as completed, ${people(result.alreadyCounted, 'person', 'people')} already counted.`,
    });
    res.redirect(303, path);
  }

  /** A file refused for its rows goes back to the form with every row's problem; other refusals take the usual way. */
  private async refusedOnForm<T>(req: Request, res: Response, upload: () => Promise<T>): Promise<T | null> {
    try {
      return await upload();
    } catch (error) {
      const errors = fileProblems(error);
      if (!errors) throw error;
      const body = req.body as { source?: unknown } | undefined;
      Flash.set(req, { path: req.path, errors, values: typeof body?.source === 'string' ? { source: body.source } : {} });
      res.redirect(303, req.originalUrl);
      return null;
    }
  }
}

function people(n: number, one = 'person', many = 'people'): string {
  return `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`;
}
