import { DataSource, EntityManager } from 'typeorm';
import { hash, Algorithm } from '@node-rs/argon2';
import { AuthUser, Role } from '@dasv/auth';
import { OrganisationType } from '@dasv/organisations';

/**
 * Factories for the main records, in the shape of immich's medium-test factories: each writes real
 * rows with plain SQL (so they outlive refactors of the services and repositories above the tables),
 * takes overrides for what a test cares about, defaults the rest, and returns what it wrote.
 * Organisations are never invented: tests pick real ones from the seeded hierarchy
 * (libs/organisations/data) by ODS code.
 */

/** Where factories write: the test's DataSource, or the EntityManager of a transaction. */
export type Db = DataSource | EntityManager;

export const TEST_PASSWORD = 'correct horse battery staple';
let passwordHash: Promise<string> | undefined;

/** Cheap parameters: tests create many accounts; production hashing is covered by the sign-in tests themselves. */
function testPasswordHash(): Promise<string> {
  passwordHash ??= hash(TEST_PASSWORD, { algorithm: Algorithm.Argon2id, memoryCost: 1024, timeCost: 1, parallelism: 1 });
  return passwordHash;
}

let sequence = 0;

/** A number no other record of this test file has, for names and addresses. */
export function nextSequence(): number {
  return ++sequence;
}

// --- Organisations -------------------------------------------------------------------------------

export interface SeededOrganisation {
  id: string;
  odsCode: string;
  name: string;
  type: OrganisationType;
  parentId: string | null;
  isActive: boolean;
  contactEmail: string | null;
}

const ORGANISATION_COLUMNS = `o.id, o.ods_code AS "odsCode", o.name, o.type, o.parent_id AS "parentId", o.is_active AS "isActive", (SELECT c.email::text FROM organisation_contact c WHERE c.organisation_id = o.id AND c.role = 'CHIEF_EXECUTIVE_OFFICE') AS "contactEmail"`;

/** A real organisation of the seeded hierarchy, e.g. `seededOrganisation(db, 'RJ1')` for Guy's and St Thomas'. */
export async function seededOrganisation(db: Db, odsCode: string): Promise<SeededOrganisation> {
  const [row] = await db.query(`SELECT ${ORGANISATION_COLUMNS} FROM organisation o WHERE o.ods_code = $1`, [odsCode]);
  if (!row) throw new Error(`factory: no organisation ${odsCode} in the seeded hierarchy`);
  return row;
}

/** The seeded organisations at or below `under` (default: all), of one type if given, by ODS code. */
export async function seededOrganisations(db: Db, filter: { under?: string; type?: OrganisationType } = {}): Promise<SeededOrganisation[]> {
  return db.query(
    `SELECT ${ORGANISATION_COLUMNS}
     FROM organisation o
     WHERE ($1::text IS NULL OR o.id IN (SELECT a.descendant_id FROM organisation_ancestor a JOIN organisation r ON r.id = a.ancestor_id WHERE r.ods_code = $1))
       AND ($2::text IS NULL OR o.type = $2)
     ORDER BY o.ods_code`,
    [filter.under ?? null, filter.type ?? null],
  );
}

/**
 * Changes a seeded organisation as an ODS import would (closes it), or gives it a contact address:
 * its chief executive's office (organisation_contact), null to take it away.
 */
export async function updateOrganisation(
  db: Db,
  odsCode: string,
  changes: { isActive?: boolean; closedOn?: string | null; contactEmail?: string | null },
): Promise<SeededOrganisation> {
  const [[found]] = await db.query(
    `UPDATE organisation o
     SET is_active = COALESCE($2, o.is_active),
         closed_on = CASE WHEN $3::boolean THEN $4::date ELSE o.closed_on END,
         updated_at = now()
     WHERE o.ods_code = $1
     RETURNING o.id`,
    [odsCode, changes.isActive ?? null, 'closedOn' in changes, changes.closedOn ?? null],
  );
  if (!found) throw new Error(`factory: no organisation ${odsCode} in the seeded hierarchy`);
  if (changes.contactEmail === null) {
    await db.query(`DELETE FROM organisation_contact WHERE organisation_id = $1 AND role = 'CHIEF_EXECUTIVE_OFFICE'`, [found.id]);
  } else if (changes.contactEmail !== undefined) {
    await db.query(
      `INSERT INTO organisation_contact (organisation_id, role, email) VALUES ($1, 'CHIEF_EXECUTIVE_OFFICE', $2)
       ON CONFLICT (organisation_id, role) DO UPDATE SET email = EXCLUDED.email, updated_at = now()`,
      [found.id, changes.contactEmail],
    );
  }
  return seededOrganisation(db, odsCode);
}

// --- Users ---------------------------------------------------------------------------------------

export interface UserSpec {
  email?: string;
  name?: string;
  /** Where they work (app_user.organisation_id); their roles are held here unless a grant says otherwise. */
  odsCode: string;
  roles?: Array<{ role: Role; odsCode?: string }>;
  /** false: invited but never set a password. */
  activated?: boolean;
  /** false: the account was deactivated. */
  isActive?: boolean;
  jobTitle?: string | null;
}

/** An account as the services see their caller (an AuthUser, to pass as `me`), with its password. */
export interface TestUser extends AuthUser {
  password: string;
  jobTitle: string | null;
  isActive: boolean;
}

export async function newUser(db: Db, spec: UserSpec): Promise<TestUser> {
  const n = nextSequence();
  const email = spec.email ?? `user${n}.${process.pid}@nhs.net`;
  const name = spec.name ?? `Test User ${n}`;
  const organisation = await seededOrganisation(db, spec.odsCode);
  const [user] = await db.query(
    `INSERT INTO app_user (email, name, job_title, organisation_id, password_hash, is_active) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
    [email, name, spec.jobTitle ?? null, organisation.id, spec.activated === false ? null : await testPasswordHash(), spec.isActive ?? true],
  );
  const grants = spec.roles ?? [];
  const granted: Array<{ role: Role; organisationId: string }> = grants.length
    ? await db.query(
        `INSERT INTO role_assignment (user_id, organisation_id, role)
         SELECT $1, o.id, g.role FROM unnest($2::text[], $3::text[]) AS g(ods_code, role) JOIN organisation o ON o.ods_code = g.ods_code
         RETURNING role, organisation_id AS "organisationId"`,
        [user.id, grants.map((g) => g.odsCode ?? spec.odsCode), grants.map((g) => g.role)],
      )
    : [];
  if (granted.length !== grants.length) throw new Error(`factory: a role of ${email} names an organisation that is not in the seeded hierarchy`);
  return {
    id: user.id,
    email,
    name,
    organisationId: organisation.id,
    roles: granted.map((g) => ({ role: g.role, organisationId: g.organisationId })),
    password: TEST_PASSWORD,
    jobTitle: spec.jobTitle ?? null,
    isActive: spec.isActive ?? true,
  };
}

/** The e2e tests' account factory: newUser, returning what signing in needs. */
export async function createUser(dataSource: DataSource, spec: UserSpec): Promise<{ id: string; email: string; password: string }> {
  const { id, email, password } = await newUser(dataSource, spec);
  return { id, email, password };
}

export async function countRows(dataSource: Db, table: string, where = 'true', params: unknown[] = []): Promise<number> {
  const [row] = await dataSource.query(`SELECT count(*)::int AS n FROM ${table} WHERE ${where}`, params);
  return row.n;
}
