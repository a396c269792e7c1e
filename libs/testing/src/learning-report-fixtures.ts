import { CompletionRecorderService, CompletionSource } from '@dasv/completions';
import { SEEDED_COURSE_SLUG } from './course-completion-journey';
import { TestApp } from './test-app';
import { uniqueEmail } from './nomination-fixtures';

export const SLUG = SEEDED_COURSE_SLUG;

export async function courseId(app: TestApp, slug = SLUG): Promise<string> {
  const [row] = await app.dataSource.query(`SELECT id FROM course WHERE slug = $1`, [slug]);
  return row.id;
}

export async function organisationId(app: TestApp, odsCode: string): Promise<string> {
  const [row] = await app.dataSource.query(`SELECT id FROM organisation WHERE ods_code = $1`, [odsCode]);
  if (!row) throw new Error(`no organisation ${odsCode}`);
  return row.id;
}

/** Staff in post, as a staff list upload or an administrator would have set it. */
export async function setHeadcounts(app: TestApp, headcounts: Record<string, number>): Promise<void> {
  for (const [odsCode, headcount] of Object.entries(headcounts)) {
    await app.dataSource.query(
      `INSERT INTO organisation_headcount (organisation_id, headcount, source, updated_at)
       SELECT id, $2, 'ADMIN', now() FROM organisation WHERE ods_code = $1
       ON CONFLICT (organisation_id) DO UPDATE SET headcount = EXCLUDED.headcount`,
      [odsCode, headcount],
    );
  }
}

/**
 * Completions recorded the way an import records them (CompletionRecorderService, in a transaction): people
 * with no account, credited to an organisation, on a given date.
 */
export async function recordCompletions(app: TestApp, completions: Array<{ odsCode: string; at: string; email?: string }>): Promise<void> {
  const course = await courseId(app);
  const recorder = app.api.get(CompletionRecorderService);
  const organisations = new Map<string, string>();
  for (const { odsCode } of completions) if (!organisations.has(odsCode)) organisations.set(odsCode, await organisationId(app, odsCode));
  await app.dataSource.transaction((manager) =>
    recorder.record(
      manager,
      completions.map((c) => ({
        courseId: course,
        email: c.email ?? uniqueEmail(`completed.${c.odsCode.toLowerCase()}`),
        userId: null,
        organisationId: organisations.get(c.odsCode)!,
        versionId: null,
        completedAt: new Date(c.at),
        source: CompletionSource.ELFH,
      })),
    ),
  );
}
