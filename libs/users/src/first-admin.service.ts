import { Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { TransactionRunnerService } from '@dasv/database';
import { AuditService } from '@dasv/audit';
import { PasswordHasherService, Role } from '@dasv/auth';
import { NHS_ENGLAND, OrganisationsService } from '@dasv/organisations';
import { UserDirectoryRepository } from './user-directory.repository';

export interface FirstAdmin {
  email: string;
  password: string;
}

/**
 * A fresh installation needs one national admin to invite everyone else. Created only while no
 * national admin exists; its password is generated, shown once, and never stored in clear.
 */
@Injectable()
export class FirstAdminService {
  constructor(
    private readonly organisations: OrganisationsService,
    private readonly directory: UserDirectoryRepository,
    private readonly hasher: PasswordHasherService,
    private readonly audit: AuditService,
    private readonly tx: TransactionRunnerService,
  ) {}

  async ensure(email: string): Promise<FirstAdmin | null> {
    const password = randomBytes(15).toString('base64url');
    const passwordHash = await this.hasher.hash(password);
    return this.tx.run(async (manager) => {
      // Serialises two seeds racing on a fresh database.
      await manager.query(`SELECT pg_advisory_xact_lock(7316001230618)`);
      const [existing] = await manager.query<unknown[]>(`SELECT 1 FROM role_assignment WHERE role = $1 LIMIT 1`, [Role.NATIONAL_ADMIN]);
      if (existing) return null;
      const root = await this.organisations.findByOdsCode(NHS_ENGLAND.odsCode, manager);
      if (!root) throw new Error('Seed the organisations before the first admin');
      const user = await this.directory.createUser(manager, {
        email,
        name: 'National administrator',
        jobTitle: 'DASV programme team',
        organisationId: root.id,
      });
      await manager.query(`UPDATE app_user SET password_hash = $2 WHERE id = $1`, [user.id, passwordHash]);
      await manager.query(`INSERT INTO role_assignment (user_id, organisation_id, role) VALUES ($1, $2, $3)`, [user.id, root.id, Role.NATIONAL_ADMIN]);
      await this.audit.record(manager, { actorId: null, action: 'user.first_admin_created', entityType: 'user', entityId: user.id, organisationId: root.id });
      return { email, password };
    });
  }
}
