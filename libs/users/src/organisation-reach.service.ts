import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AccessService, AuthUser, inViewerScope, Permission, positionalParameters } from '@dasv/auth';
import { OrganisationContactsService } from './organisation-contacts.service';

/** How many of the organisations someone asks for returns cannot be written to: for their home page. */
@Injectable()
export class OrganisationReachService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: AccessService,
    private readonly contacts: OrganisationContactsService,
  ) {}

  /**
   * Open trusts and ICBs in the caller's subtree (as one who chases them) with no administrator and
   * no contact address: the same rule recipientsFor applies when a return is opened, read live.
   */
  async countUnreachable(me: AuthUser): Promise<number> {
    const viewer = this.access.viewer(me, Permission.ChaseManage);
    if (viewer.roles.length === 0) return 0;
    const params: unknown[] = [];
    const [row] = await this.dataSource.query<Array<{ n: number }>>(
      `SELECT count(*)::int AS n FROM organisation o
       WHERE o.is_active AND o.type IN ('ICB', 'TRUST')
         AND ${inViewerScope(viewer, 'o.id', positionalParameters(params))}
         AND ${this.contacts.unreachableCondition('o')}`,
      params,
    );
    return row.n;
  }
}
