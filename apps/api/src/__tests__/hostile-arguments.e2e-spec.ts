import { GraphQLSchemaHost } from '@nestjs/graphql';
import {
  getNamedType,
  GraphQLField,
  GraphQLID,
  GraphQLInputType,
  GraphQLNamedInputType,
  isEnumType,
  isInputObjectType,
  isLeafType,
  isListType,
  isNonNullType,
  isScalarType,
} from 'graphql';
import { ErrorCode } from '@dasv/common';
import { createTestApp, mapWithConcurrency, Role, TestApp } from '@dasv/testing';
import { JSON_BODY_LIMIT_BYTES } from '../setup';
import type TestAgent from 'supertest/lib/agent';

/** Every code the README documents (libs/common ErrorCode) and GraphQL's own for a malformed request; never INTERNAL. */
const DOCUMENTED_CODES = new Set<string>([...Object.values(ErrorCode), 'GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED']);
DOCUMENTED_CODES.delete(ErrorCode.Internal);
const MEGABYTE = 'x'.repeat(1024 * 1024);
const SOME_UUID = '00000000-0000-4000-8000-000000000000';
/** Requests in flight at once: keeps the API busy without queueing sockets on a small machine. */
const CONCURRENCY = 8;
/**
 * The schema gave 807 calls per pass when this was written, each pass 11-36 s on a 2-core machine
 * shared with other test runs (mutations go one at a time, with the tables compared after each).
 * A pass's budget allows 100 ms a call for up to this many calls; past it, raise both together.
 */
const MAX_CALLS_PER_PASS = 1200;
const PASS_BUDGET_MS = MAX_CALLS_PER_PASS * 100;

/** Only the arguments or input fields that must be given: an optional one left out takes its default. */
function required<T extends { type: GraphQLInputType }>(fields: readonly T[]): T[] {
  return fields.filter((f) => isNonNullType(f.type));
}

/** A value of the declared type that passes GraphQL's own checks, so the hostile value is the only fault. */
function plausible(type: GraphQLInputType, depth = 0): unknown {
  if (isNonNullType(type)) return plausible(type.ofType, depth);
  if (isListType(type)) return [plausible(type.ofType, depth)];
  if (isInputObjectType(type)) {
    if (depth > 3) return null;
    return Object.fromEntries(required(Object.values(type.getFields())).map((f) => [f.name, plausible(f.type, depth + 1)]));
  }
  if (isEnumType(type)) return type.getValues()[0].value;
  if (type === GraphQLID) return SOME_UUID;
  if (isScalarType(type)) return ({ Int: 1, Float: 1, Boolean: false, DateTime: '2026-01-01T00:00:00.000Z' } as Record<string, unknown>)[type.name] ?? 'x';
  return null;
}

/** An object nested `depth` levels deep: a wrong type, and a test of how deep a parser or validator goes. */
function nested(depth: number): unknown {
  return depth === 0 ? 'x' : { a: nested(depth - 1) };
}

/**
 * The hostile stand-ins for one argument or input field, one value per class that applies: null
 * (for a non-null type too), the wrong type (a deeply nested object for a scalar, a string for an
 * input object), and per type a non-UUID id, an unknown enum value, negative and huge numbers, a
 * malformed date. Huge strings are sent once per operation (see `callsFor`).
 */
function hostile(named: GraphQLNamedInputType): unknown[] {
  if (isInputObjectType(named)) return [null, 'x', nested(40)];
  const values: unknown[] = [null, isScalarType(named) && ['Int', 'Float', 'Boolean'].includes(named.name) ? 'x' : nested(40)];
  if (named === GraphQLID) values.push('not-a-uuid');
  if (isEnumType(named)) values.push('NOT_A_VALUE');
  if (named.name === 'Int') values.push(-1, 2147483647);
  if (named.name === 'Float') values.push(-1, 1e308);
  if (named.name === 'DateTime') values.push('not-a-date', '9999-99-99T99:99:99Z');
  return values;
}

interface Call {
  kind: 'query' | 'mutation';
  field: string;
  operation: string;
  /** Which argument or input field carries the hostile value. */
  argument: string;
  variables: Record<string, unknown>;
}

/** Megabyte strings in one call: enough to reach every resolver's limits, well under the request body limit. */
const HUGE_STRINGS_PER_CALL = 3;

