import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Certificate } from './entities/certificate.entity';

/** The certificate's columns under their entity names, for raw statements (RETURNING included). */
const COLUMNS = `c.id, c.verification_code AS "verificationCode", c.user_id AS "userId", c.course_id AS "courseId",
  c.version_id AS "versionId", c.learner_name AS "learnerName", c.course_title AS "courseTitle",
  c.version_number AS "versionNumber", c.completed_at AS "completedAt", c.issued_at AS "issuedAt"`;

/** A row selecting COLUMNS (and perhaps more), as node-postgres returns it. */
type CertificateRow = Record<string, unknown>;

export interface CertificateToIssue {
  verificationCode: string;
  userId: string;
  courseId: string;
  versionId: string;
  completedAt: Date;
  issuedAt: Date;
}

/** A certificate with the slug of its course, which links to it are made of. */
export type CertificateWithSlug = Certificate & { slug: string };

/** Where the certificates zip continues from: the last learner written, in the order of the index. */
export interface LearnerKey {
  name: string;
  userId: string;
}

@Injectable()
export class CertificatesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Copies the learner's name and the version's title and number as they are now. Inserts nothing
   * (null) if the learner already has a certificate for the course, or if the drawn code is taken:
   * without a conflict target, ON CONFLICT covers both unique keys, so neither aborts the caller's
   * completing transaction.
   */
  async insertUnlessConflicting(manager: EntityManager, row: CertificateToIssue): Promise<Certificate | null> {
    const [inserted] = await manager.query<CertificateRow[]>(
      `INSERT INTO certificate AS c (verification_code, user_id, course_id, version_id, learner_name, course_title, version_number, completed_at, issued_at)
       SELECT $1, u.id, v.course_id, v.id, u.name, v.title, v.number, $5, $6
       FROM app_user u JOIN course_version v ON v.id = $3 AND v.course_id = $4
       WHERE u.id = $2
       ON CONFLICT DO NOTHING
       RETURNING ${COLUMNS}`,
      [row.verificationCode, row.userId, row.versionId, row.courseId, row.completedAt, row.issuedAt],
    );
    return inserted ? toCertificate(inserted) : null;
  }

  async findByUserAndCourse(manager: EntityManager, userId: string, courseId: string): Promise<Certificate | null> {
    const [row] = await manager.query<CertificateRow[]>(`SELECT ${COLUMNS} FROM certificate c WHERE c.user_id = $1 AND c.course_id = $2`, [userId, courseId]);
    return row ? toCertificate(row) : null;
  }

  async isCodeTaken(manager: EntityManager, verificationCode: string): Promise<boolean> {
    const rows = await manager.query<unknown[]>(`SELECT 1 FROM certificate WHERE verification_code = $1`, [verificationCode]);
    return rows.length > 0;
  }

  async findByCode(verificationCode: string): Promise<Certificate | null> {
    const [row] = await this.dataSource.query<CertificateRow[]>(`SELECT ${COLUMNS} FROM certificate c WHERE c.verification_code = $1`, [verificationCode]);
    return row ? toCertificate(row) : null;
  }

  /** Undefined when no course has the slug; null when the course exists and the user has no certificate for it. */
  async findOwnByCourseSlug(userId: string, slug: string): Promise<CertificateWithSlug | null | undefined> {
    const [row] = await this.dataSource.query<CertificateRow[]>(
      `SELECT co.slug, ${COLUMNS}
       FROM course co LEFT JOIN certificate c ON c.course_id = co.id AND c.user_id = $1
       WHERE co.slug = $2`,
      [userId, slug],
    );
    if (!row) return undefined;
    return row.id ? Object.assign(toCertificate(row), { slug: row.slug as string }) : null;
  }

  /** The organisations at or below `ancestorId` with at least one learner holding a certificate, by ODS code. */
  async organisationsWithCertificatesWithin(ancestorId: string): Promise<Array<{ id: string; odsCode: string }>> {
    return this.dataSource.query(
      `SELECT o.id, o.ods_code AS "odsCode"
       FROM organisation_ancestor a JOIN organisation o ON o.id = a.descendant_id
       WHERE a.ancestor_id = $1
         AND EXISTS (SELECT 1 FROM app_user u JOIN certificate c ON c.user_id = u.id WHERE u.organisation_id = o.id)
       ORDER BY o.ods_code`,
      [ancestorId],
    );
  }

  /**
   * The certificates of the next `limit` learners of one organisation holding any, by name. Paging by
   * learner follows app_user's (organisation_id, name, id) index, so a page costs the same at the
   * end of a 30,000-strong trust as at its start.
   */
  async pageForOrganisation(organisationId: string, after: LearnerKey | null, limit: number): Promise<Array<Certificate & { learner: LearnerKey }>> {
    const rows: Array<Record<string, unknown>> = await this.dataSource.query(
      `SELECT ${COLUMNS}, u.name AS "keyName"
       FROM (
         SELECT u.id, u.name FROM app_user u
         WHERE u.organisation_id = $1 ${after ? 'AND (u.name, u.id) > ($3, $4::uuid)' : ''}
           AND EXISTS (SELECT 1 FROM certificate c WHERE c.user_id = u.id)
         ORDER BY u.name, u.id
         LIMIT $2
       ) u
       JOIN certificate c ON c.user_id = u.id
       ORDER BY u.name, u.id, c.course_id`,
      after ? [organisationId, limit, after.name, after.userId] : [organisationId, limit],
    );
    return rows.map((row) => Object.assign(toCertificate(row), { learner: { name: row.keyName as string, userId: row.userId as string } }));
  }
}

function toCertificate(row: CertificateRow): Certificate {
  return Object.assign(new Certificate(), {
    id: row.id,
    verificationCode: row.verificationCode,
    userId: row.userId,
    courseId: row.courseId,
    versionId: row.versionId,
    learnerName: row.learnerName,
    courseTitle: row.courseTitle,
    versionNumber: row.versionNumber,
    completedAt: row.completedAt,
    issuedAt: row.issuedAt,
  });
}
