import { Role } from '@dasv/auth';
import { createTestApp, GUYS, LONDON, nationalAdmin, NORTH_WEST, openReturn, TestApp } from '@dasv/testing';

const RETURN = `query($id: ID!) { nominationReturn(id: $id) { id title instructions } }`;
const MISSING_ID = '00000000-0000-4000-8000-000000000000';

describe('one nomination return is read through the same scope as the list', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp();
  });
  afterAll(() => app.close());

  it('shows a return to admins of an organisation it asks, and answers NOT_FOUND, as for a missing id, to everyone else', async () => {
    const admin = await nationalAdmin(app);
    const londonOnly = await openReturn(app, admin, { title: 'London leads', instructions: 'Only for London trusts' });

    const guys = (await app.signedIn({ odsCode: GUYS, roles: [{ role: Role.ORG_ADMIN }] })).agent;
    const seen = await app.gql(guys, RETURN, { id: londonOnly });
    expect(seen.data?.nominationReturn).toMatchObject({ id: londonOnly, title: 'London leads', instructions: 'Only for London trusts' });

    // A trust in another region is not asked by this return: it must not learn even its title.
    const [elsewhere] = await app.dataSource.query(
      `SELECT o.ods_code FROM organisation o JOIN organisation_ancestor a ON a.descendant_id = o.id
       JOIN organisation r ON r.id = a.ancestor_id WHERE r.ods_code = $1 AND o.type = 'TRUST' AND o.is_active ORDER BY o.ods_code LIMIT 1`,
      [NORTH_WEST],
    );
    const outsider = (await app.signedIn({ odsCode: elsewhere.ods_code, roles: [{ role: Role.ORG_ADMIN }] })).agent;
    const refused = await app.gql(outsider, RETURN, { id: londonOnly });
    const missing = await app.gql(outsider, RETURN, { id: MISSING_ID });
    expect(refused.data?.nominationReturn ?? null).toBeNull();
    expect(refused.errors?.[0].extensions).toEqual(missing.errors?.[0].extensions);
    expect(refused.errors?.[0]).toMatchObject({ message: missing.errors?.[0].message, extensions: { code: 'NOT_FOUND' } });
    expect(JSON.stringify(refused)).not.toContain('London leads');

    // The list agrees: the outsider sees no return, the London trust sees it.
    const LIST = `{ nominationReturns { totalCount edges { node { id } } } }`;
    expect((await app.gql(outsider, LIST)).data!.nominationReturns.totalCount).toBe(0);
    expect((await app.gql(guys, LIST)).data!.nominationReturns.edges).toEqual([{ node: { id: londonOnly } }]);
    // The regional admin of the region asked sees it too.
    const london = (await app.signedIn({ odsCode: LONDON, roles: [{ role: Role.REGIONAL_ADMIN }] })).agent;
    expect((await app.gql(london, RETURN, { id: londonOnly })).data?.nominationReturn.id).toBe(londonOnly);
  });
});
