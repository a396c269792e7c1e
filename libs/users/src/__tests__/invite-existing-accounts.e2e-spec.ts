import { Role } from '@dasv/auth';
import { countRows, createTestApp, createUser, TestApp } from '@dasv/testing';

// Real codes: Guy's and St Thomas' (RJ1) and Lewisham and Greenwich (RJ2) in South East London ICB
// (QKK), London region (Y56); Manchester University NHS FT (R0A) in the North West (Y62).
const GUYS = 'RJ1';
const LEWISHAM = 'RJ2';
const MANCHESTER = 'R0A';

const INVITE = `mutation($i: InviteUserInput!) {
  inviteUser(input: $i) { id email name jobTitle hasActivated organisation { odsCode name } roles { id role organisation { odsCode } } }
}`;

describe('inviting an address that already has an account', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp();
  });
  afterAll(() => app.close());

  async function trustAdmin() {
    return (await app.signedIn({ odsCode: GUYS, roles: [{ role: Role.ORG_ADMIN }] })).agent;
  }

  it('refuses a trust admin reaching accounts outside the trust, the same way every time, revealing and writing nothing', async () => {
    const admin = await trustAdmin();
    const people = [
      await createUser(app.dataSource, { odsCode: MANCHESTER, name: 'Northern Learner', roles: [{ role: Role.LEARNER }] }),
      await createUser(app.dataSource, { odsCode: LEWISHAM, name: 'Other Trust Admin', roles: [{ role: Role.ORG_ADMIN }] }),
      await createUser(app.dataSource, { odsCode: 'X24', name: 'National Admin', roles: [{ role: Role.NATIONAL_ADMIN }] }),
    ];
    const roles = await countRows(app.dataSource, 'role_assignment');
    const outbox = await countRows(app.dataSource, 'outbox_message');
    const answers = [];
    for (const person of people) {
      for (const attempt of [1, 2]) {
        const result = await app.gql(admin, INVITE, { i: { email: person.email, name: `Attempt ${attempt}`, organisationOdsCode: GUYS, role: 'ORG_ADMIN' } });
        expect(result.data?.inviteUser ?? null).toBeNull();
        const text = JSON.stringify(result);
        for (const leak of ['Northern Learner', 'Other Trust Admin', 'National Admin', person.id, MANCHESTER, LEWISHAM, 'X24'])
          expect(text).not.toContain(leak);
        answers.push(result.errors);
      }
    }
    // One answer for all six calls: no CONFLICT on a repeat, nothing that tells the people apart.
    expect(answers[0]?.[0].extensions).toEqual({ code: 'FORBIDDEN', reason: 'AUTH_OUT_OF_SCOPE' });
    for (const errors of answers) expect(errors).toEqual(answers[0]);
    expect(await countRows(app.dataSource, 'role_assignment')).toBe(roles);
    expect(await countRows(app.dataSource, 'outbox_message')).toBe(outbox);
    expect(
      await countRows(app.dataSource, 'audit_event', `action IN ('role.granted', 'user.invited') AND entity_id = ANY($1::text[])`, [people.map((p) => p.id)]),
    ).toBe(0);
  });

  it('refuses it exactly as grantRole refuses the same person', async () => {
    const admin = await trustAdmin();
    const northerner = await createUser(app.dataSource, { odsCode: MANCHESTER, roles: [{ role: Role.LEARNER }] });
    const grant = await app.gql(admin, `mutation($i: GrantRoleInput!) { grantRole(input: $i) { id } }`, {
      i: { userId: northerner.id, organisationOdsCode: GUYS, role: 'DASV_LEAD' },
    });
    const invite = await app.gql(admin, INVITE, { i: { email: northerner.email, name: 'Anyone', organisationOdsCode: GUYS, role: 'DASV_LEAD' } });
    expect(invite.errors?.[0].extensions).toEqual(grant.errors?.[0].extensions);
  });

  it('still gives the role to an account of the trust itself, and says CONFLICT to a repeat there', async () => {
    const admin = await trustAdmin();
    const colleague = await createUser(app.dataSource, { odsCode: GUYS, name: 'Trust Colleague', roles: [{ role: Role.LEARNER }] });
    const first = await app.gql(admin, INVITE, { i: { email: colleague.email, name: 'Trust Colleague', organisationOdsCode: GUYS, role: 'DASV_LEAD' } });
    expect(first.errors).toBeUndefined();
    expect(first.data!.inviteUser.roles.map((r: { role: string }) => r.role).sort()).toEqual(['DASV_LEAD', 'LEARNER']);
    const again = await app.gql(admin, INVITE, { i: { email: colleague.email, name: 'Trust Colleague', organisationOdsCode: GUYS, role: 'DASV_LEAD' } });
    expect(again.errors?.[0].extensions?.code).toBe('CONFLICT');
  });

  it('lets an admin whose subtree covers the account do it (a regional admin of both trusts)', async () => {
    const london = (await app.signedIn({ odsCode: 'Y56', roles: [{ role: Role.REGIONAL_ADMIN }] })).agent;
    const lewisham = await createUser(app.dataSource, { odsCode: LEWISHAM, roles: [{ role: Role.LEARNER }] });
    const result = await app.gql(london, INVITE, { i: { email: lewisham.email, name: 'Anyone', organisationOdsCode: GUYS, role: 'DASV_LEAD' } });
    expect(result.errors).toBeUndefined();
    expect(result.data!.inviteUser.id).toBe(lewisham.id);
  });
});
