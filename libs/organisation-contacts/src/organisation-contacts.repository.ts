import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { OrganisationContactRole } from './contact-role';

export interface StoredContact {
  id: string;
  organisationId: string;
  role: OrganisationContactRole;
  name: string | null;
  email: string;
  updatedAt: Date;
}

export interface ContactWrite {
  organisationId: string;
  role: OrganisationContactRole;
  name: string | null;
  email: string;
}

const COLUMNS = `id, organisation_id AS "organisationId", role, name, email::text AS email, updated_at AS "updatedAt"`;

/** All SQL for organisation_contact, the one writer of it. */
@Injectable()
export class OrganisationContactsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The contacts of these organisations, each organisation's in the order roles are listed on pages. */
  findFor(organisationIds: readonly string[], manager?: EntityManager): Promise<StoredContact[]> {
    if (organisationIds.length === 0) return Promise.resolve([]);
    return (manager ?? this.dataSource.manager).query(
      `SELECT ${COLUMNS} FROM organisation_contact
       WHERE organisation_id = ANY($1::uuid[])
       ORDER BY organisation_id, array_position($2::text[], role)`,
      [organisationIds, Object.values(OrganisationContactRole)],
    );
  }

  /** Adds the contacts, or replaces those the organisations already have in the same roles, in one statement. */
  async upsert(manager: EntityManager, contacts: readonly ContactWrite[], userId: string): Promise<StoredContact[]> {
    if (contacts.length === 0) return [];
    return manager.query(
      `INSERT INTO organisation_contact (organisation_id, role, name, email, updated_by_id)
       SELECT c.organisation_id, c.role, c.name, c.email, $5
       FROM unnest($1::uuid[], $2::text[], $3::text[], $4::citext[]) AS c(organisation_id, role, name, email)
       ON CONFLICT (organisation_id, role) DO UPDATE
         SET name = EXCLUDED.name, email = EXCLUDED.email, updated_by_id = EXCLUDED.updated_by_id, updated_at = now()
       RETURNING ${COLUMNS}`,
      [contacts.map((c) => c.organisationId), contacts.map((c) => c.role), contacts.map((c) => c.name), contacts.map((c) => c.email), userId],
    );
  }

  /** Removes these contacts; answers those there were. */
  async remove(manager: EntityManager, contacts: ReadonlyArray<{ organisationId: string; role: OrganisationContactRole }>): Promise<StoredContact[]> {
    if (contacts.length === 0) return [];
    const [rows] = await manager.query<[StoredContact[], number]>(
      `DELETE FROM organisation_contact o
       USING unnest($1::uuid[], $2::text[]) AS c(organisation_id, role)
       WHERE o.organisation_id = c.organisation_id AND o.role = c.role
       RETURNING o.id, o.organisation_id AS "organisationId", o.role, o.name, o.email::text AS email, o.updated_at AS "updatedAt"`,
      [contacts.map((c) => c.organisationId), contacts.map((c) => c.role)],
    );
    return rows;
  }
}
