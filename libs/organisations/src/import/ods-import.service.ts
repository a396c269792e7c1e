import { Inject, Injectable, OnModuleInit, Optional } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { EntityManager } from 'typeorm';
import { Clock, londonDay, plural } from '@dasv/common';
import { TransactionRunnerService } from '@dasv/database';
import { AuditEntry, AuditService } from '@dasv/audit';
import { OrganisationType } from '../entities/organisation.entity';
import { CHANGE_KINDS, codesToLookUp, OdsImportPlan, OdsImportRequest, OrganisationChange, OrganisationChangeKind, planOdsImport } from './ods-import.plan';
import { ImportedOrganisationRef, OdsImportRepository } from './ods-import.repository';
import {
  CarriedOver,
  CarriesOverOnSuccession,
  ORGANISATION_ADMINISTRATION,
  OrganisationAdministration,
  OrganisationSuccessionHandler,
} from './organisation-succession';

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
  succeedingLater: OdsImportPlan['succeedingLater'];
  successionsNotOnPlatform: number;
  /** What followed each closed organisation to its successor: counts by item ("DASV lead", "ORG_ADMIN role"…). */
  carriedOver: Array<{ fromOdsCode: string; toOdsCode: string; items: Record<string, number> }>;
  /** Open ICBs with no open trust beneath them after the import. */
  icbsWithoutTrusts: Array<{ odsCode: string; name: string }>;
  /** Organisations this import added that nobody administers at the organisation itself; null when roles are not loaded. */
  newWithoutAdministrator: string[] | null;
  notes: string[];
}

/** What apply() found out beyond the plan, for the summary. */
interface Aftermath {
  carriedOver: OdsImportSummary['carriedOver'];
  icbsWithoutTrusts: OdsImportSummary['icbsWithoutTrusts'];
  newWithoutAdministrator: OdsImportSummary['newWithoutAdministrator'];
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
export class OdsImportService implements OnModuleInit {
  private successionHandlers: OrganisationSuccessionHandler[] = [];

  constructor(
    private readonly repository: OdsImportRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly tx: TransactionRunnerService,
    private readonly discovery: DiscoveryService,
    // Absent where libs/users is not loaded.
    @Optional() @Inject(ORGANISATION_ADMINISTRATION) private readonly administration: OrganisationAdministration | null = null,
  ) {}

  onModuleInit(): void {
    this.successionHandlers = this.discovery
      .getProviders({ metadataKey: CarriesOverOnSuccession.KEY })
      .map((wrapper) => wrapper.instance as OrganisationSuccessionHandler | undefined)
      .filter((handler): handler is OrganisationSuccessionHandler => handler !== undefined);
  }

  async importExtracts(request: OdsImportRequest, options: OdsImportOptions = {}): Promise<OdsImportSummary> {
    const sources = [...request.trusts, ...request.subIcbLocations]
      .map((e) => e.source)
      .concat([...new Set([...request.icbs.map((i) => i.source), ...request.successors.flatMap((s) => (s.file ? [s.file] : []))])]);
    const today = londonDay(this.clock.now());
    try {
      return await this.tx.run(async (manager) => {
        await this.repository.lockForImport(manager);
        // Planned inside the transaction, after the lock: the snapshot it diffs against is the one it writes to.
        const platform = await this.repository.findForImport(manager, codesToLookUp(request));
        const plan = planOdsImport(request, platform, today);
        const aftermath = await this.apply(manager, plan.changes, sources);
        const summary = this.summarise(plan, aftermath, sources, options.dryRun ?? false);
        // Rolling back a real run, rather than only planning, also proves the constraints and the closure trigger accept it.
        if (options.dryRun) throw new DryRunRollback(summary);
        return summary;
      });
    } catch (error) {
      if (error instanceof DryRunRollback) return error.summary;
      throw error;
    }
  }

