import { DataSource, EntityManager } from 'typeorm';
import { newVerificationCode } from '@dasv/certificates';
import { CompletionRecorderService, CompletionSource } from '@dasv/completions';
import { SEEDED_COURSE_SLUG } from './course-completion-journey';
import { Db, nextSequence, seededOrganisation } from './factories';

function managerOf(db: Db): EntityManager {
  return db instanceof DataSource ? db.manager : db;
}

// --- Courses -------------------------------------------------------------------------------------

export interface SeededCourse {
  id: string;
  slug: string;
  /** The published version's. */
  title: string;
  versionId: string;
  versionNumber: number;
  passMarkPercent: number;
  assessmentSize: number;
  /** The published version's pages in course order, each with its module and knowledge checks. */
  pages: Array<{ id: string; moduleId: string; checks: Array<{ id: string; correctOptionIds: string[] }> }>;
}

/** A course the seed publishes (default the one the project ships), as its published version has it. */
export async function seededCourse(db: Db, slug = SEEDED_COURSE_SLUG): Promise<SeededCourse> {
  const [course] = await db.query(
    `SELECT c.id, c.slug, v.title, v.id AS "versionId", v.number AS "versionNumber", v.pass_mark_percent AS "passMarkPercent", v.assessment_size AS "assessmentSize"
     FROM course c JOIN course_version v ON v.course_id = c.id AND v.status = 'PUBLISHED'
     WHERE c.slug = $1`,
    [slug],
  );
  if (!course) throw new Error(`factory: no published course ${slug}`);
  const pages = await db.query(
    `SELECT p.id, m.id AS "moduleId",
            COALESCE((SELECT json_agg(json_build_object(
                        'id', k.id,
                        'correctOptionIds', (SELECT COALESCE(json_agg(o->>'id'), '[]'::json) FROM jsonb_array_elements(k.options) o WHERE (o->>'correct')::boolean))
                      ORDER BY k.position)
                      FROM knowledge_check k WHERE k.page_id = p.id), '[]'::json) AS checks
     FROM course_module m JOIN course_page p ON p.module_id = m.id
     WHERE m.version_id = $1
     ORDER BY m.position, p.position`,
    [course.versionId],
  );
  return { ...course, pages };
}

// --- Enrolments and progress ---------------------------------------------------------------------

export interface EnrolmentSpec {
  /** The learner: their account and the organisation their start counts for. */
  user: { id: string; organisationId: string };
  slug?: string;
  startedAt?: Date;
  /** Pages read from the start, every knowledge check answered right: a number, or 'all'. Default none. */
  pagesCompleted?: number | 'all';
  timeSpentSeconds?: number;
}

export interface TestEnrolment {
  id: string;
  courseId: string;
  versionId: string;
  completedPageIds: string[];
}

/**
 * A learner's enrolment on the published version, with their first pages read, as starting the course
 * and saving those pages leaves it; the start is counted for their organisation, as starting does.
 */
export async function newEnrolment(db: Db, spec: EnrolmentSpec): Promise<TestEnrolment> {
  const course = await seededCourse(db, spec.slug);
  const startedAt = spec.startedAt ?? new Date();
  const count = spec.pagesCompleted === 'all' ? course.pages.length : Math.min(spec.pagesCompleted ?? 0, course.pages.length);
  const completed = course.pages.slice(0, count);
  const perPage = completed.length ? Math.floor((spec.timeSpentSeconds ?? 30 * completed.length) / completed.length) : 0;
  const current = course.pages[Math.min(count, course.pages.length - 1)]?.id ?? null;
  const [enrolment] = await db.query(
    `INSERT INTO course_enrolment (user_id, course_id, version_id, started_at, last_active_at, current_page_id, time_spent_seconds)
     VALUES ($1, $2, $3, $4, $4, $5, $6) RETURNING id`,
    [spec.user.id, course.id, course.versionId, startedAt, current, perPage * completed.length],
  );
  if (completed.length) {
    await db.query(
      `INSERT INTO page_progress (enrolment_id, page_id, answers, time_spent_seconds, completed_at, updated_at)
       SELECT $1, page_id, answers, $4, $5, $5 FROM unnest($2::uuid[], $3::jsonb[]) AS p(page_id, answers)`,
      [
        enrolment.id,
        completed.map((p) => p.id),
        completed.map((p) => JSON.stringify(Object.fromEntries(p.checks.map((c) => [c.id, c.correctOptionIds])))),
        perPage,
        startedAt,
      ],
    );
  }
  await new CompletionRecorderService().recordStart(managerOf(db), { organisationId: spec.user.organisationId, courseId: course.id, now: startedAt });
  return { id: enrolment.id, courseId: course.id, versionId: course.versionId, completedPageIds: completed.map((p) => p.id) };
}

