import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { preparedQuery } from '@dasv/database';
import { User } from './entities/user.entity';
import { AuthUser } from './auth-user';
import { Role } from './roles';

@Injectable()
export class UsersRepository {
  constructor(@InjectRepository(User) private readonly users: Repository<User>) {}

  findByEmail(email: string, manager?: EntityManager): Promise<User | null> {
    return (manager?.getRepository(User) ?? this.users).findOne({ where: { email: email.trim() } });
  }

  findById(id: string, manager?: EntityManager): Promise<User | null> {
    return (manager?.getRepository(User) ?? this.users).findOne({ where: { id } });
  }

  async findByIds(ids: readonly string[]): Promise<User[]> {
    if (ids.length === 0) return [];
    return this.users.createQueryBuilder('u').where('u.id = ANY(:ids)', { ids }).getMany();
  }

  /** The caller of a request: the user and every role they hold, in one indexed query. */
  async loadAuthUser(id: string): Promise<AuthUser | null> {
    // Prepared: it runs on every signed-in request.
    const rows = await preparedQuery<{
      id: string;
      email: string;
      name: string;
      organisation_id: string;
      roles: Array<{ role: Role; organisationId: string }>;
    }>(
      this.users.manager.connection,
      'auth-load-user',
      `SELECT u.id, u.email, u.name, u.organisation_id,
                COALESCE(json_agg(json_build_object('role', r.role, 'organisationId', r.organisation_id)) FILTER (WHERE r.id IS NOT NULL), '[]') AS roles
         FROM app_user u LEFT JOIN role_assignment r ON r.user_id = u.id
         WHERE u.id = $1 AND u.is_active AND u.password_hash IS NOT NULL
         GROUP BY u.id`,
      [id],
    );
    const row = rows[0];
    return row ? { id: row.id, email: row.email, name: row.name, organisationId: row.organisation_id, roles: row.roles } : null;
  }

  async setPassword(manager: EntityManager, userId: string, passwordHash: string, name?: string): Promise<void> {
    await manager.query(`UPDATE app_user SET password_hash = $2, name = COALESCE($3, name), updated_at = now() WHERE id = $1`, [
      userId,
      passwordHash,
      name ?? null,
    ]);
  }
}
