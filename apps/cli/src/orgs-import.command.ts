import { readFileSync } from 'node:fs';
import { basename, isAbsolute, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { INestApplicationContext } from '@nestjs/common';
import {
  CHANGE_KINDS,
  OdsImportRequest,
  OdsImportService,
  OdsImportSummary,
  OrganisationChange,
  OrganisationImportError,
  parseIcbList,
  parseOdsExtract,
  parseSuccessorList,
  parseSuccessorOption,
  decodeImportFile,
} from '@dasv/organisations';

export const ORGS_IMPORT_USAGE = `Usage: orgs:import FILE... [options]
  FILE                 ODS extracts as published (headerless): etr*.csv / ect*.csv (trusts),
                       eccg*.csv (sub-ICB locations: checked against the ICBs, never imported),
                       succ*.csv (successor records: close merged trusts and ICBs, carry over
                       their leads, roles and open nomination requests)
  --trusts FILE        a trust extract with another name
  --sub-icbs FILE      a sub-ICB location extract with another name
  --icbs FILE          new ICBs, CSV with header ods_code,name,region_ods_code
  --successors FILE    ODS successor records with another name, or a CSV with header
                       ods_code,successor_ods_code
  --successor OLD=NEW  a successor for a closed organisation (repeatable)
  --dry-run            report the changes without writing them
Files may be UTF-8 or Windows-1252.`;

class UsageError extends Error {}

interface ImportArguments {
  trusts: string[];
  subIcbLocations: string[];
  icbs: string[];
  successorFiles: string[];
  successors: string[];
  dryRun: boolean;
}

/** ODS's own file names say what a file holds; trusts and sub-ICB locations share one layout, so nothing else reliably does. */
function kindOfExtract(file: string): 'trusts' | 'subIcbLocations' | 'successors' {
  const name = basename(file).toLowerCase();
  if (name.startsWith('eccg')) return 'subIcbLocations';
  if (name.startsWith('etr') || name.startsWith('ect')) return 'trusts';
  if (name.startsWith('succ')) return 'successors';
  throw new UsageError(
    `${basename(file)}: cannot tell what the file holds by its name; pass it with --trusts or --sub-icbs (or --successors for successor records)`,
  );
}

function parseArguments(args: string[]): ImportArguments {
  let parsed: ReturnType<typeof parseArgsStrictly>;
  try {
    parsed = parseArgsStrictly(args);
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const { values, positionals } = parsed;
  const extracts = positionals.map((file) => ({ file, kind: kindOfExtract(file) }));
  const result: ImportArguments = {
    trusts: [...extracts.filter((e) => e.kind === 'trusts').map((e) => e.file), ...(values.trusts ?? [])],
    subIcbLocations: [...extracts.filter((e) => e.kind === 'subIcbLocations').map((e) => e.file), ...(values['sub-icbs'] ?? [])],
    icbs: values.icbs ?? [],
    successorFiles: [...extracts.filter((e) => e.kind === 'successors').map((e) => e.file), ...(values.successors ?? [])],
    successors: values.successor ?? [],
    dryRun: values['dry-run'] ?? false,
  };
  if (result.trusts.length + result.subIcbLocations.length + result.icbs.length + result.successorFiles.length + result.successors.length === 0) {
    throw new UsageError('nothing to import');
  }
  return result;
}

function parseArgsStrictly(args: string[]) {
  return parseArgs({
    args,
    allowPositionals: true,
    strict: true,
    options: {
      trusts: { type: 'string', multiple: true },
      'sub-icbs': { type: 'string', multiple: true },
      icbs: { type: 'string', multiple: true },
      successors: { type: 'string', multiple: true },
      successor: { type: 'string', multiple: true },
      'dry-run': { type: 'boolean' },
    },
  });
}

function readInputs(args: ImportArguments): { request: OdsImportRequest; notes: string[] } {
  // scripts/cli.js starts this process in the directory the operator typed `npm run` in.
  const base = process.cwd();
  const notes: string[] = [];
  const read = (file: string) => {
    const path = isAbsolute(file) ? file : resolve(base, file);
    let content: Buffer;
    try {
      content = readFileSync(path);
    } catch (error) {
      throw new UsageError(`cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
    }
    const source = basename(path);
    const { text, encoding } = decodeImportFile(content, source);
    if (encoding !== 'UTF-8') notes.push(`${source}: not UTF-8, read as ${encoding}.`);
    return { content: text, source };
  };
  const request = {
    trusts: args.trusts.map(read).map((f) => parseOdsExtract(f.content, f.source)),
    subIcbLocations: args.subIcbLocations.map(read).map((f) => parseOdsExtract(f.content, f.source)),
    icbs: args.icbs.map(read).flatMap((f) => parseIcbList(f.content, f.source)),
    successors: [...args.successorFiles.map(read).flatMap((f) => parseSuccessorList(f.content, f.source)), ...args.successors.map(parseSuccessorOption)],
  };
  return { request, notes };
}

function describeChange(change: OrganisationChange): string {
  switch (change.kind) {
    case 'added':
      return `${change.name}, under ${change.parentOdsCode}`;
    case 'renamed':
      return `${change.fromName} -> ${change.toName}`;
    case 'moved':
      return `${change.fromParentOdsCode ?? '(none)'} -> ${change.toParentOdsCode}`;
    case 'closed':
      return `on ${change.closedOn}${change.previousClosedOn ? ` (was ${change.previousClosedOn})` : ''}`;
    case 'reopened':
      return `open again${change.previousClosedOn ? ` (had closed on ${change.previousClosedOn})` : ''}`;
    case 'successor':
      return `succeeded by ${change.successorOdsCode}${change.previousSuccessorOdsCode ? ` (was ${change.previousSuccessorOdsCode})` : ''}`;
  }
}

export function formatOdsImportSummary(summary: OdsImportSummary): string {
  const lines = [`ODS import${summary.dryRun ? ' (dry run)' : ''}: ${summary.sources.join(', ') || 'successors only'}`];
  for (const kind of [...CHANGE_KINDS, 'unchanged'] as const) lines.push(`  ${kind.padEnd(10)} ${summary.counts[kind]}`);
  const { outsideEngland, closedNotOnPlatform, notYetOpen } = summary.skipped;
  const skipped = [
    outsideEngland.length && `${outsideEngland.length} outside England (${outsideEngland.map((s) => s.odsCode).join(', ')})`,
    closedNotOnPlatform.length && `${closedNotOnPlatform.length} closed and never on the platform`,
    notYetOpen.length && `${notYetOpen.length} not open yet (${notYetOpen.map((s) => `${s.odsCode} on ${s.openedOn}`).join(', ')})`,
  ].filter(Boolean);
  lines.push(`  ${'skipped'.padEnd(10)} ${skipped.length ? skipped.join('; ') : 0}`);
  if (summary.successionsNotOnPlatform) {
    lines.push(`  ${''.padEnd(10)} ${summary.successionsNotOnPlatform} successor records about organisations not on the platform`);
  }
  if (summary.closingLater.length) {
    lines.push(
      `  ${'closing'.padEnd(10)} ${summary.closingLater.map((c) => `${c.odsCode} after ${c.closedOn}`).join(', ')} (still open; a later import closes them)`,
    );
  }
  if (summary.succeedingLater.length) {
    lines.push(
      `  ${'succeeding'.padEnd(10)} ${summary.succeedingLater.map((c) => `${c.odsCode} by ${c.successorOdsCode} on ${c.effectiveOn}`).join(', ')} (a later import applies them)`,
    );
  }

  const order = (c: OrganisationChange) => CHANGE_KINDS.indexOf(c.kind);
  const changes = [...summary.changes].sort((a, b) => order(a) - order(b) || a.odsCode.localeCompare(b.odsCode));
  lines.push('', changes.length ? 'Changes:' : 'No changes.');
  for (const c of changes) lines.push(`  ${c.kind.padEnd(10)} ${c.type.padEnd(5)} ${c.odsCode.padEnd(6)} ${describeChange(c)}`);
  lines.push(...formatSuccession(summary));
  if (summary.notes.length) lines.push('', 'Notes:', ...summary.notes.map((n) => `  ${n}`));
  if (summary.dryRun) lines.push('', 'Dry run: nothing was written.');
  return lines.join('\n');
}

/** What an operator has to follow up after mergers: where people went, and what is left without anyone. */
function formatSuccession(summary: OdsImportSummary): string[] {
  const lines: string[] = [];
  const closedWithSuccessor = summary.changes.filter((c): c is Extract<OrganisationChange, { kind: 'successor' }> => c.kind === 'successor');
  if (closedWithSuccessor.length) {
    lines.push('', 'Closed with a successor:');
    for (const c of closedWithSuccessor) {
      const carried = summary.carriedOver.filter((o) => o.fromOdsCode === c.odsCode);
      const what = carried.map((o) => {
        const items = Object.entries(o.items).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
        return `${items.map(([item, n]) => `${n} ${item}${n === 1 ? '' : 's'}`).join(', ')} to ${o.toOdsCode}`;
      });
      lines.push(`  ${c.type.padEnd(5)} ${c.odsCode.padEnd(6)} -> ${c.successorOdsCode.padEnd(6)} carried over: ${what.length ? what.join('; ') : 'nothing'}`);
    }
  }
  if (summary.icbsWithoutTrusts.length) {
    lines.push('', 'ICBs with no open trusts:', ...summary.icbsWithoutTrusts.map((i) => `  ${i.odsCode.padEnd(6)} ${i.name}`));
  }
  if (summary.newWithoutAdministrator?.length) {
    lines.push(
      '',
      'New organisations with no administrator (grant ORG_ADMIN or ICB_ADMIN there):',
      ...summary.newWithoutAdministrator.map((code) => `  ${code}`),
    );
  }
  return lines;
}

/** `orgs:import`: 0 when imported (or nothing to do), 1 when the import is refused, 2 on a usage error. */
export async function runOdsImportCommand(app: INestApplicationContext, args: string[]): Promise<number> {
  try {
    const parsed = parseArguments(args);
    const { request, notes } = readInputs(parsed);
    const summary = await app.get(OdsImportService).importExtracts(request, { dryRun: parsed.dryRun });
    console.log(formatOdsImportSummary({ ...summary, notes: [...notes, ...summary.notes] }));
    return 0;
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`orgs:import: ${error.message}\n\n${ORGS_IMPORT_USAGE}`);
      return 2;
    }
    if (error instanceof OrganisationImportError) {
      console.error(`Import refused (${error.reason}): ${error.message}`);
      for (const p of error.problems) console.error(`  ${p.odsCode.padEnd(6)} ${p.detail}`);
      return 1;
    }
    throw error;
  }
}
