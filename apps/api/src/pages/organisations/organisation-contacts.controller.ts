import { Body, Get, HttpStatus, Param, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { AuthUser, Can, CurrentUser, Permission } from '@dasv/auth';
import { plural } from '@dasv/common';
import {
  ADMIN_INVITATIONS_FILE_HEADER,
  AdminInvitationImportService,
  CONTACT_ROLE_LABELS,
  CONTACTS_FILE_HEADER,
  OrganisationContactBookService,
  OrganisationContactImport,
  OrganisationContactImportService,
  SetOrganisationContactInput,
} from '@dasv/organisation-contacts';
import { Flash, PageRequest } from '../shared/flash';
import { validatedInput } from '../shared/form.decorator';
import { FormSubmission } from '../shared/form-submission.interceptor';
import { PageController } from '../shared/page-controller.decorator';
import { PageRendererService } from '../shared/page-renderer.service';
import { ContactImportKind, importKindOf, importPath, organisationPath, roleOfSlug } from './contact-pages';

interface ContactParams {
  odsCode: string;
  role: string;
}

/**
 * An organisation's contacts, one page per thing: add or change one contact, remove one (after a
 * confirmation), and NHS England's loads from a file, each checked on a page before anything is written.
 */
@PageController()
export class OrganisationContactsController {
  constructor(
    private readonly pages: PageRendererService,
    private readonly book: OrganisationContactBookService,
    private readonly contactImports: OrganisationContactImportService,
    private readonly invitationImports: AdminInvitationImportService,
  ) {}

  @Get('organisations/:odsCode/contacts/:role')
  @Can(Permission.ContactManage)
  async contactForm(@CurrentUser() me: AuthUser, @Param() params: ContactParams, @Req() req: PageRequest, @Res() res: Response) {
    const role = roleOfSlug(params.role);
    const { organisation, contact } = await this.book.contactInRole(me, params.odsCode, role);
    const flash = Flash.take(req);
    return this.pages.render(res, 'organisations/contact', {
      organisation,
      roleLabel: CONTACT_ROLE_LABELS[role],
      isNew: !contact,
      values: flash?.values ?? { name: contact?.name ?? '', email: contact?.email ?? '' },
      backHref: organisationPath(organisation.odsCode),
    });
  }

  @Post('organisations/:odsCode/contacts/:role')
  @Can(Permission.ContactManage)
  @FormSubmission()
  async saveContact(
    @CurrentUser() me: AuthUser,
    @Param() params: ContactParams,
    @Body() body: { name?: unknown; email?: unknown },
    @Req() req: Request,
    @Res() res: Response,
  ) {
    const role = roleOfSlug(params.role);
    const name = typeof body.name === 'string' ? body.name : '';
    const input = await validatedInput(SetOrganisationContactInput, { organisationOdsCode: params.odsCode, role, name, email: body.email ?? '' });
    const contact = await this.book.set(me, input);
    const path = organisationPath(params.odsCode.toUpperCase());
    Flash.set(req, { path, notice: `${contact.roleLabel} contact saved: ${contact.name ? `${contact.name}, ` : ''}${contact.email}.` });
    res.redirect(303, `${path}#contacts`);
  }

  @Get('organisations/:odsCode/contacts/:role/remove')
  @Can(Permission.ContactManage)
  async removeForm(@CurrentUser() me: AuthUser, @Param() params: ContactParams, @Res() res: Response) {
    const role = roleOfSlug(params.role);
    const { organisation, contact } = await this.book.contactInRole(me, params.odsCode, role);
    if (!contact) return res.redirect(303, organisationPath(organisation.odsCode));
    return this.pages.render(res, 'organisations/contact-remove', { organisation, contact, backHref: organisationPath(organisation.odsCode) });
  }

  @Post('organisations/:odsCode/contacts/:role/remove')
  @Can(Permission.ContactManage)
  @FormSubmission()
  async removeContact(@CurrentUser() me: AuthUser, @Param() params: ContactParams, @Req() req: Request, @Res() res: Response) {
    const role = roleOfSlug(params.role);
    const removed = await this.book.remove(me, { organisationOdsCode: params.odsCode, role });
    const path = organisationPath(params.odsCode.toUpperCase());
    Flash.set(req, { path, notice: `${removed.roleLabel} contact removed (${removed.email}).` });
    res.redirect(303, `${path}#contacts`);
  }

  @Get('contact-imports/:kind')
  @Can(Permission.ContactImport)
  uploadForm(@Param('kind') kindText: string, @Res() res: Response) {
    const kind = importKindOf(kindText);
    return this.pages.render(res, 'organisations/import-upload', uploadPage(kind));
  }

  /** Check your answers: what the file will do, worked out again from the file kept since the upload. */
  @Get('contact-imports/:kind/check')
  @Can(Permission.ContactImport)
  async check(@CurrentUser() me: AuthUser, @Param('kind') kindText: string, @Req() req: PageRequest, @Res() res: Response) {
    const kind = importKindOf(kindText);
    const waiting = req.session.contactImport;
    if (!waiting || waiting.kind !== kind) return res.redirect(303, importPath(kind));
    const context =
      kind === 'contacts'
        ? { contacts: await this.contactImports.preview(me, waiting.csv) }
        : { invitations: await this.invitationImports.preview(me, waiting.csv) };
    return this.pages.render(res, 'organisations/import-check', { kind, action: importPath(kind, '/check'), changeHref: importPath(kind), ...context });
  }

  @Post('contact-imports/:kind/check')
  @Can(Permission.ContactImport)
  async apply(@CurrentUser() me: AuthUser, @Param('kind') kindText: string, @Req() req: PageRequest, @Res() res: Response) {
    const kind = importKindOf(kindText);
    const waiting = req.session.contactImport;
    if (!waiting || waiting.kind !== kind) return res.redirect(303, importPath(kind));
    const done = kind === 'contacts' ? contactsDone(await this.contactImports.apply(me, waiting.csv)) : await this.invitationsDone(me, waiting.csv);
    delete req.session.contactImport;
    const path = importPath(kind, '/done');
    Flash.set(req, { path, data: done });
    res.redirect(303, path);
  }

  @Get('contact-imports/:kind/done')
  @Can(Permission.ContactImport)
  done(@Param('kind') kindText: string, @Req() req: PageRequest, @Res() res: Response) {
    const kind = importKindOf(kindText);
    const flash = Flash.take(req);
    // Reloaded or reached by hand: nothing was just done here, so start again.
    if (!flash?.data) return res.redirect(303, importPath(kind));
    return this.pages.render(res, 'organisations/import-done', { kind, ...flash.data, againHref: importPath(kind) }, HttpStatus.OK);
  }

  private async invitationsDone(me: AuthUser, csv: string): Promise<Record<string, string>> {
    const result = await this.invitationImports.apply(me, csv);
    return {
      title: 'Administrators invited',
      body: `${plural(result.granted, 'person is', 'people are')} now organisation administrators at ${plural(result.organisations, 'organisation', 'organisations')}.`,
      next: `${plural(result.invited, 'person has', 'people have')} been e-mailed an invitation to set a password; the link lasts a few days. People who already had an account can sign in as they do now. Their organisations are reachable from now on: returns and reminders go to them.`,
    };
  }
}

function contactsDone(result: OrganisationContactImport): Record<string, string> {
  return {
    title: 'Contacts loaded',
    body: `${plural(result.added.length, 'contact', 'contacts')} added, ${result.changed.length} changed and ${result.removed.length} removed, at ${plural(result.organisations, 'organisation', 'organisations')}.`,
    next: 'From now on, an organisation with no administrator is written to at its contacts: returns, reminders and chasing reach them.',
  };
}

function uploadPage(kind: ContactImportKind) {
  return kind === 'contacts'
    ? {
        kind,
        title: 'Load organisation contacts',
        header: CONTACTS_FILE_HEADER,
        columns: [
          ['ODS code', 'the organisation’s code, for example RJ1'],
          ['Contact role', 'Chief executive’s office, Chief executive, Chief people officer or DASV lead office'],
          ['Name', 'the person’s name (needed for a chief executive or chief people officer)'],
          ['Email', 'their e-mail address'],
        ],
        explanation:
          'For each organisation in the file, its rows become its contacts: a role listed is added or changed, and a role not listed for it is removed. Organisations not in the file are left as they are.',
        buttonText: 'Upload and check',
        action: importPath(kind),
      }
    : {
        kind,
        title: 'Invite organisation administrators',
        header: ADMIN_INVITATIONS_FILE_HEADER,
        columns: [
          ['ODS code', 'the organisation’s code, for example RJ1'],
          ['Name', 'the person’s name'],
          ['Email', 'their e-mail address'],
        ],
        explanation:
          'Each person becomes an administrator of the organisation. Anyone who has not set a password yet is e-mailed an invitation, the same one as when you invite someone on the invitation page.',
        buttonText: 'Upload and check',
        action: importPath(kind),
      };
}

export { uploadPage };
