import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { DasvLead } from './entities/dasv-lead.entity';
import { MAX_SUCCESSION_DEPTH } from './lead-succession.repository';

/** Who is and was a lead of which organisation (dasv_lead). */
@Injectable()
export class LeadsRepository {
  constructor(@InjectRepository(DasvLead) private readonly leads: Repository<DasvLead>) {}

  async findByIds(ids: readonly string[]): Promise<DasvLead[]> {
    if (ids.length === 0) return [];
    return this.leads.createQueryBuilder('l').where('l.id = ANY(:ids)', { ids }).getMany();
  }

  async findCurrentOf(userIds: readonly string[]): Promise<DasvLead[]> {
    if (userIds.length === 0) return [];
    return this.leads.createQueryBuilder('l').where('l.user_id = ANY(:userIds)', { userIds }).andWhere('l.ended_at IS NULL').orderBy('l.started_at').addOrderBy('l.id').getMany();
  }

  /**
   * Every lead, current and past, of the organisation and of every organisation merged into it,
   * however many mergers back: the successor links are followed backwards in the query itself.
   */
  findLineage(organisationId: string): Promise<DasvLead[]> {
    return this.leads
      .createQueryBuilder('l')
      .where(
        `l.organisation_id IN (
           WITH RECURSIVE lineage (id, depth) AS (
             SELECT CAST(:organisationId AS uuid), 0
             UNION
             SELECT o.id, lineage.depth + 1 FROM organisation o JOIN lineage ON o.successor_id = lineage.id WHERE lineage.depth < :maxDepth
           )
           SELECT id FROM lineage)`,
        { organisationId, maxDepth: MAX_SUCCESSION_DEPTH },
      )
      .orderBy('l.started_at')
      .addOrderBy('l.id')
      .getMany();
  }

  async hasEverLed(userId: string): Promise<boolean> {
    return (await this.leads.createQueryBuilder('l').where('l.user_id = :userId', { userId }).getExists()) === true;
  }
}
