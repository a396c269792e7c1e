import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ForbiddenError } from '@dasv/common';
import { AccessService, AuthUser, Permission } from '@dasv/auth';
import { NHS_ENGLAND } from '@dasv/organisations';

/**
 * Courses are national: every trust's staff take the same version. Whoever writes or publishes one
 * must hold CourseAuthor at NHS England itself, so granting the permission lower down one day
 * would still not let a region change what the whole country learns.
 */
@Injectable()
export class CourseAuthorsService {
  constructor(private readonly access: AccessService) {}

  async require(me: AuthUser, manager?: EntityManager): Promise<void> {
    await this.access.requireOrganisation(me, Permission.CourseAuthor, NHS_ENGLAND.odsCode, {
      unknown: () => new ForbiddenError('Courses can only be written by NHS England.'),
      manager,
    });
  }
}
