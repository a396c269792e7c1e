import type TestAgent from 'supertest/lib/agent';
import { countRows, createLead, createTestApp, createUser, Mailbox, Role, TestApp } from '@dasv/testing';

// London (Y56) holds South East London ICB (QKK), which holds Guy's and St Thomas' (RJ1);
// The Christie (RBV) is in the North West (Y62), another region.
const REGION = 'Y56';
const ICB = 'QKK';
const TRUST = 'RJ1';
const OTHER_REGION_TRUST = 'RBV';

function csrfOf(html: string): string {
  return /name="_csrf" value="([^"]+)"/.exec(html)![1];
}

/** The people listed, by the links to their pages, in the order shown. */
function peopleIn(html: string): string[] {
  return [...html.matchAll(/<a href="\/admin\/users\/([0-9a-f-]{36})">/g)].map((m) => m[1]);
}

function linkIn(html: string, rel: 'prev' | 'next'): string | undefined {
  return new RegExp(`href="([^"]+)" rel="${rel}"`).exec(html)?.[1].replace(/&amp;/g, '&');
}

describe('the users pages', () => {
  let app: TestApp;
  let national: { agent: TestAgent; user: { id: string; email: string } };
  let london: { agent: TestAgent; user: { id: string; email: string } };
  const run = `${process.pid}${Date.now() % 100000}`;

  beforeAll(async () => {
    app = await createTestApp();
    national = await app.signedIn({ odsCode: 'X24', name: 'Nadia National', roles: [{ role: Role.NATIONAL_ADMIN }] });
    london = await app.signedIn({ odsCode: REGION, name: 'Lara London', roles: [{ role: Role.REGIONAL_ADMIN }] });
  });
  afterAll(() => app.close());

  it('lists the people of the admin’s subtree, found by name, e-mail, organisation and role, and nobody from another region', async () => {
    const amara = await createUser(app.dataSource, {
      odsCode: TRUST,
      name: `Amara Okafor ${run}`,
      email: `amara.${run}@nhs.net`,
      roles: [{ role: Role.ORG_ADMIN }],
    });
    const learner = await createUser(app.dataSource, { odsCode: TRUST, name: `Ben Learner ${run}`, roles: [{ role: Role.LEARNER }] });
    const faraway = await createUser(app.dataSource, { odsCode: OTHER_REGION_TRUST, name: `Amara Faraway ${run}`, roles: [{ role: Role.ORG_ADMIN }] });

    const byName = await london.agent.get(`/admin/users?search=${encodeURIComponent(`amara okafor ${run}`)}`).expect(200);
    expect(peopleIn(byName.text)).toEqual([amara.id]);
    expect(byName.text).toContain('1 person found');

    const byEmail = await london.agent.get(`/admin/users?search=${encodeURIComponent(`amara.${run}@`)}`).expect(200);
    expect(peopleIn(byEmail.text)).toEqual([amara.id]);

    // The role is chosen from a list in words; the organisation is an ODS code and counts its subtree.
    const everyone = await london.agent.get(`/admin/users?search=${run}`).expect(200);
    expect(peopleIn(everyone.text).sort()).toEqual([amara.id, learner.id].sort());
    expect(everyone.text).toMatch(/<option value="ORG_ADMIN"[^>]*>\s*Organisation administrator\s*<\/option>/);
    expect(everyone.text).not.toContain('>ORG_ADMIN<');
    const admins = await london.agent.get(`/admin/users?search=${run}&role=ORG_ADMIN&organisation=${ICB.toLowerCase()}`).expect(200);
    expect(peopleIn(admins.text)).toEqual([amara.id]);

    // The national admin sees both regions.
    const nationally = await national.agent.get(`/admin/users?search=${run}&role=ORG_ADMIN`).expect(200);
    expect(peopleIn(nationally.text).sort()).toEqual([amara.id, faraway.id].sort());

    const bad = await london.agent.get('/admin/users?organisation=R-J-1!&role=EVERYONE').expect(400);
    expect(bad.text).toContain('Enter an ODS code of 3 to 6 letters and digits, like RJ1');
    expect(bad.text).toContain('Choose a role from the list');
    expect(bad.text).toContain('href="#organisation"');
    expect(bad.text).toContain('href="#role"');

    const outside = await london.agent.get(`/admin/users?organisation=${OTHER_REGION_TRUST}`).expect(400);
    expect(outside.text).toContain(`${OTHER_REGION_TRUST} is outside the organisations you look after`);

    // The list is for administrators: a lead is refused, and the navigation offers it only to those who may read it.
    const lead = await app.signedIn({ odsCode: TRUST, roles: [{ role: Role.DASV_LEAD }] });
    await lead.agent.get('/admin/users').expect(403);
    expect((await lead.agent.get('/').expect(200)).text).not.toContain('href="/admin/users"');
    expect((await london.agent.get('/').expect(200)).text).toContain('href="/admin/users"');
  });

  it('pages through the list by name with keyset links: every match once, in order, none skipped', async () => {
    const tag = `Pagey${run}`;
    const made: Array<{ id: string; name: string }> = [];
    // Some share a name, so that the order falls back to the id between them.
    for (let i = 0; i < 45; i++) {
      const name = `${tag} ${String(Math.floor(i / 2)).padStart(2, '0')}`;
      made.push({ id: (await createUser(app.dataSource, { odsCode: TRUST, name, roles: [{ role: Role.LEARNER }] })).id, name });
    }
    const expected: string[] = (await app.dataSource.query(`SELECT id FROM app_user WHERE name LIKE $1 ORDER BY name, id`, [`${tag} %`])).map(
      (r: { id: string }) => r.id,
    );
    expect(expected).toHaveLength(45);

    const first = await london.agent.get(`/admin/users?search=${tag}`).expect(200);
    expect(first.text).toContain('45 people found');
    expect(linkIn(first.text, 'prev')).toBeUndefined();
    const second = await london.agent.get(linkIn(first.text, 'next')!).expect(200);
    const third = await london.agent.get(linkIn(second.text, 'next')!).expect(200);
    expect(linkIn(third.text, 'next')).toBeUndefined();
    expect(linkIn(second.text, 'next')).toContain(`search=${tag}`);

    const seen = [...peopleIn(first.text), ...peopleIn(second.text), ...peopleIn(third.text)];
    expect([peopleIn(first.text).length, peopleIn(second.text).length, peopleIn(third.text).length]).toEqual([20, 20, 5]);
    expect(seen).toEqual(expected);

    const back = await london.agent.get(linkIn(third.text, 'prev')!).expect(200);
    expect(peopleIn(back.text)).toEqual(peopleIn(second.text));

    // GraphQL pages the same service the same way.
    const ids: string[] = [];
    let after: string | null = null;
    for (;;) {
      const page: { data?: any; errors?: unknown } = await app.gql(
        london.agent,
        `query($search: String, $after: String) { users(search: $search, first: 20, after: $after) { edges { node { id } } pageInfo { hasNextPage endCursor } } }`,
        { search: tag, after },
      );
      expect(page.errors).toBeUndefined();
      ids.push(...page.data.users.edges.map((e: { node: { id: string } }) => e.node.id));
      if (!page.data.users.pageInfo.hasNextPage) break;
      after = page.data.users.pageInfo.endCursor;
    }
    expect(ids).toEqual(expected);
  });

  it('refuses a regional admin a person only in another region, on pages and in GraphQL', async () => {
    const faraway = await createUser(app.dataSource, { odsCode: OTHER_REGION_TRUST, name: `Far Away ${run}`, roles: [{ role: Role.ORG_ADMIN }] });
    const invited = await createUser(app.dataSource, {
      odsCode: OTHER_REGION_TRUST,
      name: `Far Invited ${run}`,
      activated: false,
      roles: [{ role: Role.LEARNER }],
    });
    const [assignment] = await app.dataSource.query(`SELECT id FROM role_assignment WHERE user_id = $1`, [faraway.id]);

    const page = await london.agent.get(`/admin/users/${faraway.id}`).expect(403);
    expect(page.text).toContain('outside the ones you look after');
    await london.agent.get(`/admin/users/${faraway.id}/roles/${assignment.id}/remove`).expect(403);
    await london.agent.get(`/admin/users/${invited.id}/invitation/resend`).expect(403);

    const home = await london.agent.get('/admin/users').expect(200);
    const removal = await london.agent
      .post(`/admin/users/${faraway.id}/roles/${assignment.id}/remove`)
      .type('form')
      .send({ _csrf: csrfOf(home.text) });
    expect(removal.status).toBe(303);
    await expect(countRows(app.dataSource, 'role_assignment', 'id = $1', [assignment.id])).resolves.toBe(1);

    const user = await app.gql(london.agent, `query($id: ID!) { user(id: $id) { id } }`, { id: faraway.id });
    expect(user.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const resend = await app.gql(london.agent, `mutation($id: ID!) { resendInvitation(userId: $id) { id } }`, { id: invited.id });
    expect(resend.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const cancel = await app.gql(london.agent, `mutation($id: ID!) { cancelInvitation(userId: $id) { id } }`, { id: invited.id });
    expect(cancel.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const revoke = await app.gql(london.agent, `mutation($id: ID!) { revokeRole(id: $id) }`, { id: assignment.id });
    expect(revoke.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    await expect(countRows(app.dataSource, 'role_assignment', 'id = $1', [assignment.id])).resolves.toBe(1);
    await expect(countRows(app.dataSource, 'audit_event', "entity_id = $1::text AND action LIKE 'user.invitation_%'", [invited.id])).resolves.toBe(0);

    // The national admin may see them.
    const seen = await national.agent.get(`/admin/users/${faraway.id}`).expect(200);
    expect(seen.text).toContain(`Far Away ${run}`);
    expect(seen.text).toContain('Organisation administrator');
  });

  it('resends an invitation through the outbox with a new link, then cancels it so that no link works', async () => {
    const email = `invitee.${run}@nhs.net`;
    const invited = await app.gql(london.agent, `mutation($i: InviteUserInput!) { inviteUser(input: $i) { id } }`, {
      i: { email, name: 'Ivy Invitee', organisationOdsCode: TRUST, role: 'DASV_LEAD' },
    });
    expect(invited.errors).toBeUndefined();
    const id = invited.data!.inviteUser.id as string;
    await app.runJobs();
    const [firstMail] = await Mailbox.waitFor(email);
    const firstLink = new URL(Mailbox.linkIn(firstMail, '/accept-invitation/')).pathname;

    const person = await london.agent.get(`/admin/users/${id}`).expect(200);
    expect(person.text).toContain('Invited, has not set up their account yet');
    expect(person.text).toContain('DASV lead');
    expect(person.text).toContain(`href="/admin/users/${id}/invitation/resend"`);
    expect(person.text).toContain(`href="/admin/users/${id}/invitation/cancel"`);

    const check = await london.agent.get(`/admin/users/${id}/invitation/resend`).expect(200);
    expect(check.text).toContain('Send a new invitation link?');
    expect(check.text).toContain(email);
    const resent = await london.agent
      .post(`/admin/users/${id}/invitation/resend`)
      .type('form')
      .send({ _csrf: csrfOf(check.text) });
    expect(resent.status).toBe(303);
    const confirmation = await london.agent.get(resent.headers.location).expect(200);
    expect(confirmation.text).toContain('nhsuk-panel');
    expect(confirmation.text).toContain(`We have e-mailed ${email} a new link`);
    // Reloading the confirmation sends nothing more.
    const reloaded = await london.agent.get(resent.headers.location).expect(303);
    expect(reloaded.headers.location).toBe(`/admin/users/${id}`);

    await app.runJobs();
    const mails = await Mailbox.waitFor(email, 2);
    expect(mails).toHaveLength(2);
    const secondLink = new URL(
      Mailbox.linkIn(
        mails.find((m) => m.id !== firstMail.id)!,
        '/accept-invitation/',
      ),
    ).pathname;
    expect(secondLink).not.toBe(firstLink);
    expect((await app.client().get(firstLink).expect(410)).text).toContain('This link has expired or has already been used');
    expect((await app.client().get(secondLink).expect(200)).text).toContain('Set up your account');

    const cancelCheck = await london.agent.get(`/admin/users/${id}/invitation/cancel`).expect(200);
    expect(cancelCheck.text).toContain('Cancel the invitation?');
    const cancelled = await london.agent
      .post(`/admin/users/${id}/invitation/cancel`)
      .type('form')
      .send({ _csrf: csrfOf(cancelCheck.text) });
    expect(cancelled.status).toBe(303);
    expect((await london.agent.get(cancelled.headers.location).expect(200)).text).toContain('Invitation cancelled');
    expect((await app.client().get(secondLink).expect(410)).text).toContain('This link has expired or has already been used');
    const accept = await app.gql(app.client(), `mutation($i: AcceptInvitationInput!) { acceptInvitation(input: $i) { id } }`, {
      i: { token: secondLink.split('/').pop(), password: 'a long enough password here' },
    });
    expect(accept.errors?.[0].extensions?.reason).toBe('AUTH_TOKEN_INVALID');

    // Nothing is waiting now: the page says so and offers a new link, not a second cancellation.
    const after = await london.agent.get(`/admin/users/${id}`).expect(200);
    expect(after.text).toContain('No invitation link is waiting');
    expect(after.text).not.toContain(`href="/admin/users/${id}/invitation/cancel"`);
    const again = await app.gql(london.agent, `mutation($id: ID!) { cancelInvitation(userId: $id) { id } }`, { id });
    expect(again.errors?.[0].extensions?.code).toBe('CONFLICT');
    await expect(
      countRows(app.dataSource, 'audit_event', "entity_id = $1::text AND action IN ('user.invitation_resent', 'user.invitation_cancelled')", [id]),
    ).resolves.toBe(2);
  });

  it('never removes the last national administrator', async () => {
    // Another national admin can go; then only this file's one can sign in.
    const other = await createUser(app.dataSource, { odsCode: 'X24', roles: [{ role: Role.NATIONAL_ADMIN }] });
    const [otherRole] = await app.dataSource.query(`SELECT id FROM role_assignment WHERE user_id = $1`, [other.id]);
    const removedOther = await app.gql(national.agent, `mutation($id: ID!) { revokeRole(id: $id) }`, { id: otherRole.id });
    expect(removedOther.errors).toBeUndefined();
    await app.dataSource.query(
      `UPDATE app_user SET is_active = false WHERE id <> $1 AND id IN (SELECT user_id FROM role_assignment WHERE role = 'NATIONAL_ADMIN')`,
      [national.user.id],
    );

    const [assignment] = await app.dataSource.query(`SELECT id FROM role_assignment WHERE user_id = $1`, [national.user.id]);
    const check = await national.agent.get(`/admin/users/${national.user.id}/roles/${assignment.id}/remove`).expect(200);
    const refused = await national.agent
      .post(`/admin/users/${national.user.id}/roles/${assignment.id}/remove`)
      .type('form')
      .send({ _csrf: csrfOf(check.text) });
    expect(refused.status).toBe(303);
    const shown = await national.agent.get(refused.headers.location).expect(200);
    expect(shown.text).toContain('nhsuk-error-summary');
    expect(shown.text).toContain('This is the last national administrator who can sign in');
    await expect(countRows(app.dataSource, 'role_assignment', 'id = $1', [assignment.id])).resolves.toBe(1);
    const gql = await app.gql(national.agent, `mutation($id: ID!) { revokeRole(id: $id) }`, { id: assignment.id });
    expect(gql.errors?.[0].extensions?.reason).toBe('USER_LAST_NATIONAL_ADMIN');
  });

  it('hands over a lead through the form, a check page and a confirmation', async () => {
    const icb = await app.signedIn({ odsCode: ICB, name: 'Ian Icb', roles: [{ role: Role.ICB_ADMIN }] });
    const leaving = await createLead(app.dataSource, { name: `Leaving Lead ${run}`, odsCode: TRUST, leadRole: 'OPERATIONAL' });
    const successor = await createUser(app.dataSource, {
      odsCode: TRUST,
      name: `Sam Successor ${run}`,
      email: `sam.${run}@nhs.net`,
      roles: [{ role: Role.LEARNER }],
    });
    const base = `/admin/users/${leaving.id}/leads/${leaving.leadId}`;

    const person = await icb.agent.get(`/admin/users/${leaving.id}`).expect(200);
    expect(person.text).toContain('Operational lead');
    expect(person.text).toContain(`href="${base}/hand-over"`);

    const form = await icb.agent.get(`${base}/hand-over`).expect(200);
    // Every problem at once.
    const empty = await icb.agent
      .post(`${base}/hand-over`)
      .type('form')
      .send({ _csrf: csrfOf(form.text), name: '', jobTitle: '', email: '', phone: 'call me' });
    expect(empty.status).toBe(303);
    const problems = await icb.agent.get(`${base}/hand-over`).expect(200);
    for (const message of ['Enter their full name', 'Enter their job title', 'Enter an e-mail address in the correct format', 'Enter a telephone number'])
      expect(problems.text).toContain(message);

    const answered = await icb.agent
      .post(`${base}/hand-over`)
      .type('form')
      .send({
        _csrf: csrfOf(problems.text),
        name: `Sam Successor ${run}`,
        jobTitle: 'Named nurse',
        email: `sam.${run}@nhs.net`,
        phone: '020 7946 0000',
      });
    expect(answered.status).toBe(303);
    if (answered.headers.location !== `${base}/hand-over/check`) {
      // Say what the form refused, rather than only where it went.
      const refused = await icb.agent.get(answered.headers.location);
      expect(/nhsuk-error-summary[\s\S]*?<\/ul>/.exec(refused.text)?.[0]).toBeUndefined();
    }
    expect(answered.headers.location).toBe(`${base}/hand-over/check`);
    const check = await icb.agent.get(`${base}/hand-over/check`).expect(200);
    expect(check.text).toContain('Check the handover');
    expect(check.text).toContain(`sam.${run}@nhs.net`);
    expect(check.text).toContain('Named nurse');
    // Nothing has changed yet.
    await expect(countRows(app.dataSource, 'dasv_lead', 'user_id = $1', [successor.id])).resolves.toBe(0);
    // "Change" goes back to the form with the answers in the boxes.
    expect((await icb.agent.get(`${base}/hand-over`).expect(200)).text).toContain('value="Named nurse"');

    const done = await icb.agent
      .post(`${base}/hand-over/check`)
      .type('form')
      .send({ _csrf: csrfOf(check.text) });
    expect(done.status).toBe(303);
    const confirmation = await icb.agent.get(done.headers.location).expect(200);
    expect(confirmation.text).toContain('Lead handed over');
    expect(confirmation.text).toContain(`Sam Successor ${run} has taken over from Leaving Lead ${run}`);

    const [ended] = await app.dataSource.query(`SELECT ended_at, successor_id FROM dasv_lead WHERE id = $1`, [leaving.leadId]);
    expect(ended.ended_at).not.toBeNull();
    const [started] = await app.dataSource.query(`SELECT id, lead_role FROM dasv_lead WHERE user_id = $1 AND ended_at IS NULL`, [successor.id]);
    expect(started).toEqual({ id: ended.successor_id, lead_role: 'OPERATIONAL' });

    // The place is gone from the leaver's page; its handover pages now say so.
    expect((await icb.agent.get(`/admin/users/${leaving.id}`).expect(200)).text).not.toContain(`href="${base}/hand-over"`);
    await icb.agent.get(`${base}/hand-over`).expect(404);

    // An ICB admin one ICB over cannot hand it over.
    const otherIcb = await app.signedIn({ odsCode: 'QMJ', roles: [{ role: Role.ICB_ADMIN }] });
    await otherIcb.agent.get(`/admin/users/${successor.id}/leads/${started.id}/hand-over`).expect(403);
  });
});
