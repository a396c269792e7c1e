import { AuditService } from '@dasv/audit';
import { encodeCursor } from '@dasv/common';
import { countRows, createTestApp, Mailbox, Role, TestApp } from '@dasv/testing';

// Real codes from libs/organisations/data: South East London ICB (QKK) with Guy's and St Thomas' (RJ1),
// in London (Y56); North Central London ICB (QMJ) next door; Manchester University NHS FT (R0A) in the North West.
const NATIONAL = 'X24';
const LONDON = 'Y56';
const SOUTH_EAST_LONDON_ICB = 'QKK';
const NORTH_CENTRAL_LONDON_ICB = 'QMJ';
const LONDON_TRUST = 'RJ1';
const NORTH_WEST_TRUST = 'R0A';

const EVENTS = `query($org: String, $action: String, $actor: String, $from: DateTime, $to: DateTime, $first: Int, $after: String) {
  auditEvents(organisation: $org, action: $action, actorEmail: $actor, from: $from, to: $to, first: $first, after: $after) {
    totalCount isTotalCountCapped
    pageInfo { hasNextPage endCursor }
    edges { cursor node { id occurredAt action entityType entityId details requestId organisation { odsCode name } actor { name email } } }
  }
}`;
const INVITE = `mutation($i: InviteUserInput!) { inviteUser(input: $i) { id } }`;

interface EventNode {
  id: string;
  occurredAt: string;
  action: string;
  entityType: string;
  entityId: string;
  details: string;
  requestId: string | null;
  organisation: { odsCode: string; name: string } | null;
  actor: { name: string; email: string } | null;
}

const nodesOf = (result: { data?: any }): EventNode[] => result.data!.auditEvents.edges.map((e: { node: EventNode }) => e.node);