// --- Completions, headcounts and certificates ----------------------------------------------------

export interface CompletionSpec {
  /** The organisation it counts for. */
  odsCode: string;
  completedAt: Date;
  /** Default an address nobody else in the file has: someone without an account, as imports bring. */
  email?: string;
  userId?: string | null;
  slug?: string;
  /** Default ELFH (an imported completion); PLATFORM for one passed here. */
  source?: CompletionSource;
}

/**
 * Completions recorded the one way the application records them (CompletionRecorderService): a person is
 * counted once per course, and their organisation's counters move in the same statement. Returns how
 * many were newly counted.
 */
export async function newCompletions(db: Db, completions: readonly CompletionSpec[]): Promise<number> {
  const courses = new Map<string, SeededCourse>();
  const organisations = new Map<string, string>();
  for (const c of completions) {
    const slug = c.slug ?? SEEDED_COURSE_SLUG;
    if (!courses.has(slug)) courses.set(slug, await seededCourse(db, slug));
    if (!organisations.has(c.odsCode)) organisations.set(c.odsCode, (await seededOrganisation(db, c.odsCode)).id);
  }
  return new CompletionRecorderService().record(
    managerOf(db),
    completions.map((c) => {
      const course = courses.get(c.slug ?? SEEDED_COURSE_SLUG)!;
      const source = c.source ?? CompletionSource.ELFH;
      return {
        courseId: course.id,
        email: c.email ?? `completed${nextSequence()}.${process.pid}@nhs.net`,
        userId: c.userId ?? null,
        organisationId: organisations.get(c.odsCode)!,
        versionId: source === CompletionSource.PLATFORM ? course.versionId : null,
        completedAt: c.completedAt,
        source,
      };
    }),
  );
}

/** Staff in post, as a staff list upload or an administrator sets it. */
export async function newHeadcount(db: Db, odsCode: string, headcount: number, source: 'ADMIN' | 'STAFF_LIST' = 'ADMIN'): Promise<void> {
  const organisation = await seededOrganisation(db, odsCode);
  await db.query(
    `INSERT INTO organisation_headcount (organisation_id, headcount, source, updated_at) VALUES ($1, $2, $3, now())
     ON CONFLICT (organisation_id) DO UPDATE SET headcount = EXCLUDED.headcount, source = EXCLUDED.source, updated_at = EXCLUDED.updated_at`,
    [organisation.id, headcount, source],
  );
}

export interface CertificateSpec {
  user: { id: string };
  completedAt: Date;
  issuedAt?: Date;
  slug?: string;
  verificationCode?: string;
}

export interface TestCertificate {
  id: string;
  verificationCode: string;
  learnerName: string;
  courseTitle: string;
  versionNumber: number;
  completedAt: Date;
}

/** A learner's certificate of the published version, naming them and the course as they are now. */
export async function newCertificate(db: Db, spec: CertificateSpec): Promise<TestCertificate> {
  const course = await seededCourse(db, spec.slug);
  const [row] = await db.query(
    `INSERT INTO certificate (verification_code, user_id, course_id, version_id, learner_name, course_title, version_number, completed_at, issued_at)
     SELECT $1, u.id, v.course_id, v.id, u.name, v.title, v.number, $4, $5
     FROM app_user u JOIN course_version v ON v.id = $3
     WHERE u.id = $2
     RETURNING id, verification_code AS "verificationCode", learner_name AS "learnerName", course_title AS "courseTitle", version_number AS "versionNumber", completed_at AS "completedAt"`,
    [spec.verificationCode ?? newVerificationCode(), spec.user.id, course.versionId, spec.completedAt, spec.issuedAt ?? spec.completedAt],
  );
  if (!row) throw new Error(`factory: no user ${spec.user.id}`);
  return row;
}
