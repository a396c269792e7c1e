import { plural } from '@dasv/common';
import { OrganisationType } from '../entities/organisation.entity';
import { OrganisationImportError, OrganisationImportProblem, OrganisationImportReason } from '../organisations.errors';
import { OdsExtract, OdsExtractRow } from './ods-extract.parser';
import { IcbListEntry, SuccessorAssignment } from './import-lists.parser';

/** What an import is asked to do; the files are parsed already (ods-extract.parser, import-lists.parser). */
export interface OdsImportRequest {
  /** NHS trust extracts (ODS etr.csv, or ect.csv for care trusts). */
  trusts: OdsExtract[];
  /** Sub-ICB location extracts (ODS eccg.csv): read only to check ICB→region groupings, never to add organisations. */
  subIcbLocations: OdsExtract[];
  /** ICBs to create (or bring up to date) first, for parents the trust extracts name and the platform lacks. */
  icbs: IcbListEntry[];
  successors: SuccessorAssignment[];
}

/** An organisation as the planner needs to see it, keyed by ODS code. */
export interface PlatformOrganisation {
  odsCode: string;
  name: string;
  type: OrganisationType;
  isActive: boolean;
  closedOn: string | null;
  parentOdsCode: string | null;
  successorOdsCode: string | null;
}

type Imported = OrganisationType.ICB | OrganisationType.TRUST;

export type OrganisationChange =
  | { kind: 'added'; odsCode: string; type: Imported; name: string; parentOdsCode: string }
  | { kind: 'renamed'; odsCode: string; type: Imported; fromName: string; toName: string }
  | { kind: 'moved'; odsCode: string; type: Imported; fromParentOdsCode: string | null; toParentOdsCode: string }
  | { kind: 'closed'; odsCode: string; type: Imported; closedOn: string; previousClosedOn: string | null }
  | { kind: 'reopened'; odsCode: string; type: Imported; previousClosedOn: string | null }
  | { kind: 'successor'; odsCode: string; type: Imported; successorOdsCode: string; previousSuccessorOdsCode: string | null };

export type OrganisationChangeKind = OrganisationChange['kind'];
export const CHANGE_KINDS: readonly OrganisationChangeKind[] = ['added', 'renamed', 'moved', 'closed', 'reopened', 'successor'];

export interface OdsImportPlan {
  /** In the order they must be applied: ICBs before the trusts that hang under them. */
  changes: OrganisationChange[];
  /** Organisations in the files that the platform already holds exactly as the files say. */
  unchanged: number;
  skipped: {
    /** No English region (national grouping not one of the platform's regions): Welsh trusts and the like. */
    outsideEngland: Array<{ odsCode: string; nationalGroupingCode: string | null }>;
    /** Closed in the file and never on the platform: nothing to record. */
    closedNotOnPlatform: string[];
    /** Published ahead of their open date; they are added by the first import after it. */
    notYetOpen: Array<{ odsCode: string; openedOn: string }>;
  };
  /** ODS successor records about organisations never on the platform (the file covers every GP practice and pharmacy). */
  successionsNotOnPlatform: number;
  /** Open today but with a close date ahead; closed by the first import after it. */
  closingLater: Array<{ odsCode: string; closedOn: string }>;
  /** ODS successor records not yet in effect; the first import after the date applies them. */
  succeedingLater: Array<{ odsCode: string; successorOdsCode: string; effectiveOn: string }>;
  /** Things an operator should look at that do not stop the import. */
  notes: string[];
}

interface TrustRow extends OdsExtractRow {
  source: string;
}

/** Every code the planner may need to look up: the organisations themselves, their parents and successors. */
export function codesToLookUp(request: OdsImportRequest): string[] {
  const codes = new Set<string>();
  const add = (code: string | null) => code && codes.add(code);
  for (const row of request.trusts.flatMap((e) => e.rows)) {
    add(row.odsCode);
    add(row.nationalGroupingCode);
    add(row.highLevelHealthGeographyCode);
  }
  for (const row of request.subIcbLocations.flatMap((e) => e.rows)) {
    add(row.nationalGroupingCode);
    add(row.highLevelHealthGeographyCode);
  }
  for (const icb of request.icbs) {
    add(icb.odsCode);
    add(icb.regionOdsCode);
  }
  for (const s of request.successors) {
    add(s.odsCode);
    add(s.successorOdsCode);
  }
  return [...codes].sort();
}

/** Problems of one kind; the first kind with any refuses the import, naming every code in it. */
class Refusals {
  private readonly byReason = new Map<OrganisationImportReason, OrganisationImportProblem[]>();

