import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { inViewerScope, namedParameters, Viewer } from '@dasv/auth';
import { OrganisationType } from '@dasv/organisations';
import { NominationReturn, NominationReturnStatus } from './entities/nomination-return.entity';

export interface AskedOrganisation {
  id: string;
  odsCode: string;
  name: string;
  type: OrganisationType;
}

export interface NewNominationReturn {
  title: string;
  instructions: string;
  organisationTypes: OrganisationType[];
  scopeRootId: string;
  deadline: Date;
  reminderOffsetsDays: number[];
  overdueEveryWorkingDays: number;
  escalateAfterWorkingDays: number;
  requiresApproval: boolean;
  openedAt: Date;
  createdById: string;
}

export interface ReturnListFilter {
  /** Whose NominationRead scope a listed return must ask at least one organisation of. */
  viewer: Viewer;
  status?: NominationReturnStatus;
  first: number;
  after?: { openedAt: Date; id: string };
}

/** nomination_return, and the requests a return makes when it opens. */
@Injectable()
export class NominationReturnsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  findById(id: string, manager?: EntityManager): Promise<NominationReturn | null> {
    return (manager ?? this.dataSource.manager).getRepository(NominationReturn).findOne({ where: { id } });
  }

  /**
   * The return if it asks at least one organisation the viewer looks after (the list's rule), else
   * null: a return addressed only to another region is as invisible as one that does not exist.
   */
  findVisibleById(id: string, viewer: Viewer): Promise<NominationReturn | null> {
    return this.visibleTo(viewer).andWhere('nr.id = :id', { id }).getOne();
  }

  /**
   * The return, locked until the transaction ends: submissions share the lock and closing takes it
   * alone, so a submission never lands on a return that closed while it was being checked.
   */
  async lockById(manager: EntityManager, id: string, mode: 'share' | 'update'): Promise<NominationReturn | null> {
    return manager
      .getRepository(NominationReturn)
      .createQueryBuilder('r')
      .setLock(mode === 'share' ? 'pessimistic_read' : 'pessimistic_write')
      .where('r.id = :id', { id })
      .getOne();
  }

  async insert(manager: EntityManager, values: NewNominationReturn): Promise<NominationReturn> {
    return manager
      .getRepository(NominationReturn)
      .save(manager.getRepository(NominationReturn).create({ ...values, status: NominationReturnStatus.OPEN, closedAt: null }));
  }

  /**
   * Asks every open organisation of the given types at or below the scope root, in one
   * INSERT … SELECT over the closure table, and returns who was asked.
   */
  async insertRequests(manager: EntityManager, returnId: string, scopeRootId: string, types: readonly OrganisationType[]): Promise<AskedOrganisation[]> {
    const rows: Array<{ id: string; ods_code: string; name: string; type: OrganisationType }> = await manager.query(
      `WITH asked AS (
         INSERT INTO nomination_request (return_id, organisation_id)
         SELECT $1, o.id
         FROM organisation_ancestor a JOIN organisation o ON o.id = a.descendant_id
         WHERE a.ancestor_id = $2 AND o.is_active AND o.type = ANY($3::text[])
         RETURNING organisation_id
       )
       SELECT o.id, o.ods_code, o.name, o.type FROM asked JOIN organisation o ON o.id = asked.organisation_id
       ORDER BY o.name`,
      [returnId, scopeRootId, types],
    );
    return rows.map((r) => ({ id: r.id, odsCode: r.ods_code, name: r.name, type: r.type }));
  }

  /** Who insertRequests would ask, by name, without asking them: the check page before opening. */
  async findAskable(scopeRootId: string, types: readonly OrganisationType[]): Promise<AskedOrganisation[]> {
    const rows: Array<{ id: string; ods_code: string; name: string; type: OrganisationType }> = await this.dataSource.query(
      `SELECT o.id, o.ods_code, o.name, o.type
       FROM organisation_ancestor a JOIN organisation o ON o.id = a.descendant_id
       WHERE a.ancestor_id = $1 AND o.is_active AND o.type = ANY($2::text[])
       ORDER BY o.name`,
      [scopeRootId, types],
    );
    return rows.map((r) => ({ id: r.id, odsCode: r.ods_code, name: r.name, type: r.type }));
  }

  async close(manager: EntityManager, id: string, at: Date): Promise<void> {
    await manager.query(`UPDATE nomination_return SET status = $2, closed_at = $3 WHERE id = $1`, [id, NominationReturnStatus.CLOSED, at]);
  }

  /**
   * Returns, newest first, that ask at least one organisation the viewer looks after (for a national
   * admin: all of them).
   */
  async list(filter: ReturnListFilter): Promise<{ rows: NominationReturn[]; totalCount: number }> {
    const qb = this.visibleTo(filter.viewer);
    if (filter.status) qb.andWhere('nr.status = :status', { status: filter.status });
    const totalCount = await qb.clone().getCount();
    if (filter.after) qb.andWhere('(nr.opened_at, nr.id) < (:afterOpened, :afterId)', { afterOpened: filter.after.openedAt, afterId: filter.after.id });
    const rows = await qb
      .orderBy('nr.opened_at', 'DESC')
      .addOrderBy('nr.id', 'DESC')
      .limit(filter.first + 1)
      .getMany();
    return { rows, totalCount };
  }

  private visibleTo(viewer: Viewer) {
    const qb = this.dataSource.getRepository(NominationReturn).createQueryBuilder('nr');
    return qb.where(
      `EXISTS (SELECT 1 FROM nomination_request q WHERE q.return_id = nr.id AND ${inViewerScope(viewer, 'q.organisation_id', namedParameters(qb))})`,
    );
  }
}