/** The operation's first String arguments and input fields (one level in) set to a megabyte each. */
function withHugeStrings(field: GraphQLField<unknown, unknown>, base: Record<string, unknown>): Record<string, unknown> | undefined {
  let left = HUGE_STRINGS_PER_CALL;
  const isString = (type: GraphQLInputType) => !isListType(isNonNullType(type) ? type.ofType : type) && getNamedType(type).name === 'String';
  const huge = (type: GraphQLInputType, value: unknown): unknown => {
    if (left > 0 && isString(type)) return (left--, MEGABYTE);
    const named = getNamedType(type);
    if (!isInputObjectType(named) || !value || typeof value !== 'object' || Array.isArray(value)) return value;
    const fields = named.getFields();
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, left > 0 && fields[k] && isString(fields[k].type) ? (left--, MEGABYTE) : v]));
  };
  const variables = Object.fromEntries(field.args.map((a) => [a.name, huge(a.type, base[a.name])]));
  return left < HUGE_STRINGS_PER_CALL ? variables : undefined;
}

function callsFor(kind: Call['kind'], field: GraphQLField<unknown, unknown>): Call[] {
  const selection = isLeafType(getNamedType(field.type)) ? '' : ' { __typename }';
  const definitions = field.args.map((a) => `$${a.name}: ${a.type.toString()}`).join(', ');
  const uses = field.args.map((a) => `${a.name}: $${a.name}`).join(', ');
  const operation = `${kind}${definitions ? `(${definitions})` : ''} { ${field.name}${uses ? `(${uses})` : ''}${selection} }`;
  // Optional arguments are left out, so each hostile value meets otherwise default behaviour.
  const base = Object.fromEntries(required(field.args).map((a) => [a.name, plausible(a.type)]));
  const call = (argument: string, variables: Record<string, unknown>): Call => ({ kind, field: field.name, operation, argument, variables });
  const calls = [call('(plausible)', base)];
  const huge = withHugeStrings(field, base);
  if (huge) calls.push(call('(every string a megabyte)', huge));
  for (const arg of field.args) {
    const named = getNamedType(arg.type);
    for (const value of hostile(named)) calls.push(call(arg.name, { ...base, [arg.name]: value }));
    if (!isInputObjectType(named) || isListType(isNonNullType(arg.type) ? arg.type.ofType : arg.type)) continue;
    for (const inner of Object.values(named.getFields())) {
      for (const value of hostile(getNamedType(inner.type))) {
        calls.push(call(`${arg.name}.${inner.name}`, { ...base, [arg.name]: { ...((base[arg.name] ?? plausible(named)) as object), [inner.name]: value } }));
      }
    }
  }
  return calls;
}

interface Outcome {
  call: Call;
  status: number;
  codes: string[];
  /** Refused: the operation's field came back without data. */
  refused: boolean;
}

/**
 * Every query and mutation of the running schema, each argument and input field in turn given hostile
 * values, signed out and as a national admin: every answer is a client error with a documented code
 * (never a 5xx, never INTERNAL_SERVER_ERROR or no code), and a refused call writes nothing.
 */
