import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { inViewerScope, positionalParameters, Viewer } from '@dasv/auth';

export interface ExistingAccount {
  id: string;
  email: string;
  organisationId: string;
  hasPassword: boolean;
  isActive: boolean;
  /** Whether the account's organisation lies in the viewer's scope. */
  inScope: boolean;
}

/** Accounts looked up by e-mail for a file of people: one query whatever the number of rows. */
@Injectable()
export class LearnerAccountsRepository {
  /**
   * The accounts among `emails` (compared case-insensitively, as app_user.email is citext), keyed
   * by lower-cased address, each saying whether it lies in the viewer's scope.
   */
  async findByEmails(manager: EntityManager, emails: readonly string[], viewer: Viewer): Promise<Map<string, ExistingAccount>> {
    if (emails.length === 0) return new Map();
    const params: unknown[] = [emails];
    const rows: Array<{ id: string; email: string; organisation_id: string; has_password: boolean; is_active: boolean; in_scope: boolean }> =
      await manager.query(
        `SELECT u.id, u.email, u.organisation_id, u.password_hash IS NOT NULL AS has_password, u.is_active,
              ${inViewerScope(viewer, 'u.organisation_id', positionalParameters(params))} AS in_scope
       FROM app_user u WHERE u.email = ANY($1::citext[])`,
        params,
      );
    return new Map(
      rows.map((r) => [
        r.email.toLowerCase(),
        { id: r.id, email: r.email, organisationId: r.organisation_id, hasPassword: r.has_password, isActive: r.is_active, inScope: r.in_scope },
      ]),
    );
  }
}
