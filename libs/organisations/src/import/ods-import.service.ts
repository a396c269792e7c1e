import { Inject, Injectable, Optional } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { DateTime } from 'luxon';
import { Clock } from '@dasv/common';
import { TransactionRunner } from '@dasv/database';
import { AuditEntry, AuditService } from '@dasv/audit';
import { OrganisationType } from '../entities/organisation.entity';
import { OrganisationsRepository } from '../organisations.repository';
import { CHANGE_KINDS, codesToLookUp, OdsImportPlan, OdsImportRequest, OrganisationChange, OrganisationChangeKind, planOdsImport } from './ods-import.plan';
import { ImportedOrganisationRef, OdsImportRepository } from './ods-import.repository';

export interface OdsImportOptions {
  /** Apply everything, report it, then roll back. */
  dryRun?: boolean;
}

export interface OdsImportSummary {
  dryRun: boolean;
  /** The files read, in the order given. */
  sources: string[];
  counts: Record<OrganisationChangeKind | 'unchanged', number>;
  /** Each change by ODS code; an organisation both renamed and moved appears twice. */
  changes: OrganisationChange[];
  skipped: OdsImportPlan['skipped'];
  closingLater: OdsImportPlan['closingLater'];
  notes: string[];
}

const AUDIT_ACTION: Record<OrganisationChangeKind, string> = {
  added: 'organisation.added',
  renamed: 'organisation.renamed',
  moved: 'organisation.moved',
  closed: 'organisation.closed',
  reopened: 'organisation.reopened',
  successor: 'organisation.successor_set',
};

/** A closed organisation and the one that took over its work, as an import has just recorded them. */
export interface OrganisationSuccession {
  predecessorId: string;
  successorId: string;
}

/**
 * What another feature must do when organisations are given successors, inside the import's
 * transaction (libs/directory carries current leads over). Declared here and provided by that
 * feature under ORGANISATION_SUCCESSION_HANDLER, because libs/organisations cannot import the
 * libraries built on it.
 */
export interface OrganisationSuccessionHandler {
  inheritFromPredecessors(manager: EntityManager, successions: OrganisationSuccession[]): Promise<void>;
}

export const ORGANISATION_SUCCESSION_HANDLER = Symbol('ORGANISATION_SUCCESSION_HANDLER');

/** Carries a dry run's summary out of the transaction it has to roll back. */
class DryRunRollback extends Error {
  constructor(readonly summary: OdsImportSummary) {
    super('dry run');
  }
}

/**
 * Re-imports the organisation files NHS ODS publishes: renames, moves between ICBs, closures,
 * reopenings, new trusts and successors, all or nothing. Nothing is ever deleted: a closed
 * organisation stays, inactive, with its history, roles and returns.
 */
@Injectable()
export class OdsImportService {
  constructor(
    private readonly repository: OdsImportRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly tx: TransactionRunner,
    private readonly organisations: OrganisationsRepository,
    // Absent where no feature building on organisations is loaded.
    @Optional() @Inject(ORGANISATION_SUCCESSION_HANDLER) private readonly succession: OrganisationSuccessionHandler | null = null,
  ) {}

  async importExtracts(request: OdsImportRequest, options: OdsImportOptions = {}): Promise<OdsImportSummary> {
    const sources = [...request.trusts, ...request.subIcbLocations].map((e) => e.source).concat([...new Set(request.icbs.map((i) => i.source))]);
    const today = DateTime.fromJSDate(this.clock.now(), { zone: 'Europe/London' }).toISODate()!;
    try {
      return await this.tx.run(async (manager) => {
        await this.repository.lockForImport(manager);
        // Planned inside the transaction, after the lock: the snapshot it diffs against is the one it writes to.
        const platform = await this.repository.findForImport(manager, codesToLookUp(request));
        const plan = planOdsImport(request, platform, today);
        await this.apply(manager, plan.changes, sources);
        const summary = this.summarise(plan, sources, options.dryRun ?? false);
        // Rolling back a real run, rather than only planning, also proves the constraints and the closure trigger accept it.
        if (options.dryRun) throw new DryRunRollback(summary);
        return summary;
      });
    } catch (error) {
      if (error instanceof DryRunRollback) return error.summary;
      throw error;
    }
  }

  private async apply(manager: EntityManager, changes: OrganisationChange[], sources: string[]): Promise<void> {
    const of = <K extends OrganisationChangeKind>(kind: K, type?: OrganisationType) =>
      changes.filter((c): c is Extract<OrganisationChange, { kind: K }> => c.kind === kind && (type === undefined || c.type === type));
    const touched: ImportedOrganisationRef[] = [];
    const r = this.repository;

    // Parents before children: new ICBs and ICB moves settle before any trust is placed or moved under them.
    touched.push(...(await r.addOrganisations(manager, OrganisationType.ICB, of('added', OrganisationType.ICB))));
    touched.push(...(await r.moveOrganisations(manager, of('moved', OrganisationType.ICB).map((c) => ({ odsCode: c.odsCode, parentOdsCode: c.toParentOdsCode })))));
    touched.push(...(await r.addOrganisations(manager, OrganisationType.TRUST, of('added', OrganisationType.TRUST))));
    touched.push(...(await r.moveOrganisations(manager, of('moved', OrganisationType.TRUST).map((c) => ({ odsCode: c.odsCode, parentOdsCode: c.toParentOdsCode })))));
    touched.push(...(await r.renameOrganisations(manager, of('renamed').map((c) => ({ odsCode: c.odsCode, name: c.toName })))));
    touched.push(...(await r.closeOrganisations(manager, of('closed'))));
    touched.push(...(await r.reopenOrganisations(manager, of('reopened').map((c) => c.odsCode))));
    // Last: a successor may be a trust added above.
    touched.push(...(await r.assignSuccessors(manager, of('successor'))));

    const idOf = new Map(touched.map((t) => [t.odsCode, t.id]));
    await this.audit.record(
      manager,
      changes.map((change): AuditEntry => {
        const { kind, ...details } = change;
        return {
          actorId: null,
          action: AUDIT_ACTION[kind],
          entityType: 'organisation',
          entityId: idOf.get(change.odsCode)!,
          organisationId: idOf.get(change.odsCode)!,
          details: { ...details, via: 'ods-import', sources },
        };
      }),
    );

    const successions = of('successor');
    if (this.succession && successions.length) {
      const successors = await this.organisations.findByOdsCodes(successions.map((c) => c.successorOdsCode), manager);
      const successorIdOf = new Map(successors.map((o) => [o.odsCode, o.id]));
      await this.succession.inheritFromPredecessors(
        manager,
        successions.map((c) => ({ predecessorId: idOf.get(c.odsCode)!, successorId: successorIdOf.get(c.successorOdsCode)! })),
      );
    }
  }

  private summarise(plan: OdsImportPlan, sources: string[], dryRun: boolean): OdsImportSummary {
    const counts = Object.fromEntries(CHANGE_KINDS.map((k) => [k, 0])) as OdsImportSummary['counts'];
    for (const change of plan.changes) counts[change.kind]++;
    counts.unchanged = plan.unchanged;
    return { dryRun, sources, counts, changes: plan.changes, skipped: plan.skipped, closingLater: plan.closingLater, notes: plan.notes };
  }
}