  add(reason: OrganisationImportReason, odsCode: string, detail: string): void {
    const list = this.byReason.get(reason) ?? [];
    list.push({ odsCode, detail });
    this.byReason.set(reason, list);
  }

  throwFirst(order: Array<[OrganisationImportReason, (codes: string[]) => string]>): void {
    for (const [reason, message] of order) {
      const problems = this.byReason.get(reason);
      if (problems?.length) {
        const codes = [...new Set(problems.map((p) => p.odsCode))].sort();
        throw new OrganisationImportError(reason, `${message(codes)} Nothing was imported.`, problems);
      }
    }
  }
}

/**
 * Works out the change set of an import against what the platform holds. Pure: the service looks the
 * organisations up in one query beforehand and applies the result in one transaction afterwards.
 *
 * `today` (yyyy-MM-dd, in London) decides which dates have taken effect: ODS publishes closures
 * and openings ahead of time, and a trust still operating must not be made inactive early.
 */
export function planOdsImport(request: OdsImportRequest, platform: ReadonlyMap<string, PlatformOrganisation>, today: string): OdsImportPlan {
  const refusals = new Refusals();
  const notes: string[] = [];
  const plan: OdsImportPlan = {
    changes: [],
    unchanged: 0,
    skipped: { outsideEngland: [], closedNotOnPlatform: [], notYetOpen: [] },
    successionsNotOnPlatform: 0,
    closingLater: [],
    succeedingLater: [],
    notes,
  };
  const isRegion = (code: string | null) => code !== null && platform.get(code)?.type === OrganisationType.REGION;

  // One row per code. ODS files do not repeat a code, but two files in one run (etr and ect) might.
  const trustRows = new Map<string, TrustRow>();
  for (const extract of request.trusts) {
    for (const row of extract.rows) {
      const seen = trustRows.get(row.odsCode);
      if (!seen) {
        trustRows.set(row.odsCode, { ...row, source: extract.source });
      } else if (
        seen.name !== row.name ||
        seen.nationalGroupingCode !== row.nationalGroupingCode ||
        seen.highLevelHealthGeographyCode !== row.highLevelHealthGeographyCode ||
        seen.closedOn !== row.closedOn
      ) {
        refusals.add('ImportConflictingRows', row.odsCode, `${seen.source} line ${seen.line} and ${extract.source} line ${row.line} disagree`);
      }
    }
  }
  const icbEntries = new Map<string, IcbListEntry>();
  for (const icb of request.icbs) {
    const seen = icbEntries.get(icb.odsCode);
    if (!seen) icbEntries.set(icb.odsCode, icb);
    else if (seen.name !== icb.name || seen.regionOdsCode !== icb.regionOdsCode) {
      refusals.add('ImportConflictingRows', icb.odsCode, `${seen.source} lines ${seen.line} and ${icb.line} disagree`);
    }
    if (trustRows.has(icb.odsCode)) {
      refusals.add('ImportConflictingRows', icb.odsCode, `listed both as an ICB (${icb.source}) and as a trust (${trustRows.get(icb.odsCode)!.source})`);
    }
  }

  // After this import, which region each ICB sits under (for consistency notes) and which codes are ICBs.
  const icbRegion = new Map<string, string | null>();
  for (const o of platform.values()) if (o.type === OrganisationType.ICB) icbRegion.set(o.odsCode, o.parentOdsCode);
  for (const icb of icbEntries.values()) icbRegion.set(icb.odsCode, icb.regionOdsCode);

  const addedCodes = new Set<string>();
  const closedAfterImport = new Map<string, boolean>();
  const typeOf = new Map<string, Imported>();

  const compare = (existing: PlatformOrganisation, type: Imported, name: string, parentOdsCode: string | null, closedOn: string | null) => {
    const before = plan.changes.length;
    if (existing.name !== name) plan.changes.push({ kind: 'renamed', odsCode: existing.odsCode, type, fromName: existing.name, toName: name });
    if (closedOn) {
      // A closed organisation keeps its last parent: the file may place it under a body that no longer exists.
      if (existing.isActive || existing.closedOn !== closedOn) {
        plan.changes.push({ kind: 'closed', odsCode: existing.odsCode, type, closedOn, previousClosedOn: existing.closedOn });
      }
    } else {
      if (parentOdsCode && existing.parentOdsCode !== parentOdsCode) {
        plan.changes.push({ kind: 'moved', odsCode: existing.odsCode, type, fromParentOdsCode: existing.parentOdsCode, toParentOdsCode: parentOdsCode });
      }
      if (!existing.isActive) plan.changes.push({ kind: 'reopened', odsCode: existing.odsCode, type, previousClosedOn: existing.closedOn });
    }
    if (plan.changes.length === before) plan.unchanged++;
    closedAfterImport.set(existing.odsCode, closedOn !== null);
  };

  // ICBs first, so that trusts can be placed under an ICB supplied in the same run.
  for (const icb of [...icbEntries.values()].sort((a, b) => a.odsCode.localeCompare(b.odsCode))) {
    typeOf.set(icb.odsCode, OrganisationType.ICB);
    const region = platform.get(icb.regionOdsCode);
    if (!region) {
      refusals.add('ImportUnknownParent', icb.regionOdsCode, `region of ICB ${icb.odsCode} (${icb.source} line ${icb.line})`);
      continue;
    }
    if (region.type !== OrganisationType.REGION) {
      refusals.add('ImportTypeMismatch', icb.regionOdsCode, `given as the region of ICB ${icb.odsCode} but is a ${region.type} on the platform`);
      continue;
    }
    const existing = platform.get(icb.odsCode);
    if (existing && existing.type !== OrganisationType.ICB) {
      refusals.add('ImportTypeMismatch', icb.odsCode, `listed as an ICB but is a ${existing.type} on the platform`);
    } else if (existing) {
      compare(existing, OrganisationType.ICB, icb.name, icb.regionOdsCode, null);
    } else {
      plan.changes.push({ kind: 'added', odsCode: icb.odsCode, type: OrganisationType.ICB, name: icb.name, parentOdsCode: icb.regionOdsCode });
      addedCodes.add(icb.odsCode);
      closedAfterImport.set(icb.odsCode, false);
    }
  }

  for (const row of [...trustRows.values()].sort((a, b) => a.odsCode.localeCompare(b.odsCode))) {
    typeOf.set(row.odsCode, OrganisationType.TRUST);
    if (!isRegion(row.nationalGroupingCode)) {
      plan.skipped.outsideEngland.push({ odsCode: row.odsCode, nationalGroupingCode: row.nationalGroupingCode });
      continue;
    }
    const existing = platform.get(row.odsCode);
    if (existing && existing.type !== OrganisationType.TRUST) {
      refusals.add('ImportTypeMismatch', row.odsCode, `listed as a trust (${row.source} line ${row.line}) but is a ${existing.type} on the platform`);
      continue;
    }
    // ODS's close date is the last day of operation.
    const closedOn = row.closedOn !== null && row.closedOn < today ? row.closedOn : null;
    if (row.closedOn !== null && closedOn === null) plan.closingLater.push({ odsCode: row.odsCode, closedOn: row.closedOn });

    if (closedOn) {
      if (existing) compare(existing, OrganisationType.TRUST, row.name, null, closedOn);
      else plan.skipped.closedNotOnPlatform.push(row.odsCode);
      continue;
    }
    if (!existing && row.openedOn !== null && row.openedOn > today) {
      plan.skipped.notYetOpen.push({ odsCode: row.odsCode, openedOn: row.openedOn });
      continue;
    }

    const icbCode = row.highLevelHealthGeographyCode;
    const parent = icbCode ? platform.get(icbCode) : undefined;
    if (!icbCode) {
      refusals.add('ImportInvalidFile', row.odsCode, `${row.source} line ${row.line}: open and in region ${row.nationalGroupingCode} but with no ICB`);
      continue;
    }
    if (!parent && !icbEntries.has(icbCode)) {
      refusals.add('ImportUnknownParent', icbCode, `ICB of ${row.odsCode} (${row.source} line ${row.line})`);
      continue;
    }
    if (parent && parent.type !== OrganisationType.ICB) {
      refusals.add('ImportTypeMismatch', icbCode, `given as the ICB of ${row.odsCode} but is a ${parent.type} on the platform`);
      continue;
    }
    const region = icbRegion.get(icbCode);
    if (region && region !== row.nationalGroupingCode) {
      notes.push(
        `${row.odsCode} is grouped under region ${row.nationalGroupingCode} in ${row.source} but its ICB ${icbCode} sits under ${region}; it follows its ICB.`,
      );
    }
    if (existing) {
      compare(existing, OrganisationType.TRUST, row.name, icbCode, null);
    } else {
      plan.changes.push({ kind: 'added', odsCode: row.odsCode, type: OrganisationType.TRUST, name: row.name, parentOdsCode: icbCode });
      addedCodes.add(row.odsCode);
      closedAfterImport.set(row.odsCode, false);
    }
  }

  planSuccessors(request.successors, platform, { addedCodes, closedAfterImport, typeOf, trustRows, today }, plan, refusals);
  checkSubIcbGroupings(request.subIcbLocations, icbRegion, today, notes);

  refusals.throwFirst([
    ['ImportInvalidFile', (codes) => `Rows for ${codes.join(', ')} cannot be imported as they stand.`],
    ['ImportConflictingRows', (codes) => `The files disagree about ${codes.join(', ')}.`],
    ['ImportTypeMismatch', (codes) => `${codes.join(', ')}: not the kind of organisation the files say.`],
    [
      'ImportUnknownParent',
      (codes) =>
        `${plural(codes.length, 'parent code is', 'parent codes are')} not on the platform: ${codes.join(', ')}. ` +
        'Supply new ICBs in the same run with --icbs FILE (ods_code,name,region_ods_code).',
    ],
    ['ImportUnknownOrganisation', (codes) => `No organisation on the platform or in this import has code ${codes.join(', ')}.`],
    ['ImportSuccessorForOpenOrganisation', (codes) => `${codes.join(', ')} would still be open after this import; only a closed organisation has a successor.`],
  ]);
  return plan;
}

