import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Role } from '@dasv/auth';

export interface OrganisationRecipients {
  organisationId: string;
  /** Addresses to write to: the organisation's active ORG_ADMINs, else all its contacts; empty = unreachable. */
  emails: string[];
}

export interface AdminRecipient {
  userId: string;
  email: string;
  name: string;
  /** The organisations (among those asked about) this person administers. */
  organisationIds: string[];
}

/**
 * Who to write to about an organisation, worked out for many organisations in one query. The rule:
 * its active organisation administrators (ORG_ADMIN held there by an active account); when it has
 * none, every contact it has in organisation_contact (the chief executive's office and any named
 * chief executive, chief people officer or DASV lead office), each address once; when it has neither,
 * it is unreachable. Contacts are kept by the organisation-contacts feature (its table, read here only).
 */
@Injectable()
export class OrganisationContactsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async recipientsFor(organisationIds: readonly string[], manager?: EntityManager): Promise<OrganisationRecipients[]> {
    if (organisationIds.length === 0) return [];
    const rows: Array<{ organisation_id: string; emails: string[] }> = await (manager ?? this.dataSource.manager).query(
      `SELECT o.id AS organisation_id,
              COALESCE(
                NULLIF(array_agg(DISTINCT u.email::text) FILTER (WHERE u.id IS NOT NULL), '{}'),
                (SELECT COALESCE(array_agg(DISTINCT c.email::text), '{}') FROM organisation_contact c WHERE c.organisation_id = o.id)
              ) AS emails
       FROM organisation o
       LEFT JOIN role_assignment r ON r.organisation_id = o.id AND r.role = $2
       LEFT JOIN app_user u ON u.id = r.user_id AND u.is_active
       WHERE o.id = ANY($1::uuid[])
       GROUP BY o.id`,
      [organisationIds, Role.ORG_ADMIN],
    );
    const byId = new Map(rows.map((r) => [r.organisation_id, r.emails]));
    return organisationIds.map((id) => ({ organisationId: id, emails: byId.get(id) ?? [] }));
  }

  /**
   * SQL that is true when recipientsFor would find nobody to write to for the organisation row
   * aliased `alias`: no active ORG_ADMIN and no contact. Lists and dashboards count and
   * filter with it in the database, and because it is read live, adding an admin fixes it at once.
   * Keep it the same rule as recipientsFor above.
   */
  unreachableCondition(alias: string): string {
    return `(NOT EXISTS (SELECT 1 FROM organisation_contact uc WHERE uc.organisation_id = ${alias}.id) AND NOT EXISTS (
              SELECT 1 FROM role_assignment ur JOIN app_user uu ON uu.id = ur.user_id AND uu.is_active
              WHERE ur.organisation_id = ${alias}.id AND ur.role = '${Role.ORG_ADMIN}'))`;
  }

  /**
   * Active holders of `role` at any of `organisationIds`, one entry per person with every one of
   * those organisations they hold it at, so a digest can be one e-mail per person.
   */
  async adminsAt(organisationIds: readonly string[], role: Role, manager?: EntityManager): Promise<AdminRecipient[]> {
    if (organisationIds.length === 0) return [];
    const rows: Array<{ user_id: string; email: string; name: string; organisation_ids: string[] }> = await (manager ?? this.dataSource.manager).query(
      `SELECT u.id AS user_id, u.email, u.name, array_agg(r.organisation_id ORDER BY r.organisation_id) AS organisation_ids
       FROM role_assignment r JOIN app_user u ON u.id = r.user_id AND u.is_active
       WHERE r.role = $2 AND r.organisation_id = ANY($1::uuid[])
       GROUP BY u.id ORDER BY u.email`,
      [organisationIds, role],
    );
    return rows.map((r) => ({ userId: r.user_id, email: r.email, name: r.name, organisationIds: r.organisation_ids }));
  }
}
