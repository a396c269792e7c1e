import { Injectable } from '@nestjs/common';
import type { Response } from 'express';
import nunjucks from 'nunjucks';
import { join } from 'node:path';
import { AppConfig, projectRoot } from '@dasv/config';
import { AccessService, AuthUser, Permission, Role, ROLE_ORGANISATION_TYPES, UserAccountsService } from '@dasv/auth';
import { OrganisationType } from '@dasv/organisations';
import { ROLE_LABELS } from '@dasv/users';
import { csrfTokenOf } from './csrf.guard';
import { Flash, PageRequest } from './flash';

const ORGANISATION_TYPE_LABELS: Record<OrganisationType, string> = {
  [OrganisationType.NATIONAL]: 'National',
  [OrganisationType.REGION]: 'Region',
  [OrganisationType.ICB]: 'Integrated care board',
  [OrganisationType.TRUST]: 'Trust',
};

const ORGANISATION_PLACES: Record<OrganisationType, string> = {
  [OrganisationType.NATIONAL]: 'NHS England',
  [OrganisationType.REGION]: 'a region',
  [OrganisationType.ICB]: 'an ICB',
  [OrganisationType.TRUST]: 'a trust',
};

export function viewsDirectory(): string {
  return join(projectRoot(), 'apps', 'api', 'views');
}

/** Nunjucks over our templates and NHS.UK frontend's, so `{% from "nhsuk/components/…/macro.njk" %}` works. */
export function createViewEnvironment(watch: boolean): nunjucks.Environment {
  const loader = new nunjucks.FileSystemLoader([viewsDirectory(), join(projectRoot(), 'node_modules', 'nhsuk-frontend', 'dist')], { noCache: watch });
  const env = new nunjucks.Environment(loader, { autoescape: true, throwOnUndefined: false });
  env.addFilter('roleLabel', (role: Role) => sentenceCase(ROLE_LABELS[role] ?? role));
  env.addFilter('organisationTypeLabel', (type: OrganisationType) => ORGANISATION_TYPE_LABELS[type] ?? type);
  env.addFilter(
    'roleWhere',
    (role: Role) => `Held at ${listInWords((ROLE_ORGANISATION_TYPES[role] ?? []).map((type) => ORGANISATION_PLACES[type as OrganisationType]))}`,
  );
  return env;
}

function listInWords(items: string[]): string {
  return items.length > 1 ? `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}` : (items[0] ?? '');
}

function sentenceCase(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Renders a page with what every page shows: the signed-in person, the navigation, a form token and any flash. */
@Injectable()
export class PageRendererService {
  private readonly env: nunjucks.Environment;

  constructor(
    config: AppConfig,
    private readonly access: AccessService,
    private readonly users: UserAccountsService,
  ) {
    // Re-read templates on every request only while developing; in production and tests compile once.
    this.env = createViewEnvironment(!config.isProduction && !config.isTest);
  }

  private holds(user: AuthUser | null | undefined, permission: Permission): boolean {
    return user ? this.access.rolesFor(user, permission).length > 0 : false;
  }

  async render(res: Response, template: string, context: object = {}, status = 200): Promise<void> {
    const req = res.req as PageRequest;
    const user = await this.currentUser(req);
    const flash = Flash.take(req);
    const html = this.env.render(`${template}.njk`, {
      user,
      // What the navigation offers follows the same role → permission map the guard enforces.
      can: {
        invite: this.holds(user, Permission.UserInvite),
        readUsers: this.holds(user, Permission.UserRead),
        readNominations: this.holds(user, Permission.NominationRead),
        readDirectory: this.holds(user, Permission.DirectoryRead),
        readLearningReports: this.holds(user, Permission.LearningReportRead),
        manageLearners: this.holds(user, Permission.LearnerManage),
        authorCourses: this.holds(user, Permission.CourseAuthor),
        readAudit: this.holds(user, Permission.AuditRead),
      },
      currentPath: req.path,
      // A function, so that a session (and its cookie) is only made for pages that carry a form.
      csrfToken: () => csrfTokenOf(req),
      errors: flash?.errors ?? { summary: [], fields: {} },
      values: flash?.values ?? {},
      notice: flash?.notice,
      ...context,
    });
    // Pages carry personal data and form tokens: never let a shared cache or the back button keep them.
    res.status(status).setHeader('Cache-Control', 'no-store').type('html').send(html);
  }

  /**
   * PostgreSQL or Redis is down: the NHS.UK page saying so, shown as signed out because who is
   * signed in cannot be looked up, with Retry-After for anything that retries by itself.
   */
  async renderUnavailable(res: Response): Promise<void> {
    (res.req as PageRequest).user = null;
    res.setHeader('Retry-After', '30');
    return this.render(res, 'errors/service-unavailable', {}, 503);
  }

  /**
   * The guard has already loaded the caller for every routed request; a request no route matched
   * (a 404) never met the guard, and its header should still show who is signed in.
   */
  private async currentUser(req: PageRequest): Promise<AuthUser | null> {
    if (req.user === undefined) {
      const userId = req.session?.userId;
      req.user = userId ? await this.users.loadAuthUser(userId) : null;
    }
    return req.user ?? null;
  }
}