/** The day before an ISO date: ODS's successor takes over on its effective date, so its predecessor's last day is the one before. */
function dayBefore(isoDate: string): string {
  const d = new Date(`${isoDate}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

function planSuccessors(
  successors: SuccessorAssignment[],
  platform: ReadonlyMap<string, PlatformOrganisation>,
  run: {
    addedCodes: Set<string>;
    closedAfterImport: Map<string, boolean>;
    typeOf: Map<string, Imported>;
    trustRows: ReadonlyMap<string, TrustRow>;
    today: string;
  },
  plan: OdsImportPlan,
  refusals: Refusals,
): void {
  const isKnown = (code: string) => platform.has(code) || run.addedCodes.has(code);
  // By hand (--successor, a list with a header): the operator's word, checked for consistency.
  const wanted = new Map<string, SuccessorAssignment>();
  for (const s of successors.filter((s) => s.effectiveOn === undefined)) {
    const seen = wanted.get(s.odsCode);
    if (seen && seen.successorOdsCode !== s.successorOdsCode) {
      refusals.add('ImportConflictingRows', s.odsCode, `successor ${seen.successorOdsCode} (${seen.source}) and ${s.successorOdsCode} (${s.source})`);
    } else if (s.odsCode === s.successorOdsCode) {
      refusals.add('ImportConflictingRows', s.odsCode, `cannot be its own successor (${s.source})`);
    } else {
      wanted.set(s.odsCode, s);
    }
  }

  // ODS's records: only those about organisations here, and only once in effect.
  const recorded = new Map<string, SuccessorAssignment[]>();
  for (const s of successors.filter((s) => s.effectiveOn !== undefined)) {
    if (!isKnown(s.odsCode)) {
      plan.successionsNotOnPlatform++;
      continue;
    }
    if (s.effectiveOn! > run.today) {
      plan.succeedingLater.push({ odsCode: s.odsCode, successorOdsCode: s.successorOdsCode, effectiveOn: s.effectiveOn! });
      continue;
    }
    recorded.set(s.odsCode, [...(recorded.get(s.odsCode) ?? []), s]);
  }
  const closeOn = new Map<string, { closedOn: string; source: string }>();
  for (const [odsCode, records] of recorded) {
    const first = [...records].sort((a, b) => a.effectiveOn!.localeCompare(b.effectiveOn!))[0];
    closeOn.set(odsCode, { closedOn: dayBefore(first.effectiveOn!), source: first.source });
    if (wanted.has(odsCode)) continue;
    const successorCodes = [...new Set(records.map((r) => r.successorOdsCode))].sort();
    if (successorCodes.length > 1) {
      // A split: leads and roles cannot follow two ways at once, so the operator says where they go.
      plan.notes.push(
        `${odsCode} was split between ${successorCodes.join(' and ')} (${records.map((r) => r.source).join('; ')}): it is closed with no successor; ` +
          `name the one its leads and roles go to with --successor ${odsCode}=${successorCodes[0]}.`,
      );
      continue;
    }
    wanted.set(odsCode, first);
  }

  // Closed by a record in effect, unless already closed (or closed by an extract in this run, whose date wins).
  for (const [odsCode, { closedOn, source }] of [...closeOn.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    const organisation = platform.get(odsCode);
    if (!organisation || (organisation.type !== OrganisationType.TRUST && organisation.type !== OrganisationType.ICB)) continue;
    const closedByFile = run.closedAfterImport.get(odsCode);
    if (closedByFile === true) continue;
    const row = run.trustRows.get(odsCode);
    if (closedByFile === false && row) {
      refusals.add('ImportConflictingRows', odsCode, `open in ${row.source} line ${row.line} but succeeded in ${source}`);
      continue;
    }
    if (!organisation.isActive) continue;
    plan.changes.push({ kind: 'closed', odsCode, type: organisation.type, closedOn, previousClosedOn: organisation.closedOn });
    run.closedAfterImport.set(odsCode, true);
  }

  for (const s of [...wanted.values()].sort((a, b) => a.odsCode.localeCompare(b.odsCode))) {
    const organisation = platform.get(s.odsCode);
    const successor = platform.get(s.successorOdsCode);
    const isSuccessorKnown = isKnown(s.successorOdsCode);
    if (!organisation) refusals.add('ImportUnknownOrganisation', s.odsCode, `given a successor (${s.source})`);
    if (!isSuccessorKnown) refusals.add('ImportUnknownOrganisation', s.successorOdsCode, `named as the successor of ${s.odsCode} (${s.source})`);
    if (!organisation || !isSuccessorKnown) continue;
    const successorType = successor?.type ?? run.typeOf.get(s.successorOdsCode);
    if (organisation.type !== OrganisationType.TRUST && organisation.type !== OrganisationType.ICB) {
      refusals.add('ImportTypeMismatch', s.odsCode, `a ${organisation.type} is not given successors by an ODS import (${s.source})`);
      continue;
    }
    if (organisation.type !== successorType) {
      refusals.add('ImportTypeMismatch', s.successorOdsCode, `a ${successorType} cannot succeed ${s.odsCode}, a ${organisation.type} (${s.source})`);
      continue;
    }
    // Catches OLD=NEW given the wrong way round, which would otherwise mark a live trust as superseded.
    const isClosed = run.closedAfterImport.get(s.odsCode) ?? !organisation.isActive;
    if (!isClosed) {
      refusals.add('ImportSuccessorForOpenOrganisation', s.odsCode, `given successor ${s.successorOdsCode} (${s.source}) but open`);
      continue;
    }
    if (organisation.successorOdsCode !== s.successorOdsCode) {
      plan.changes.push({
        kind: 'successor',
        odsCode: s.odsCode,
        type: organisation.type,
        successorOdsCode: s.successorOdsCode,
        previousSuccessorOdsCode: organisation.successorOdsCode,
      });
    }
  }
}

/**
 * Sub-ICB locations are not organisations on this platform, but ODS groups each under an ICB and a
 * region: a cheap cross-check that the platform's ICB→region structure still matches ODS's.
 */
function checkSubIcbGroupings(extracts: OdsExtract[], icbRegion: ReadonlyMap<string, string | null>, today: string, notes: string[]): void {
  for (const extract of extracts) {
    const groupings = new Map<string, Map<string, number>>();
    let locations = 0;
    for (const row of extract.rows) {
      if (row.closedOn !== null && row.closedOn < today) continue;
      if (!row.highLevelHealthGeographyCode || !row.nationalGroupingCode) continue;
      locations++;
      const regions = groupings.get(row.highLevelHealthGeographyCode) ?? new Map<string, number>();
      regions.set(row.nationalGroupingCode, (regions.get(row.nationalGroupingCode) ?? 0) + 1);
      groupings.set(row.highLevelHealthGeographyCode, regions);
    }
    let disagreements = 0;
    for (const [icb, regions] of [...groupings.entries()].sort(([a], [b]) => a.localeCompare(b))) {
      const grouped = [...regions.keys()].sort();
      if (grouped.length > 1) {
        disagreements++;
        notes.push(`${extract.source}: ICB ${icb} has locations in several regions (${grouped.map((r) => `${r} ×${regions.get(r)}`).join(', ')}).`);
        continue;
      }
      const platformRegion = icbRegion.get(icb);
      if (platformRegion === undefined) {
        disagreements++;
        notes.push(`${extract.source}: ICB ${icb} (region ${grouped[0]}) is not on the platform; add it with --icbs if trusts are to move under it.`);
      } else if (platformRegion !== grouped[0]) {
        disagreements++;
        notes.push(`${extract.source}: ICB ${icb} sits under ${platformRegion} on the platform but ODS groups its locations under ${grouped[0]}.`);
      }
    }
    notes.push(
      `${extract.source}: ${plural(locations, 'open sub-ICB location', 'open sub-ICB locations')} in ${plural(groupings.size, 'ICB', 'ICBs')} checked; ` +
        `${disagreements === 0 ? 'every ICB-to-region grouping agrees with the platform' : plural(disagreements, 'ICB disagrees', 'ICBs disagree')}. ` +
        'Sub-ICB locations are not organisations here, so none were added.',
    );
  }
}
