import { GraphQLSchemaHost } from '@nestjs/graphql';
import { isObjectType } from 'graphql';
import { randomUUID } from 'node:crypto';
import { EXPORT_COMPLEXITY } from '@dasv/common';
import { createTestApp, Role, TestApp } from '@dasv/testing';
import type TestAgent from 'supertest/lib/agent';

/** One request must not be able to exhaust the API, and a client's mistake is the client's error. */
describe('GraphQL request limits and client errors', () => {
  let app: TestApp;
  let admin: TestAgent;

  beforeAll(async () => {
    app = await createTestApp();
    admin = (await app.signedIn({ odsCode: 'X24', roles: [{ role: Role.NATIONAL_ADMIN }] })).agent;
  });
  afterAll(() => app.close());

  const aliased = (count: number, field: string) => `{ ${Array.from({ length: count }, (_, i) => `a${i}: ${field}`).join(' ')} }`;

  describe('cost', () => {
    it('costs an export by the rows it reads: a few aliases of one CSV are refused before any runs', async () => {
      const returnId = randomUUID();
      const r = await app.gql(admin, aliased(3, `nominationStatusesCsv(returnId: "${returnId}")`));
      expect(r.status).toBe(400);
      expect(r.errors?.[0].extensions?.code).toBe('QUERY_TOO_COMPLEX');
      expect(r.data).toBeUndefined();
    });

    it('refuses a thousand aliases of an export quickly, with a coded 400', async () => {
      const started = Date.now();
      const r = await app.gql(admin, aliased(1000, `nominationStatusesCsv(returnId: "${randomUUID()}")`));
      expect([r.status, r.errors?.[0].extensions?.code]).toEqual([400, 'QUERY_TOO_COMPLEX']);
      expect(Date.now() - started).toBeLessThan(10_000);
    });

    it('declares a large cost on every CSV export in the schema', () => {
      const { schema } = app.api.get(GraphQLSchemaHost);
      const exports = Object.values(schema.getQueryType()!.getFields()).filter((field) => /Csv$/.test(field.name));
      expect(exports.length).toBeGreaterThanOrEqual(5);
      for (const field of exports) expect([field.name, field.extensions.complexity]).toEqual([field.name, EXPORT_COMPLEXITY]);
      // No other type hides an export behind a cheap field either.
      for (const type of Object.values(schema.getTypeMap())) {
        if (!isObjectType(type) || type.name.startsWith('__')) continue;
        for (const field of Object.values(type.getFields())) {
          if (/Csv$/.test(field.name)) expect([type.name, field.name, field.extensions.complexity]).toEqual([type.name, field.name, EXPORT_COMPLEXITY]);
        }
      }
    });

    it('limits the top-level fields of one request', async () => {
      const r = await app.gql(admin, aliased(21, '__typename'));
      expect([r.status, r.errors?.[0].extensions?.code]).toEqual([400, 'QUERY_TOO_COMPLEX']);
      expect(r.errors?.[0].message).toMatch(/at most 20 top-level fields/);
      const fine = await app.gql(admin, `{ me { id } a: me { id } ${Array.from({ length: 8 }, (_, i) => `t${i}: __typename`).join(' ')} }`);
      expect(fine.errors).toBeUndefined();
    });

    it('limits how often one field may be aliased, at any depth and through fragments', async () => {
      const ten = await app.gql(admin, aliased(10, 'me { id }'));
      expect(ten.errors).toBeUndefined();
      const eleven = await app.gql(admin, aliased(11, 'me { id }'));
      expect([eleven.status, eleven.errors?.[0].extensions?.code]).toEqual([400, 'QUERY_TOO_COMPLEX']);
      expect(eleven.errors?.[0].message).toMatch(/me under at most 10 aliases/);
      const nested = await app.gql(admin, `{ me { ...f } } fragment f on User { ${Array.from({ length: 11 }, (_, i) => `e${i}: email`).join(' ')} }`);
      expect([nested.status, nested.errors?.[0].extensions?.code]).toEqual([400, 'QUERY_TOO_COMPLEX']);
    });

    it('refuses a megabyte of tokens while parsing it', async () => {
      const r = await app.gql(admin, `{ me { ${'id '.repeat(20_000)} } }`);
      expect([r.status, r.errors?.[0].extensions?.code]).toEqual([400, 'GRAPHQL_PARSE_FAILED']);
    });
  });

  describe('client errors', () => {
    const signIn = 'mutation($i: SignInInput!) { signIn(input: $i) { id } }';

    it.each([
      ['null for a required input', { i: null }],
      ['wrong types inside an input', { i: { email: 5, password: {} } }],
      ['a missing required field', { i: { email: 'a@nhs.net' } }],
      ['a list where an object belongs', { i: [1, 2] }],
    ])('answers %s with BAD_USER_INPUT and 400', async (_name, variables) => {
      const r = await app.gql(app.client(), signIn, variables);
      expect([r.status, r.errors?.[0].extensions?.code]).toEqual([400, 'BAD_USER_INPUT']);
    });

    it('answers an unknown enum value in variables or the query as the client’s error', async () => {
      const viaVariable = await app.gql(admin, 'query($r: LeadRole) { directory(leadRole: $r) { totalCount } }', { r: 'CAPTAIN' });
      expect([viaVariable.status, viaVariable.errors?.[0].extensions?.code]).toEqual([400, 'BAD_USER_INPUT']);
      const inline = await app.gql(admin, '{ directory(leadRole: CAPTAIN) { totalCount } }');
      expect([inline.status, inline.errors?.[0].extensions?.code]).toEqual([400, 'GRAPHQL_VALIDATION_FAILED']);
    });

    it('answers malformed and too-deep queries with their codes and 400', async () => {
      const malformed = await app.gql(admin, '{ me { id ');
      expect([malformed.status, malformed.errors?.[0].extensions?.code]).toEqual([400, 'GRAPHQL_PARSE_FAILED']);
      const deep = await app.gql(
        admin,
        `{ organisations { edges { node { parent { parent { parent { parent { parent { parent { parent { id } } } } } } } } } } }`,
      );
      expect([deep.status, deep.errors?.[0].extensions?.code]).toEqual([400, 'GRAPHQL_VALIDATION_FAILED']);
      expect(deep.errors?.[0].message).toMatch(/depth/);
    });

    it('validates every id argument, inline or in variables, before any resolver runs', async () => {
      const inline = await app.gql(admin, 'mutation { revokeRole(id: "not-a-uuid") }');
      expect([inline.status, inline.errors?.[0].extensions?.code]).toEqual([400, 'BAD_USER_INPUT']);
      expect(inline.errors?.[0].extensions?.fields).toEqual({ id: ['id must be an id this service gave out'] });
      const variable = await app.gql(admin, 'mutation($id: ID!) { revokeRole(id: $id) }', { id: '1; DROP TABLE users' });
      expect([variable.status, variable.errors?.[0].extensions?.code]).toEqual([400, 'BAD_USER_INPUT']);
      const number = await app.gql(admin, 'mutation($id: ID!) { revokeRole(id: $id) }', { id: 42 });
      expect([number.status, number.errors?.[0].extensions?.code]).toEqual([400, 'BAD_USER_INPUT']);
      const wellFormed = await app.gql(admin, 'mutation($id: ID!) { revokeRole(id: $id) }', { id: randomUUID() });
      expect(wellFormed.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    });
  });
});
