import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ChaseTarget } from '@dasv/chasing';
import { NominationReturnStatus } from './entities/nomination-return.entity';

export interface ChasedReturn {
  id: string;
  title: string;
  deadline: Date;
  openedAt: Date;
  reminderOffsetsDays: number[];
  overdueEveryWorkingDays: number;
  escalateAfterWorkingDays: number;
  isOpen: boolean;
}

interface ReturnRow {
  id: string;
  title: string;
  deadline: Date;
  opened_at: Date;
  reminder_offsets_days: number[];
  overdue_every_working_days: number;
  escalate_after_working_days: number;
  status: NominationReturnStatus;
}

const RETURN_COLUMNS = `id, title, deadline, opened_at, reminder_offsets_days, overdue_every_working_days, escalate_after_working_days, status`;

/** What the chase engine reads of nomination_return and nomination_request. */
@Injectable()
export class NominationsChaseRepository {
  async openReturns(manager: EntityManager): Promise<ChasedReturn[]> {
    const rows: ReturnRow[] = await manager.query(`SELECT ${RETURN_COLUMNS} FROM nomination_return WHERE status = $1 ORDER BY opened_at, id`, [
      NominationReturnStatus.OPEN,
    ]);
    return rows.map(toReturn);
  }

  async returnsByIds(manager: EntityManager, ids: readonly string[]): Promise<ChasedReturn[]> {
    if (ids.length === 0) return [];
    const rows: ReturnRow[] = await manager.query(`SELECT ${RETURN_COLUMNS} FROM nomination_return WHERE id = ANY($1::uuid[])`, [ids]);
    return rows.map(toReturn);
  }

  /**
   * The organisations a return asked. Outstanding only: the return is share-locked while still open
   * (closing it waits for us, and we find nothing once it has closed) and the unanswered requests are
   * share-locked, so a submission's update of responded_at waits until our decision has committed:
   * no chase is ever decided after a response.
   */
  async requests(manager: EntityManager, returnId: string, options: { organisationIds?: readonly string[]; outstandingOnly: boolean }): Promise<ChaseTarget[]> {
    if (options.outstandingOnly) {
      const open = await manager.query<unknown[]>(`SELECT 1 FROM nomination_return WHERE id = $1 AND status = $2 FOR SHARE`, [
        returnId,
        NominationReturnStatus.OPEN,
      ]);
      if (open.length === 0) return [];
    }
    const rows: Array<{ id: string; ods_code: string; name: string; type: string; parent_id: string | null; responded_at: Date | null }> = await manager.query(
      `SELECT o.id, o.ods_code, o.name, o.type, o.parent_id, r.responded_at
       FROM nomination_request r JOIN organisation o ON o.id = r.organisation_id
       WHERE r.return_id = $1
         AND ($2::uuid[] IS NULL OR r.organisation_id = ANY($2::uuid[]))
         ${options.outstandingOnly ? 'AND r.responded_at IS NULL AND o.is_active' : ''}
       ORDER BY r.organisation_id
       ${options.outstandingOnly ? 'FOR SHARE OF r' : ''}`,
      [returnId, options.organisationIds ?? null],
    );
    return rows.map((r) => ({ organisationId: r.id, odsCode: r.ods_code, name: r.name, type: r.type, parentId: r.parent_id, respondedAt: r.responded_at }));
  }
}

function toReturn(row: ReturnRow): ChasedReturn {
  return {
    id: row.id,
    title: row.title,
    deadline: row.deadline,
    openedAt: row.opened_at,
    reminderOffsetsDays: row.reminder_offsets_days,
    overdueEveryWorkingDays: row.overdue_every_working_days,
    escalateAfterWorkingDays: row.escalate_after_working_days,
    isOpen: row.status === NominationReturnStatus.OPEN,
  };
}