describe('every operation with hostile arguments', () => {
  let app: TestApp;
  let calls: Call[];

  beforeAll(async () => {
    app = await createTestApp();
    const { schema } = app.api.get(GraphQLSchemaHost);
    calls = [
      ...Object.values(schema.getQueryType()!.getFields()).flatMap((f) => callsFor('query', f)),
      ...Object.values(schema.getMutationType()!.getFields()).flatMap((f) => callsFor('mutation', f)),
    ];
  });
  afterAll(() => app.close());

  /**
   * Per table, its row count and the newest row version's transaction id: an insert, update or
   * delete anywhere changes it (every new row version carries its writer's xid as xmin).
   */
  async function tableFingerprint(): Promise<Record<string, string>> {
    const tables: Array<{ name: string }> = await app.dataSource.query(
      `SELECT quote_ident(tablename) AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY 1`,
    );
    const parts = tables.map((t) => `'${t.name}', (SELECT count(*) || '/' || coalesce(max(xmin::text::bigint), 0) FROM ${t.name})`);
    const [row] = await app.dataSource.query(`SELECT json_build_object(${parts.join(', ')}) AS tables`);
    return row.tables as Record<string, string>;
  }

  /** The next transaction id: it moves only when some transaction wrote (or locked rows), so it is the cheap first check. */
  async function nextXid(): Promise<string> {
    const [row] = await app.dataSource.query(`SELECT pg_snapshot_xmax(pg_current_snapshot())::text AS xid`);
    return row.xid as string;
  }

  /** Tracks the database between calls, to say which tables a call wrote to. */
  async function writeTracker() {
    let xid = await nextXid();
    let tables = await tableFingerprint();
    return async (): Promise<string[]> => {
      const nowXid = await nextXid();
      if (nowXid === xid) return [];
      const now = await tableFingerprint();
      const changed = Object.keys(now).filter((t) => tables[t] !== now[t]);
      [xid, tables] = [nowXid, now];
      return changed;
    };
  }

  async function send(agent: TestAgent, call: Call): Promise<Outcome> {
    const res = await agent.post('/graphql').set('content-type', 'application/json').send({ query: call.operation, variables: call.variables });
    const body = res.body as { data?: Record<string, unknown> | null; errors?: Array<{ extensions?: { code?: string } }> } | undefined;
    const codes = (body?.errors ?? []).map((e) => e.extensions?.code ?? '(no code)');
    return { call, status: res.status, codes, refused: codes.length > 0 && (body?.data?.[call.field] ?? null) === null };
  }

  function problems(outcomes: Outcome[]): string[] {
    return outcomes
      .filter((o) => o.status >= 500 || (o.status >= 400 && o.codes.length === 0) || o.codes.some((c) => !DOCUMENTED_CODES.has(c)))
      .map((o) => `${o.call.field} [${o.call.argument}] → ${o.status} ${o.codes.join(',')}`);
  }

  /**
   * Queries all at once, bounded; mutations one at a time with the database checked after each, so a
   * write is pinned on the call that made it (an accepted call may write, e.g. the audit of an
   * export; a refused one must not). If anything was written while the queries ran, the refused
   * queries are called again one at a time to find any that wrote.
   */
  async function callAll(agent: TestAgent): Promise<{ problems: string[]; writesByRefusedCalls: string[] }> {
    const queries = calls.filter((c) => c.kind === 'query');
    // Signing out ends the caller's session, so it goes last or the admin's remaining calls would be anonymous.
    const mutations = calls.filter((c) => c.kind === 'mutation').sort((a, b) => Number(a.field === 'signOut') - Number(b.field === 'signOut'));
    const writes = await writeTracker();
    const writesByRefusedCalls: string[] = [];
    const oneAtATime = async (call: Call): Promise<Outcome> => {
      const outcome = await send(agent, call);
      const changed = await writes();
      if (outcome.refused && changed.length > 0)
        writesByRefusedCalls.push(`${call.field} [${call.argument}] refused with ${outcome.codes.join(',')} but wrote to ${changed.join(', ')}`);
      return outcome;
    };
    const queried = await mapWithConcurrency(queries, CONCURRENCY, (call) => send(agent, call));
    if ((await writes()).length > 0) {
      for (const refused of queried.filter((o) => o.refused)) await oneAtATime(refused.call);
    }
    const mutated: Outcome[] = [];
    for (const call of mutations) mutated.push(await oneAtATime(call));
    return { problems: problems([...queried, ...mutated]), writesByRefusedCalls };
  }

  it('refuses a request body over the limit, malformed or not an object with a coded client error', async () => {
    const bodies = [
      JSON.stringify({ query: '{ me { id } }', variables: { padding: 'x'.repeat(JSON_BODY_LIMIT_BYTES) } }),
      '{"query": "{ me { id } }"',
      '[1, 2, 3]',
      '"{ me { id } }"',
      JSON.stringify({ query: { not: 'a string' } }),
      JSON.stringify({ query: '{ me { id } }', variables: 'not an object' }),
    ];
    const outcomes = await mapWithConcurrency(bodies, CONCURRENCY, async (body) => {
      const res = await app.client().post('/graphql').set('content-type', 'application/json').send(body);
      const codes = ((res.body?.errors ?? []) as Array<{ extensions?: { code?: string } }>).map((e) => e.extensions?.code ?? '(no code)');
      return { body: body.slice(0, 40), status: res.status, codes };
    });
    const wrong = outcomes.filter((o) => o.status < 400 || o.status >= 500 || o.codes.length === 0 || o.codes.some((c) => !DOCUMENTED_CODES.has(c)));
    expect(wrong).toEqual([]);
  });

  it(
    'answers every call signed out with a documented client error and writes nothing',
    async () => {
      expect(calls.length).toBeLessThanOrEqual(MAX_CALLS_PER_PASS);
      const started = Date.now();
      const result = await callAll(app.client());
      console.log(`hostile arguments, signed out: ${calls.length} calls in ${Date.now() - started} ms`);
      expect(result).toEqual({ problems: [], writesByRefusedCalls: [] });
    },
    PASS_BUDGET_MS,
  );

  it(
    'answers every call as a national admin with a documented code, and a refused call writes nothing',
    async () => {
      const { agent } = await app.signedIn({ odsCode: 'X24', roles: [{ role: Role.NATIONAL_ADMIN }] });
      const started = Date.now();
      const result = await callAll(agent);
      console.log(`hostile arguments, national admin: ${calls.length} calls in ${Date.now() - started} ms`);
      expect(result).toEqual({ problems: [], writesByRefusedCalls: [] });
    },
    PASS_BUDGET_MS,
  );
});
