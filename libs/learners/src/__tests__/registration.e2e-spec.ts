import { randomBytes } from 'node:crypto';
import { countRows, createTestApp, createUser, Mailbox, Role, TestApp } from '@dasv/testing';

// Real codes from libs/organisations/data: Guy's and St Thomas' (RJ1) and Manchester University NHS FT (R0A).
const LONDON_TRUST = 'RJ1';
const NORTH_WEST_TRUST = 'R0A';
const LIMIT = 8;

const REGISTER = `mutation($i: RegisterLearnerInput!) { registerLearner(input: $i) }`;
const SIGN_IN = `mutation($i: SignInInput!) { signIn(input: $i) { email } }`;
const run = randomBytes(4).toString('hex');
const address = (name: string) => `${name}.${run}@nhs.net`;

function csrfOf(html: string): string {
  const match = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!match) throw new Error('no CSRF token on the page');
  return match[1];
}

describe('self-registration of learners', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await createTestApp({ env: { REGISTRATIONS_PER_IP_PER_HOUR: String(LIMIT) } });
  });
  afterAll(() => app.close());

  it('creates a learner account and e-mails a single-use link that sets the password', async () => {
    const email = address('new.learner');
    const result = await app.gql(app.client(), REGISTER, { i: { name: 'Nia Learner', email, odsCode: LONDON_TRUST.toLowerCase() } });
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({ registerLearner: true });

    const [account] = await app.dataSource.query(
      `SELECT u.name, u.password_hash, o.ods_code, array_agg(r.role) AS roles
       FROM app_user u JOIN organisation o ON o.id = u.organisation_id JOIN role_assignment r ON r.user_id = u.id
       WHERE u.email = $1 GROUP BY u.id, o.ods_code`,
      [email],
    );
    expect(account).toMatchObject({ name: 'Nia Learner', password_hash: null, ods_code: LONDON_TRUST, roles: ['LEARNER'] });

    await app.runJobs();
    const [mail] = await Mailbox.waitFor(email);
    expect(mail.subject).toBe('Finish setting up your DASV Network training account');
    expect(mail.text).toContain("Guy's and St Thomas' NHS Foundation Trust");
    const token = Mailbox.linkIn(mail, '/training/set-up/').split('/').pop()!;

    const learner = app.client();
    const accept = `mutation($i: AcceptInvitationInput!) { acceptInvitation(input: $i) { email hasActivated } }`;
    const accepted = await app.gql(learner, accept, { i: { token, password: 'a long learner password' } });
    expect(accepted.data!.acceptInvitation).toEqual({ email, hasActivated: true });
    const me = await app.gql(learner, `{ me { email organisation { odsCode } roles { role organisation { odsCode } } } }`);
    expect(me.data!.me).toEqual({ email, organisation: { odsCode: LONDON_TRUST }, roles: [{ role: 'LEARNER', organisation: { odsCode: LONDON_TRUST } }] });

    const again = await app.gql(app.client(), accept, { i: { token, password: 'another long password' } });
    expect(again.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'AUTH_TOKEN_INVALID' });
    const signIn = await app.gql(app.client(), SIGN_IN, { i: { email, password: 'a long learner password' } });
    expect(signIn.data!.signIn.email).toBe(email);
  });

  it('answers an address that already has an account exactly as a new one, and e-mails that person how to get back in instead', async () => {
    const existing = await createUser(app.dataSource, {
      odsCode: LONDON_TRUST,
      email: address('already.here'),
      name: 'Ada Existing',
      roles: [{ role: Role.ORG_ADMIN }],
    });
    const fresh = address('someone.else');
    const users = await countRows(app.dataSource, 'app_user');

    const forExisting = await app
      .client()
      .post('/graphql')
      .send({ query: REGISTER, variables: { i: { name: 'Mallory', email: existing.email.toUpperCase(), odsCode: NORTH_WEST_TRUST } } });
    const forNew = await app
      .client()
      .post('/graphql')
      .send({ query: REGISTER, variables: { i: { name: 'Sam Someone', email: fresh, odsCode: NORTH_WEST_TRUST } } });
    expect(forExisting.status).toBe(forNew.status);
    expect(forExisting.body).toEqual(forNew.body);
    expect(forExisting.body).toEqual({ data: { registerLearner: true } });
    expect(await countRows(app.dataSource, 'app_user')).toBe(users + 1);

    // The existing account is untouched: same name, organisation, password and roles.
    const [after] = await app.dataSource.query(
      `SELECT u.name, o.ods_code, u.password_hash IS NOT NULL AS has_password, (SELECT array_agg(role) FROM role_assignment WHERE user_id = u.id) AS roles
       FROM app_user u JOIN organisation o ON o.id = u.organisation_id WHERE u.id = $1`,
      [existing.id],
    );
    expect(after).toEqual({ name: 'Ada Existing', ods_code: LONDON_TRUST, has_password: true, roles: ['ORG_ADMIN'] });

    await app.runJobs();
    const [mail] = await Mailbox.waitFor(existing.email);
    expect(mail.subject).toBe('You already have a DASV Network account');
    expect(mail.text).not.toContain('/training/set-up/');
    const token = Mailbox.linkIn(mail, '/reset-password/').split('/').pop()!;
    const reset = await app.gql(app.client(), `mutation($i: ResetPasswordInput!) { resetPassword(input: $i) }`, {
      i: { token, password: 'a brand new password' },
    });
    expect(reset.errors).toBeUndefined();
    const signIn = await app.gql(app.client(), SIGN_IN, { i: { email: existing.email, password: 'a brand new password' } });
    expect(signIn.data!.signIn.email).toBe(existing.email);

    const [other] = await Mailbox.waitFor(fresh);
    expect(other.subject).toBe('Finish setting up your DASV Network training account');
  });

  it('refuses an address that is not a work address, or an unknown organisation, writing nothing', async () => {
    const users = await countRows(app.dataSource, 'app_user');
    const outbox = await countRows(app.dataSource, 'outbox_message');

    const personal = await app.gql(app.client(), REGISTER, { i: { name: 'Pat Personal', email: `pat.${run}@gmail.com`, odsCode: LONDON_TRUST } });
    expect(personal.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'LEARNER_NOT_WORK_EMAIL',
      fields: { email: ['Enter your work e-mail address, ending in nhs.net or nhs.uk'] },
    });
    // A look-alike domain is not a subdomain.
    const lookAlike = await app.gql(app.client(), REGISTER, { i: { name: 'Pat Personal', email: `pat.${run}@notnhs.net`, odsCode: LONDON_TRUST } });
    expect(lookAlike.errors?.[0].extensions?.reason).toBe('LEARNER_NOT_WORK_EMAIL');

    const unknown = await app.gql(app.client(), REGISTER, { i: { name: 'Uma Unknown', email: address('uma'), odsCode: 'ZZZ99' } });
    expect(unknown.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'LEARNER_UNKNOWN_ORGANISATION',
      fields: { odsCode: expect.any(Array) },
    });

    const malformed = await app.gql(app.client(), REGISTER, { i: { name: '  ', email: 'not-an-address', odsCode: 'R!' } });
    expect(malformed.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(Object.keys(malformed.errors![0].extensions!.fields!).sort()).toEqual(['email', 'name', 'odsCode']);

    expect(await countRows(app.dataSource, 'app_user')).toBe(users);
    expect(await countRows(app.dataSource, 'outbox_message')).toBe(outbox);
  });

  it('works as a page without JavaScript: search, choose from the results, register', async () => {
    const browser = app.client();
    const search = await browser.get('/register?search=guy%27s%20and%20st');
    expect(search.status).toBe(200);
    expect(search.text).toContain('value="RJ1"');
    const found = await app.gql(app.client(), `{ registrationOrganisations(search: "rj1") { odsCode name } }`);
    expect(found.data!.registrationOrganisations).toEqual([{ odsCode: 'RJ1', name: "Guy's and St Thomas' NHS Foundation Trust" }]);

    const csrf = csrfOf(search.text);
    const refused = await browser
      .post('/register?search=guy%27s%20and%20st')
      .type('form')
      .send({ _csrf: csrf, odsCode: 'RJ1', name: 'Pip Page', email: `pip.${run}@hotmail.co.uk` });
    expect(refused.status).toBe(303);
    expect(refused.headers.location).toBe('/register?search=guy%27s%20and%20st');
    const shown = await browser.get(refused.headers.location);
    expect(shown.text).toContain('nhsuk-error-summary');
    expect(shown.text).toContain('Enter your work e-mail address, ending in nhs.net or nhs.uk');
    expect(shown.text).toContain('value="Pip Page"');

    const email = address('pip.page');
    const sent = await browser.post('/register?search=guy%27s%20and%20st').type('form').send({ _csrf: csrf, odsCode: 'RJ1', name: 'Pip Page', email });
    expect(sent.status).toBe(303);
    expect(sent.headers.location).toBe('/register/check-your-email');
    const confirmation = await browser.get('/register/check-your-email');
    expect(confirmation.text).toContain(`We have sent an e-mail to ${email}`);
    expect(await countRows(app.dataSource, 'app_user', 'email = $1', [email])).toBe(1);
  });

  it('limits registrations from one IP address', async () => {
    let refused: Awaited<ReturnType<TestApp['gql']>> | undefined;
    for (let i = 0; i <= LIMIT && !refused; i++) {
      const result = await app.gql(app.client(), REGISTER, { i: { name: 'Flood', email: address(`flood${i}`), odsCode: LONDON_TRUST } });
      if (result.errors) refused = result;
    }
    expect(refused?.errors?.[0].extensions).toMatchObject({ code: 'TOO_MANY_REQUESTS', reason: 'LEARNER_REGISTRATION_RATE_LIMITED' });
    expect(await countRows(app.dataSource, 'app_user', `email LIKE $1`, [`flood%.${run}@nhs.net`])).toBeLessThan(LIMIT);
  });
});