  private async apply(manager: EntityManager, changes: OrganisationChange[], sources: string[]): Promise<Aftermath> {
    const of = <K extends OrganisationChangeKind>(kind: K, type?: OrganisationType) =>
      changes.filter((c): c is Extract<OrganisationChange, { kind: K }> => c.kind === kind && (type === undefined || c.type === type));
    const touched: ImportedOrganisationRef[] = [];
    const r = this.repository;

    // Parents before children: new ICBs and ICB moves settle before any trust is placed or moved under them.
    touched.push(...(await r.addOrganisations(manager, OrganisationType.ICB, of('added', OrganisationType.ICB))));
    touched.push(
      ...(await r.moveOrganisations(
        manager,
        of('moved', OrganisationType.ICB).map((c) => ({ odsCode: c.odsCode, parentOdsCode: c.toParentOdsCode })),
      )),
    );
    touched.push(...(await r.addOrganisations(manager, OrganisationType.TRUST, of('added', OrganisationType.TRUST))));
    touched.push(
      ...(await r.moveOrganisations(
        manager,
        of('moved', OrganisationType.TRUST).map((c) => ({ odsCode: c.odsCode, parentOdsCode: c.toParentOdsCode })),
      )),
    );
    touched.push(
      ...(await r.renameOrganisations(
        manager,
        of('renamed').map((c) => ({ odsCode: c.odsCode, name: c.toName })),
      )),
    );
    touched.push(...(await r.closeOrganisations(manager, of('closed'))));
    touched.push(
      ...(await r.reopenOrganisations(
        manager,
        of('reopened').map((c) => c.odsCode),
      )),
    );
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
    const carried: CarriedOver[] = [];
    if (successions.length) {
      // To the end of the chain: a successor that has closed in turn passes everything on.
      const pairs = await r.findSuccessionTargets(
        manager,
        successions.map((c) => idOf.get(c.odsCode)!),
      );
      // One after another: they share the transaction's connection.
      for (const handler of this.successionHandlers) carried.push(...(await handler.carryOver(manager, pairs)));
    }

    // Read after the carrying over: a new trust that took over its predecessor's admins has one.
    const added = of('added').map((c) => idOf.get(c.odsCode)!);
    const unadministered = this.administration ? await this.administration.withoutAdministrator(manager, added) : null;
    const odsCodeOf = await r.findOdsCodes(manager, [
      ...new Set([...carried.flatMap((c) => [c.fromOrganisationId, c.toOrganisationId]), ...(unadministered ?? [])]),
    ]);
    return {
      carriedOver: countCarried(carried, odsCodeOf),
      icbsWithoutTrusts: await r.findIcbsWithoutOpenTrusts(manager),
      newWithoutAdministrator: unadministered && unadministered.map((id) => odsCodeOf.get(id)!).sort(),
      notes: (await r.findClosedIcbsWithOpenTrusts(manager)).map(
        (icb) =>
          `ICB ${icb.odsCode} is closed but ${plural(icb.openTrusts, 'open trust sits', 'open trusts sit')} under it; import the trust extract that moves them.`,
      ),
    };
  }

  private summarise(plan: OdsImportPlan, aftermath: Aftermath, sources: string[], dryRun: boolean): OdsImportSummary {
    const counts = Object.fromEntries(CHANGE_KINDS.map((k) => [k, 0])) as OdsImportSummary['counts'];
    for (const change of plan.changes) counts[change.kind]++;
    counts.unchanged = plan.unchanged;
    return {
      dryRun,
      sources,
      counts,
      changes: plan.changes,
      skipped: plan.skipped,
      closingLater: plan.closingLater,
      succeedingLater: plan.succeedingLater,
      successionsNotOnPlatform: plan.successionsNotOnPlatform,
      carriedOver: aftermath.carriedOver,
      icbsWithoutTrusts: aftermath.icbsWithoutTrusts,
      newWithoutAdministrator: aftermath.newWithoutAdministrator,
      notes: [...plan.notes, ...aftermath.notes],
    };
  }
}

function countCarried(carried: CarriedOver[], odsCodeOf: ReadonlyMap<string, string>): OdsImportSummary['carriedOver'] {
  const byPair = new Map<string, OdsImportSummary['carriedOver'][number]>();
  for (const c of carried) {
    const fromOdsCode = odsCodeOf.get(c.fromOrganisationId)!;
    const toOdsCode = odsCodeOf.get(c.toOrganisationId)!;
    const key = `${fromOdsCode}>${toOdsCode}`;
    const entry = byPair.get(key) ?? { fromOdsCode, toOdsCode, items: {} };
    entry.items[c.item] = (entry.items[c.item] ?? 0) + 1;
    byPair.set(key, entry);
  }
  return [...byPair.values()].sort((a, b) => a.fromOdsCode.localeCompare(b.fromOdsCode) || a.toOdsCode.localeCompare(b.toOdsCode));
}
