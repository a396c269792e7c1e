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
} from '@dasv/organisations';

export const ORGS_IMPORT_USAGE = `Usage: orgs:import FILE... [options]
  FILE                 ODS extracts as published (headerless): etr*.csv / ect*.csv (trusts),
                       eccg*.csv (sub-ICB locations: checked against the ICBs, never imported)
  --trusts FILE        a trust extract with another name
  --sub-icbs FILE      a sub-ICB location extract with another name
  --icbs FILE          new ICBs, CSV with header ods_code,name,region_ods_code
  --successors FILE    CSV with header ods_code,successor_ods_code
  --successor OLD=NEW  a successor for a closed organisation (repeatable)
  --dry-run            report the changes without writing them`;

class UsageError extends Error {}

interface ImportArguments {
  trusts: string[];
  subIcbLocations: string[];
  icbs: string[];
  successorFiles: string[];
  successors: string[];
  dryRun: boolean;
}

/** ODS's own file names say what a file holds; both kinds share one layout, so nothing else reliably does. */
function kindOfExtract(file: string): 'trusts' | 'subIcbLocations' {
  const name = basename(file).toLowerCase();
  if (name.startsWith('eccg')) return 'subIcbLocations';
  if (name.startsWith('etr') || name.startsWith('ect')) return 'trusts';
  throw new UsageError(`${basename(file)}: cannot tell a trust extract from a sub-ICB one by its name; pass it with --trusts or --sub-icbs`);
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
    successorFiles: values.successors ?? [],
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

function readInputs(args: ImportArguments): OdsImportRequest {
  // scripts/cli.js starts this process in the directory the operator typed `npm run` in.
  const base = process.cwd();
  const read = (file: string) => {
    const path = isAbsolute(file) ? file : resolve(base, file);
    try {
      return { content: readFileSync(path), source: basename(path) };
    } catch (error) {
      throw new UsageError(`cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
    }
  };
  return {
    trusts: args.trusts.map(read).map((f) => parseOdsExtract(f.content, f.source)),
    subIcbLocations: args.subIcbLocations.map(read).map((f) => parseOdsExtract(f.content, f.source)),
    icbs: args.icbs.map(read).flatMap((f) => parseIcbList(f.content, f.source)),
    successors: [
      ...args.successorFiles.map(read).flatMap((f) => parseSuccessorList(f.content, f.source)),
      ...args.successors.map(parseSuccessorOption),
    ],
  };
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
  if (summary.closingLater.length) {
    lines.push(`  ${'closing'.padEnd(10)} ${summary.closingLater.map((c) => `${c.odsCode} after ${c.closedOn}`).join(', ')} (still open; a later import closes them)`);
  }

  const order = (c: OrganisationChange) => CHANGE_KINDS.indexOf(c.kind);
  const changes = [...summary.changes].sort((a, b) => order(a) - order(b) || a.odsCode.localeCompare(b.odsCode));
  lines.push('', changes.length ? 'Changes:' : 'No changes.');
  for (const c of changes) lines.push(`  ${c.kind.padEnd(10)} ${c.type.padEnd(5)} ${c.odsCode.padEnd(6)} ${describeChange(c)}`);
  if (summary.notes.length) lines.push('', 'Notes:', ...summary.notes.map((n) => `  ${n}`));
  if (summary.dryRun) lines.push('', 'Dry run: nothing was written.');
  return lines.join('\n');
}

/** `orgs:import`: 0 when imported (or nothing to do), 1 when the import is refused, 2 on a usage error. */
export async function runOdsImportCommand(app: INestApplicationContext, args: string[]): Promise<number> {
  try {
    const parsed = parseArguments(args);
    const summary = await app.get(OdsImportService).importExtracts(readInputs(parsed), { dryRun: parsed.dryRun });
    console.log(formatOdsImportSummary(summary));
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