describe('the audit trail, read through GraphQL', () => {
  let app: TestApp;
  let national: Awaited<ReturnType<TestApp['signedIn']>>;
  let icbAdmin: Awaited<ReturnType<TestApp['signedIn']>>;
  let start: Date;
  const invitee = `audit.invitee.${process.pid}@nhs.net`;

  beforeAll(async () => {
    app = await createTestApp();
    national = await app.signedIn({ odsCode: NATIONAL, name: 'Nadia National', roles: [{ role: Role.NATIONAL_ADMIN }] });
    icbAdmin = await app.signedIn({ odsCode: SOUTH_EAST_LONDON_ICB, name: 'Ian Icb', roles: [{ role: Role.ICB_ADMIN }] });

    // A minute apart, so that a date range can pick out one of them.
    start = new Date(app.clock.now().getTime() + 3_600_000);
    app.clock.set(start);
    const invited = await app.gql(national.agent, INVITE, { i: { email: invitee, name: 'Ivy Invitee', organisationOdsCode: LONDON_TRUST, role: 'ORG_ADMIN' } });
    expect(invited.errors).toBeUndefined();

    app.clock.advance(60_000);
    const headcount = await app.gql(icbAdmin.agent, `mutation($i: SetHeadcountInput!) { setHeadcount(input: $i) { headcount } }`, {
      i: { odsCode: LONDON_TRUST, headcount: 4500 },
    });
    expect(headcount.errors).toBeUndefined();

    app.clock.advance(60_000);
    const northern = await app.gql(national.agent, INVITE, {
      i: { email: `audit.northern.${process.pid}@nhs.net`, name: 'Nora Northern', organisationOdsCode: NORTH_WEST_TRUST, role: 'DASV_LEAD' },
    });
    expect(northern.errors).toBeUndefined();

    // Accepting an invitation is recorded against no organisation: only national admins see it.
    app.clock.advance(60_000);
    await app.runJobs();
    const [mail] = await Mailbox.waitFor(invitee);
    const token = Mailbox.linkIn(mail, '/accept-invitation/').split('/').pop()!;
    const accepted = await app.gql(app.client(), `mutation($i: AcceptInvitationInput!) { acceptInvitation(input: $i) { email } }`, {
      i: { token, password: 'a new long password' },
    });
    expect(accepted.errors).toBeUndefined();
  });
  afterAll(() => app.close());

  it('shows a national admin every event, newest first, with who did it and where', async () => {
    const result = await app.gql(national.agent, EVENTS, { first: 100 });
    expect(result.errors).toBeUndefined();
    const events = nodesOf(result);
    expect(result.data!.auditEvents).toMatchObject({ totalCount: events.length, isTotalCountCapped: false, pageInfo: { hasNextPage: false } });

    const invitation = events.find((e) => e.action === 'user.invited' && e.organisation?.odsCode === LONDON_TRUST)!;
    expect(invitation).toMatchObject({
      entityType: 'user',
      organisation: { odsCode: LONDON_TRUST, name: "Guy's and St Thomas' NHS Foundation Trust" },
      actor: { name: 'Nadia National', email: national.user.email },
      occurredAt: start.toISOString(),
    });
    expect(JSON.parse(invitation.details)).toMatchObject({ email: invitee, role: 'ORG_ADMIN' });
    expect(invitation.requestId).toEqual(expect.any(String));

    const headcount = events.find((e) => e.action === 'learner.headcount_set')!;
    expect(headcount).toMatchObject({ organisation: { odsCode: LONDON_TRUST }, actor: { name: 'Ian Icb', email: icbAdmin.user.email } });
    expect(JSON.parse(headcount.details)).toMatchObject({ headcount: 4500 });

    expect(events.some((e) => e.organisation?.odsCode === NORTH_WEST_TRUST && e.action === 'user.invited')).toBe(true);
    expect(events.find((e) => e.action === 'user.invitation_accepted')).toMatchObject({ organisation: null, actor: { name: 'Ivy Invitee', email: invitee } });

    const order = events.map((e) => [Date.parse(e.occurredAt), Number(e.id)]);
    expect(order).toEqual([...order].sort((a, b) => b[0] - a[0] || b[1] - a[1]));
  });

  it("shows an ICB admin only their ICB's and its trusts' events, and refuses other organisations", async () => {
    const result = await app.gql(icbAdmin.agent, EVENTS, { first: 100 });
    expect(result.errors).toBeUndefined();
    const events = nodesOf(result);
    expect(events.map((e) => e.action)).toEqual(expect.arrayContaining(['user.invited', 'learner.headcount_set', 'auth.signed_in']));
    const inScope = await app.dataSource.query(
      `SELECT o.ods_code FROM organisation_ancestor a JOIN organisation o ON o.id = a.descendant_id JOIN organisation i ON i.id = a.ancestor_id WHERE i.ods_code = $1`,
      [SOUTH_EAST_LONDON_ICB],
    );
    const codes = new Set(inScope.map((r: { ods_code: string }) => r.ods_code));
    expect(events.every((e) => e.organisation !== null && codes.has(e.organisation.odsCode))).toBe(true);
    expect(events.some((e) => e.organisation?.odsCode === NORTH_WEST_TRUST)).toBe(false);
    expect(events.some((e) => e.action === 'user.invitation_accepted')).toBe(false);
    // The national admin's own sign-in happened at NHS England, above the ICB.
    expect(events.some((e) => e.action === 'auth.signed_in' && e.actor?.email === national.user.email)).toBe(false);

    const trust = await app.gql(icbAdmin.agent, EVENTS, { org: LONDON_TRUST, first: 100 });
    expect(nodesOf(trust).map((e) => [e.action, e.organisation?.odsCode])).toEqual([
      ['learner.headcount_set', LONDON_TRUST],
      ['user.invited', LONDON_TRUST],
    ]);

    for (const org of [NORTH_CENTRAL_LONDON_ICB, NORTH_WEST_TRUST, LONDON, NATIONAL]) {
      const refused = await app.gql(icbAdmin.agent, EVENTS, { org });
      expect(refused.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'AUTH_OUT_OF_SCOPE' });
      expect(refused.data).toBeNull();
    }
    const unknown = await app.gql(icbAdmin.agent, EVENTS, { org: 'ZZZ99' });
    expect(unknown.errors?.[0].extensions?.code).toBe('NOT_FOUND');
  });

  it('shows a regional admin their region but not another', async () => {
    const { agent } = await app.signedIn({ odsCode: LONDON, roles: [{ role: Role.REGIONAL_ADMIN }] });
    const events = nodesOf(await app.gql(agent, EVENTS, { action: 'user.invited', first: 100 }));
    expect(events.map((e) => e.organisation?.odsCode)).toEqual([LONDON_TRUST]);
    const refused = await app.gql(agent, EVENTS, { org: NORTH_WEST_TRUST });
    expect(refused.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('refuses organisation admins, learners and signed-out callers', async () => {
    const orgAdmin = await app.signedIn({ odsCode: LONDON_TRUST, roles: [{ role: Role.ORG_ADMIN }] });
    const asOrgAdmin = await app.gql(orgAdmin.agent, EVENTS, { org: LONDON_TRUST });
    expect(asOrgAdmin.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(asOrgAdmin.data).toBeNull();

    const learner = await app.signedIn({ odsCode: LONDON_TRUST, roles: [{ role: Role.LEARNER }] });
    expect((await app.gql(learner.agent, EVENTS, {})).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await app.gql(app.client(), EVENTS, {})).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('filters by action, by who did it and by time', async () => {
    const byAction = nodesOf(await app.gql(national.agent, EVENTS, { action: 'learner.headcount_set' }));
    expect(byAction.map((e) => e.actor?.email)).toEqual([icbAdmin.user.email]);

    const byActor = await app.gql(national.agent, EVENTS, { actor: icbAdmin.user.email.toUpperCase(), first: 100 });
    expect(
      nodesOf(byActor)
        .map((e) => e.action)
        .sort(),
    ).toEqual(['auth.signed_in', 'learner.headcount_set']);

    // From inclusive, to exclusive: the minute of the headcount and nothing either side.
    const from = new Date(start.getTime() + 60_000);
    const to = new Date(start.getTime() + 120_000);
    const inRange = nodesOf(await app.gql(national.agent, EVENTS, { from: from.toISOString(), to: to.toISOString(), first: 100 }));
    expect(inRange.map((e) => e.action)).toEqual(['learner.headcount_set']);
  });

  it('answers bad input with BAD_USER_INPUT naming the field, writing nothing', async () => {
    const before = await countRows(app.dataSource, 'audit_event');
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ after: 'not a cursor!' }, 'after'],
      [{ after: encodeCursor('yesterday', '1') }, 'after'],
      [{ after: encodeCursor('2026-01-01T00:00:00.000000Z', 'abc') }, 'after'],
      [{ first: 0 }, 'first'],
      [{ first: 101 }, 'first'],
      [{ org: 'not-a-code' }, 'organisation'],
      [{ action: "user.invited' OR 1=1" }, 'action'],
      [{ actor: 'nobody' }, 'actorEmail'],
      [{ from: '2026-03-02T00:00:00Z', to: '2026-03-01T00:00:00Z' }, 'to'],
    ];
    for (const [variables, field] of cases) {
      const result = await app.gql(national.agent, EVENTS, variables);
      expect(result.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: { [field]: expect.any(Array) } });
      expect(result.data ?? null).toBeNull();
    }
    const range = await app.gql(national.agent, EVENTS, { from: '2026-03-02T00:00:00Z', to: '2026-03-01T00:00:00Z' });
    expect(range.errors?.[0].extensions?.reason).toBe('AUDIT_TRAIL_RANGE_INVALID');
    const notADate = await app.gql(national.agent, EVENTS, { from: 'last Tuesday' });
    expect(notADate.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    // Sign-ins are the only writes a read may cause, and none happened here.
    expect(await countRows(app.dataSource, 'audit_event')).toBe(before);
  });

  it('pages each event exactly once, in order, even when many share a timestamp; the count stops at 1,000', async () => {
    const at = new Date(start.getTime() + 3_600_000);
    app.clock.set(at);
    const audit = app.api.get(AuditService);
    await app.dataSource.transaction((manager) =>
      audit.record(
        manager,
        Array.from({ length: 1001 }, (_, i) => ({
          actorId: national.user.id,
          action: 'test.bulk_recorded',
          entityType: 'test',
          entityId: String(i),
          organisationId: null,
        })),
      ),
    );

    const seen: string[] = [];
    let after: string | undefined;
    let pages = 0;
    for (;;) {
      const result = await app.gql(national.agent, EVENTS, { action: 'test.bulk_recorded', first: 100, after });
      expect(result.errors).toBeUndefined();
      const connection = result.data!.auditEvents;
      expect(connection).toMatchObject({ totalCount: 1000, isTotalCountCapped: true });
      seen.push(...nodesOf(result).map((e) => e.id));
      pages += 1;
      if (!connection.pageInfo.hasNextPage) break;
      after = connection.pageInfo.endCursor;
    }
    expect(pages).toBe(11);
    expect(new Set(seen).size).toBe(1001);
    // One timestamp for all: the id alone orders them, newest (highest) first.
    expect(seen.map(Number)).toEqual([...seen.map(Number)].sort((a, b) => b - a));

    // The events before them are still reached by paging on past the bulk.
    const all = nodesOf(
      await app.gql(national.agent, EVENTS, { first: 100, after: encodeCursor(at.toISOString().replace('Z', '000Z'), seen[seen.length - 1]) }),
    );
    expect(all.length).toBeGreaterThan(0);
    expect(all.every((e) => e.action !== 'test.bulk_recorded')).toBe(true);
  });
});
