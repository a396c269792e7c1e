import { DataSource } from 'typeorm';
import { hash, Algorithm } from '@node-rs/argon2';
import { Role } from '@dasv/auth';

export const TEST_PASSWORD = 'correct horse battery staple';
let passwordHash: Promise<string> | undefined;

/** Cheap parameters: tests create many accounts; production hashing is covered by the sign-in tests themselves. */
function testPasswordHash(): Promise<string> {
  passwordHash ??= hash(TEST_PASSWORD, { algorithm: Algorithm.Argon2id, memoryCost: 1024, timeCost: 1, parallelism: 1 });
  return passwordHash;
}

export interface UserSpec {
  email?: string;
  name?: string;
  odsCode: string;
  roles?: Array<{ role: Role; odsCode?: string }>;
  activated?: boolean;
}

let sequence = 0;

export async function createUser(dataSource: DataSource, spec: UserSpec): Promise<{ id: string; email: string; password: string }> {
  const n = ++sequence;
  const email = spec.email ?? `user${n}.${process.pid}@nhs.net`;
  const [org] = await dataSource.query(`SELECT id FROM organisation WHERE ods_code = $1`, [spec.odsCode]);
  if (!org) throw new Error(`factory: no organisation ${spec.odsCode}`);
  const [user] = await dataSource.query(
    `INSERT INTO app_user (email, name, organisation_id, password_hash) VALUES ($1, $2, $3, $4) RETURNING id`,
    [email, spec.name ?? `Test User ${n}`, org.id, spec.activated === false ? null : await testPasswordHash()],
  );
  for (const grant of spec.roles ?? []) {
    await dataSource.query(
      `INSERT INTO role_assignment (user_id, organisation_id, role) SELECT $1, id, $3 FROM organisation WHERE ods_code = $2`,
      [user.id, grant.odsCode ?? spec.odsCode, grant.role],
    );
  }
  return { id: user.id, email, password: TEST_PASSWORD };
}

export async function countRows(dataSource: DataSource, table: string, where = 'true', params: unknown[] = []): Promise<number> {
  const [row] = await dataSource.query(`SELECT count(*)::int AS n FROM ${table} WHERE ${where}`, params);
  return row.n;
}
