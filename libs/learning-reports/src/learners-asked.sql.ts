/**
 * The one definition of "asked to take the course and not completed it", shared by the list of
 * learners not completed, its count and the reminders, so that "5 have not completed" lists 5 and
 * reminds no one else. `u` is app_user; `org` and `course` are SQL placeholders such as `$1`.
 *
 * Asked means a learner role (a staff list, an invitation or self-registration gave it) or an
 * enrolment on the course: an administrator or lead is someone's learner only if they started it.
 */
export function askedAndNotCompleted(org: string, course: string): string {
  return `u.organisation_id = ${org} AND u.is_active
  AND (EXISTS (SELECT 1 FROM role_assignment ra WHERE ra.user_id = u.id AND ra.role = 'LEARNER')
       OR EXISTS (SELECT 1 FROM course_enrolment ce WHERE ce.user_id = u.id AND ce.course_id = ${course}))
  AND NOT EXISTS (SELECT 1 FROM learner_completion lc WHERE lc.course_id = ${course} AND lc.email = u.email)`;
}

/**
 * When the person was first asked: their earliest learner role, or their start on the course if
 * that came first (LEAST ignores whichever is missing).
 */
export function askedAt(course: string): string {
  return `LEAST(
    (SELECT min(ra.created_at) FROM role_assignment ra WHERE ra.user_id = u.id AND ra.role = 'LEARNER'),
    (SELECT ce.started_at FROM course_enrolment ce WHERE ce.user_id = u.id AND ce.course_id = ${course}))`;
}
