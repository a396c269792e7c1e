import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { containsPattern } from '@dasv/database';
import { Organisation, OrganisationType } from './entities/organisation.entity';

export interface OrganisationFilter {
  type?: OrganisationType;
  parentId?: string;
  /** Any ancestor: all ICBs and trusts under a region, all trusts under an ICB. */
  withinId?: string;
  search?: string;
  includeInactive?: boolean;
  first: number;
  after?: { sortKey: string; id: string };
}

@Injectable()
export class OrganisationsRepository {
  constructor(@InjectRepository(Organisation) private readonly organisations: Repository<Organisation>) {}

  findByOdsCode(odsCode: string, manager?: EntityManager): Promise<Organisation | null> {
    return (manager?.getRepository(Organisation) ?? this.organisations).findOne({ where: { odsCode: odsCode.toUpperCase() } });
  }

  async findByOdsCodes(odsCodes: readonly string[], manager?: EntityManager): Promise<Organisation[]> {
    if (odsCodes.length === 0) return [];
    return (manager ?? this.organisations.manager)
      .getRepository(Organisation)
      .createQueryBuilder('o')
      .where('o.ods_code = ANY(:codes)', { codes: odsCodes.map((c) => c.toUpperCase()) })
      .getMany();
  }

  async findByIds(ids: readonly string[]): Promise<Organisation[]> {
    if (ids.length === 0) return [];
    return this.organisations.createQueryBuilder('o').where('o.id = ANY(:ids)', { ids }).getMany();
  }

  async findChildrenOf(parentIds: readonly string[]): Promise<Organisation[]> {
    if (parentIds.length === 0) return [];
    return this.organisations.createQueryBuilder('o').where('o.parent_id = ANY(:parentIds)', { parentIds }).orderBy('o.name').getMany();
  }

  /** Ancestors of each given organisation, nearest last (national first), excluding itself. */
  async findAncestorsOf(ids: readonly string[]): Promise<Array<Organisation & { descendantId: string }>> {
    if (ids.length === 0) return [];
    const rows: Array<Record<string, unknown>> = await this.organisations.query(
      `SELECT a.descendant_id, o.*
       FROM organisation_ancestor a JOIN organisation o ON o.id = a.ancestor_id
       WHERE a.descendant_id = ANY($1::uuid[]) AND a.depth > 0
       ORDER BY a.descendant_id, a.depth DESC`,
      [ids],
    );
    return rows.map((r) => Object.assign(this.organisations.create(this.fromRow(r)), { descendantId: r.descendant_id as string }));
  }

  async list(filter: OrganisationFilter): Promise<{ rows: Organisation[]; totalCount: number }> {
    const qb = this.organisations.createQueryBuilder('o');
    if (!filter.includeInactive) qb.andWhere('o.is_active');
    if (filter.type) qb.andWhere('o.type = :type', { type: filter.type });
    if (filter.parentId) qb.andWhere('o.parent_id = :parentId', { parentId: filter.parentId });
    if (filter.withinId) {
      qb.andWhere('EXISTS (SELECT 1 FROM organisation_ancestor a WHERE a.ancestor_id = :withinId AND a.descendant_id = o.id AND a.depth > 0)', {
        withinId: filter.withinId,
      });
    }
    if (filter.search) {
      // ILIKE on name is served by the trigram index; ODS codes are matched exactly.
      qb.andWhere('(o.name ILIKE :pattern OR o.ods_code = :code)', {
        pattern: containsPattern(filter.search),
        code: filter.search.toUpperCase(),
      });
    }
    const totalCount = await qb.clone().getCount();
    if (filter.after) {
      qb.andWhere('(o.name, o.id) > (:afterName, :afterId)', { afterName: filter.after.sortKey, afterId: filter.after.id });
    }
    const rows = await qb
      .orderBy('o.name', 'ASC')
      .addOrderBy('o.id', 'ASC')
      .limit(filter.first + 1)
      .getMany();
    return { rows, totalCount };
  }

  async countByType(): Promise<Record<OrganisationType, number>> {
    const rows: Array<{ type: OrganisationType; n: number }> = await this.organisations.query(
      `SELECT type, count(*)::int AS n FROM organisation WHERE is_active GROUP BY type`,
    );
    const counts = { NATIONAL: 0, REGION: 0, ICB: 0, TRUST: 0 } as Record<OrganisationType, number>;
    for (const r of rows) counts[r.type] = r.n;
    return counts;
  }

  private fromRow(r: Record<string, unknown>): Partial<Organisation> {
    return {
      id: r.id as string,
      odsCode: r.ods_code as string,
      name: r.name as string,
      odsName: r.ods_name as string,
      type: r.type as OrganisationType,
      kind: r.kind as string | null,
      parentId: r.parent_id as string | null,
      isActive: r.is_active as boolean,
      closedOn: r.closed_on as string | null,
      successorId: r.successor_id as string | null,
      createdAt: r.created_at as Date,
      updatedAt: r.updated_at as Date,
    };
  }
}
