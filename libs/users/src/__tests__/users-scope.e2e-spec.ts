import { countRows, createTestApp, createUser, Mailbox, TestApp } from '@dasv/testing';
import { Role } from '@dasv/auth';

// Real codes from libs/organisations/data: London region Y56 with Guy's and St Thomas' (RJ1, ICB QKK);
// North West region Y62 with Manchester University NHS FT (R0A, ICB QOP).
const LONDON = 'Y56';
const LONDON_TRUST = 'RJ1';
const NORTH_WEST_TRUST = 'R0A';
const SOUTH_EAST_LONDON_ICB = 'QKK';

const INVITE = `mutation($i: InviteUserInput!) { inviteUser(input: $i) { id email hasActivated organisation { odsCode } roles { role organisation { odsCode } } } }`;
const USERS = `query($org: String) { users(organisation: $org, first: 50) { totalCount edges { node { email organisation { odsCode } } } } }`;

describe('users and roles, scoped to the organisation hierarchy', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await createTestApp();
  });
  afterAll(() => app.close());

  it('lets a London regional admin read and invite users of a London trust but not of a North West trust', async () => {
    const { agent } = await app.signedIn({ odsCode: LONDON, roles: [{ role: Role.REGIONAL_ADMIN }] });
    const londoner = await createUser(app.dataSource, { odsCode: LONDON_TRUST });
    const northerner = await createUser(app.dataSource, { odsCode: NORTH_WEST_TRUST });

    const london = await app.gql(agent, USERS, { org: LONDON_TRUST });
    expect(london.errors).toBeUndefined();
    expect(london.data!.users.edges.map((e: any) => e.node.email)).toContain(londoner.email);

    const northWest = await app.gql(agent, USERS, { org: NORTH_WEST_TRUST });
    expect(northWest.errors?.[0].extensions?.code).toBe('FORBIDDEN');

    const single = await app.gql(agent, `query($id: ID!) { user(id: $id) { email } }`, { id: northerner.id });
    expect(single.errors?.[0].extensions?.code).toBe('FORBIDDEN');

    // Unfiltered, the list holds only the region's subtree.
    const all = await app.gql(agent, USERS, {});
    const emails = all.data!.users.edges.map((e: any) => e.node.email);
    expect(emails).toContain(londoner.email);
    expect(emails).not.toContain(northerner.email);

    const before = await countRows(app.dataSource, 'app_user');
    const refused = await app.gql(agent, INVITE, {
      i: { email: 'new.lead@nhs.net', name: 'New Lead', organisationOdsCode: NORTH_WEST_TRUST, role: 'DASV_LEAD' },
    });
    expect(refused.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(await countRows(app.dataSource, 'app_user')).toBe(before);

    const invited = await app.gql(agent, INVITE, {
      i: { email: 'London.Lead@NHS.net', name: 'London Lead', jobTitle: 'Chief Nurse', organisationOdsCode: LONDON_TRUST, role: 'DASV_LEAD' },
    });
    expect(invited.errors).toBeUndefined();
    expect(invited.data!.inviteUser).toMatchObject({ email: 'London.Lead@NHS.net', hasActivated: false, organisation: { odsCode: LONDON_TRUST } });
  });

  it('lets a national admin read users anywhere', async () => {
    const { agent } = await app.signedIn({ odsCode: 'X24', roles: [{ role: Role.NATIONAL_ADMIN }] });
    const northerner = await createUser(app.dataSource, { odsCode: NORTH_WEST_TRUST });
    const result = await app.gql(agent, USERS, { org: NORTH_WEST_TRUST });
    expect(result.data!.users.edges.map((e: any) => e.node.email)).toContain(northerner.email);
  });

  it('counts a list exactly up to 10 000 and then says it has stopped counting, as it must with 1.3 million learners', async () => {
    const { agent } = await app.signedIn({ odsCode: 'X24', roles: [{ role: Role.NATIONAL_ADMIN }] });
    const COUNTED = `query($org: String) { users(organisation: $org, first: 5) { totalCount isTotalCountCapped edges { node { email } } } }`;
    await app.dataSource.query(
      `INSERT INTO app_user (email, name, organisation_id)
       SELECT 'learner' || n || '@mft.nhs.uk', 'Learner ' || n, (SELECT id FROM organisation WHERE ods_code = 'RJ1') FROM generate_series(1, 10001) n`,
    );
    const everyone = await app.gql(agent, COUNTED, {});
    expect(everyone.data!.users).toMatchObject({ totalCount: 10_000, isTotalCountCapped: true });
    expect(everyone.data!.users.edges).toHaveLength(5);
    const [{ exact }] = await app.dataSource.query(
      `SELECT count(*)::int AS exact FROM app_user u JOIN organisation o ON o.id = u.organisation_id WHERE o.ods_code = $1`,
      [NORTH_WEST_TRUST],
    );
    const oneTrust = await app.gql(agent, COUNTED, { org: NORTH_WEST_TRUST });
    expect(oneTrust.data!.users).toMatchObject({ totalCount: exact, isTotalCountCapped: false });
  });

  it('refuses an ICB admin granting NATIONAL_ADMIN, or any role outside the ICB', async () => {
    const { agent } = await app.signedIn({ odsCode: SOUTH_EAST_LONDON_ICB, roles: [{ role: Role.ICB_ADMIN }] });
    const target = await createUser(app.dataSource, { odsCode: LONDON_TRUST });
    const grant = `mutation($i: GrantRoleInput!) { grantRole(input: $i) { role organisation { odsCode } } }`;

    const tooHigh = await app.gql(agent, grant, { i: { userId: target.id, organisationOdsCode: 'X24', role: 'NATIONAL_ADMIN' } });
    expect(tooHigh.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'AUTH_ROLE_TOO_HIGH' });

    const otherIcb = await app.gql(agent, grant, { i: { userId: target.id, organisationOdsCode: 'QMJ', role: 'ORG_ADMIN' } });
    expect(otherIcb.errors?.[0].extensions?.code).toBe('FORBIDDEN');

    const ok = await app.gql(agent, grant, { i: { userId: target.id, organisationOdsCode: LONDON_TRUST, role: 'ORG_ADMIN' } });
    expect(ok.errors).toBeUndefined();
    expect(ok.data!.grantRole).toEqual({ role: 'ORG_ADMIN', organisation: { odsCode: LONDON_TRUST } });
    expect(await countRows(app.dataSource, 'audit_event', `action = 'role.granted' AND entity_id = $1`, [target.id])).toBe(1);
  });

  it('refuses roles to learners and to signed-out callers', async () => {
    const { agent } = await app.signedIn({ odsCode: LONDON_TRUST, roles: [{ role: Role.LEARNER }] });
    const asLearner = await app.gql(agent, USERS, {});
    expect(asLearner.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const anonymous = await app.gql(app.client(), USERS, {});
    expect(anonymous.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('e-mails an invitation whose link sets a password once and is dead after', async () => {
    const { agent, user: admin } = await app.signedIn({ odsCode: 'X24', name: 'Pat Admin', roles: [{ role: Role.NATIONAL_ADMIN }] });
    const email = `invitee.${process.pid}@nhs.net`;
    const invited = await app.gql(agent, INVITE, { i: { email, name: 'Ivy Invitee', organisationOdsCode: LONDON_TRUST, role: 'ORG_ADMIN' } });
    expect(invited.errors).toBeUndefined();

    await app.runJobs();
    const [mail] = await Mailbox.waitFor(email);
    expect(mail.subject).toMatch(/^Accept your invitation to DASV Network by \d{1,2} \w+ \d{4} at \d\d:\d\d$/);
    expect(mail.text).toContain('Pat Admin');
    expect(mail.text).toContain("Guy's and St Thomas' NHS Foundation Trust");
    const token = Mailbox.linkIn(mail, '/accept-invitation/').split('/').pop()!;

    // Not yet activated: cannot sign in.
    const early = await app.gql(app.client(), `mutation($i: SignInInput!) { signIn(input: $i) { id } }`, { i: { email, password: 'a new long password' } });
    expect(early.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');

    const invitee = app.client();
    const accept = `mutation($i: AcceptInvitationInput!) { acceptInvitation(input: $i) { email hasActivated } }`;
    const accepted = await app.gql(invitee, accept, { i: { token, password: 'a new long password' } });
    expect(accepted.errors).toBeUndefined();
    expect(accepted.data!.acceptInvitation).toEqual({ email, hasActivated: true });
    const me = await app.gql(invitee, `{ me { email roles { role } } }`);
    expect(me.data!.me).toEqual({ email, roles: [{ role: 'ORG_ADMIN' }] });

    const again = await app.gql(app.client(), accept, { i: { token, password: 'another long password' } });
    expect(again.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'AUTH_TOKEN_INVALID' });

    const signIn = await app.gql(app.client(), `mutation($i: SignInInput!) { signIn(input: $i) { email } }`, {
      i: { email: email.toUpperCase(), password: 'a new long password' },
    });
    expect(signIn.data!.signIn.email).toBe(email);
    expect(await countRows(app.dataSource, 'audit_event', `action = 'user.invited' AND actor_id = $1`, [admin.id])).toBe(1);
  });

  it('expires an invitation link after its lifetime', async () => {
    const { agent } = await app.signedIn({ odsCode: 'X24', roles: [{ role: Role.NATIONAL_ADMIN }] });
    const email = `late.${process.pid}@nhs.net`;
    await app.gql(agent, INVITE, { i: { email, name: 'Late Invitee', organisationOdsCode: LONDON_TRUST, role: 'LEARNER' } });
    await app.runJobs();
    const [mail] = await Mailbox.waitFor(email);
    const token = Mailbox.linkIn(mail, '/accept-invitation/').split('/').pop()!;
    app.clock.advance(app.config.env.INVITATION_TTL_HOURS * 3_600_000 + 1000);
    const result = await app.gql(app.client(), `mutation($i: AcceptInvitationInput!) { acceptInvitation(input: $i) { email } }`, {
      i: { token, password: 'a new long password' },
    });
    expect(result.errors?.[0].extensions?.reason).toBe('AUTH_TOKEN_INVALID');
  });

  it('answers bad input with BAD_USER_INPUT and per-field messages, writing nothing', async () => {
    const { agent } = await app.signedIn({ odsCode: 'X24', roles: [{ role: Role.NATIONAL_ADMIN }] });
    const users = await countRows(app.dataSource, 'app_user');
    const outbox = await countRows(app.dataSource, 'outbox_message');

    const malformed = await app.gql(agent, INVITE, { i: { email: 'not-an-email', name: 'x'.repeat(201), organisationOdsCode: LONDON_TRUST, role: 'LEARNER' } });
    expect(malformed.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(Object.keys(malformed.errors![0].extensions!.fields!).sort()).toEqual(['email', 'name']);

    const unknownOrg = await app.gql(agent, INVITE, { i: { email: 'someone@nhs.net', name: 'Someone', organisationOdsCode: 'ZZZ99', role: 'LEARNER' } });
    expect(unknownOrg.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'USER_UNKNOWN_ORGANISATION',
      fields: { organisationOdsCode: expect.any(Array) },
    });

    const wrongLevel = await app.gql(agent, INVITE, {
      i: { email: 'someone@nhs.net', name: 'Someone', organisationOdsCode: LONDON_TRUST, role: 'REGIONAL_ADMIN' },
    });
    expect(wrongLevel.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'USER_ROLE_NOT_ALLOWED_AT_ORGANISATION' });

    expect(await countRows(app.dataSource, 'app_user')).toBe(users);
    expect(await countRows(app.dataSource, 'outbox_message')).toBe(outbox);
  });
});

describe('input with control characters', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp();
  });
  afterAll(() => app.close());

  it('is refused as BAD_USER_INPUT naming the field, not stored or crashed on', async () => {
    const { agent } = await app.signedIn({ odsCode: 'X24', roles: [{ role: Role.NATIONAL_ADMIN }] });
    const before = await countRows(app.dataSource, 'app_user');
    const r = await app.gql(agent, INVITE, { i: { email: 'nul@nhs.net', name: 'Null\u0000Byte', organisationOdsCode: LONDON_TRUST, role: 'LEARNER' } });
    expect(r.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: { 'input.name': expect.any(Array) } });
    expect(await countRows(app.dataSource, 'app_user')).toBe(before);
  });
});
