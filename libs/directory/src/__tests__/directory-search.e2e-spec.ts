import { parse } from 'csv-parse/sync';
import type TestAgent from 'supertest/lib/agent';
import { addLead, countRows, createLead, createTestApp, endLead, Role, TestApp, TestLead } from '@dasv/testing';

// Real codes from libs/organisations/data. London (Y56): South East London ICB (QKK) with Guy's and
// St Thomas' (RJ1) and King's (RJZ); North West London ICB (QRV) with Imperial (RYJ). North West
// (Y62): Greater Manchester ICB (QOP) with Manchester University (R0A) and The Christie (RBV).
const SIGN_IN = `mutation($i: SignInInput!) { signIn(input: $i) { id } }`;
const DIRECTORY = `query($search: String, $organisation: String, $icb: String, $region: String, $leadRole: LeadRole, $first: Int, $after: String) {
  directory(search: $search, organisation: $organisation, icb: $icb, region: $region, leadRole: $leadRole, first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node { id name jobTitle email phone organisation { odsCode } leadRoles { leadRole organisation { odsCode } } } }
  }
}`;
const PROFILE = `query($id: ID!) { directoryLead(id: $id) { name email phone showEmail showPhone bio areasOfInterest } }`;
const MY_PROFILE = `{ myLeadProfile { name email phone showEmail showPhone bio areasOfInterest } }`;
const UPDATE = `mutation($i: UpdateLeadProfileInput!) { updateMyLeadProfile(input: $i) { name email phone showEmail showPhone bio areasOfInterest } }`;
const EXPORT = `query($icb: String, $region: String, $leadRole: LeadRole) { directoryCsv(icb: $icb, region: $region, leadRole: $leadRole) }`;

type Node = { id: string; name: string; email: string | null; phone: string | null; leadRoles: Array<{ leadRole: string; organisation: { odsCode: string } }> };

describe('the DASV lead directory', () => {
  let app: TestApp;
  let priya: TestLead;
  let sarah: TestLead;
  let tom: TestLead;
  let imran: TestLead;
  let aisha: TestLead;

  const signInAs = async (person: { email: string; password: string }): Promise<TestAgent> => {
    const agent = app.client();
    const result = await app.gql(agent, SIGN_IN, { i: { email: person.email, password: person.password } });
    expect(result.errors).toBeUndefined();
    return agent;
  };
  const search = async (agent: TestAgent, variables: Record<string, unknown>) => {
    const result = await app.gql(agent, DIRECTORY, { first: 100, ...variables });
    expect(result.errors).toBeUndefined();
    return result.data!.directory as { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: Array<{ node: Node }> };
  };
  const names = async (agent: TestAgent, variables: Record<string, unknown>) => (await search(agent, variables)).edges.map((e) => e.node.name);

  beforeAll(async () => {
    app = await createTestApp({ now: new Date('2026-03-02T10:00:00Z') });
    priya = await createLead(app.dataSource, {
      name: 'Priya Patel',
      odsCode: 'RJ1',
      leadRole: 'EXECUTIVE',
      jobTitle: 'Chief Nurse',
      profile: { phone: '020 7188 7188' },
    });
    sarah = await createLead(app.dataSource, {
      name: 'Sarah Jones',
      odsCode: 'RJ1',
      leadRole: 'OPERATIONAL',
      profile: { phone: '020 7188 0000', showEmail: false, showPhone: true },
    });
    await createLead(app.dataSource, { name: 'Grace Obi', odsCode: 'QKK', leadRole: 'EXECUTIVE' });
    imran = await createLead(app.dataSource, { name: 'Imran Hussain', odsCode: 'RYJ', leadRole: 'OPERATIONAL' });
    await createLead(app.dataSource, { name: 'Jonathan Smith', odsCode: 'Y56', leadRole: 'SENIOR' });
    tom = await createLead(app.dataSource, {
      name: 'Tom Okafor',
      odsCode: 'R0A',
      leadRole: 'EXECUTIVE',
      profile: { phone: '0161 276 1234', showEmail: false },
    });
    aisha = await createLead(app.dataSource, { name: 'Aisha Khan', odsCode: 'RBV', leadRole: 'OPERATIONAL' });
    await addLead(app.dataSource, { userId: aisha.id, odsCode: 'R0A', leadRole: 'OPERATIONAL' });
    // Not in the directory: a lead who has been replaced, and one whose account is closed.
    const former = await createLead(app.dataSource, { name: 'Peter Former', odsCode: 'RJZ', leadRole: 'EXECUTIVE' });
    await endLead(app.dataSource, former.leadId, { at: new Date('2026-01-31T17:00:00Z') });
    const closed = await createLead(app.dataSource, { name: 'Ina Active', odsCode: 'RJZ', leadRole: 'OPERATIONAL' });
    await app.dataSource.query(`UPDATE app_user SET is_active = false WHERE id = $1`, [closed.id]);
  });
  afterAll(() => app.close());

  describe('search', () => {
    let agent: TestAgent;
    beforeAll(async () => {
      agent = await signInAs(aisha);
    });

    it('finds current leads by part of a name, forgiving a slip of the keyboard', async () => {
      expect(await names(agent, { search: 'patel' })).toEqual(['Priya Patel']);
      expect(await names(agent, { search: 'PAT' })).toEqual(['Priya Patel']);
      expect(await names(agent, { search: 'Patle' })).toEqual(['Priya Patel']);
      expect(await names(agent, { search: 'okafr' })).toEqual(['Tom Okafor']);
      expect(await names(agent, { search: 'jonathon smith' })).toEqual(['Jonathan Smith']);
      expect(await names(agent, { search: 'Former' })).toEqual([]);
      expect(await names(agent, { search: 'zzyzx' })).toEqual([]);
      // Names containing what was typed come before names that only resemble it.
      const jon = await names(agent, { search: 'jon' });
      expect(jon.slice(0, 2)).toEqual(['Jonathan Smith', 'Sarah Jones']);
    });

    it('filters by organisation (code or name), ICB, region and lead role', async () => {
      expect(await names(agent, { organisation: 'RJ1' })).toEqual(['Priya Patel', 'Sarah Jones']);
      expect(await names(agent, { organisation: 'rj1' })).toEqual(['Priya Patel', 'Sarah Jones']);
      expect(await names(agent, { organisation: "guy's and st" })).toEqual(['Priya Patel', 'Sarah Jones']);
      expect(await names(agent, { icb: 'QKK' })).toEqual(['Grace Obi', 'Priya Patel', 'Sarah Jones']);
      expect(await names(agent, { region: 'Y56' })).toEqual(['Grace Obi', 'Imran Hussain', 'Jonathan Smith', 'Priya Patel', 'Sarah Jones']);
      expect(await names(agent, { leadRole: 'EXECUTIVE' })).toEqual(['Grace Obi', 'Priya Patel', 'Tom Okafor']);
      expect(await names(agent, { region: 'Y56', leadRole: 'SENIOR' })).toEqual(['Jonathan Smith']);
      // Jonathan is a near miss for "jones"; the name that contains it comes first.
      expect(await names(agent, { region: 'Y56', search: 'jones' })).toEqual(['Sarah Jones', 'Jonathan Smith']);
      expect(await names(agent, { icb: 'QKK', search: 'jones' })).toEqual(['Sarah Jones']);
      expect(await names(agent, { organisation: 'RJZ' })).toEqual([]);

      // One entry per person, with every lead role they hold.
      const [aishaFound] = (await search(agent, { region: 'Y62', leadRole: 'OPERATIONAL' })).edges.map((e) => e.node);
      expect(aishaFound.name).toBe('Aisha Khan');
      expect(aishaFound.leadRoles.map((r) => r.organisation.odsCode).sort()).toEqual(['R0A', 'RBV']);
      // Blank filters, as an empty search form sends them, filter nothing.
      expect((await search(agent, { search: ' ', organisation: '', icb: '', region: '' })).totalCount).toBe(7);
    });

    it('pages through the directory with keyset cursors, each lead once', async () => {
      const all = await app.dataSource.query(
        `SELECT u.name FROM app_user u WHERE u.is_active AND EXISTS (SELECT 1 FROM dasv_lead l WHERE l.user_id = u.id AND l.ended_at IS NULL) ORDER BY u.name, u.id`,
      );
      const seen: string[] = [];
      let after: string | undefined;
      for (let pages = 0; pages < 10; pages++) {
        const page = await search(agent, { first: 3, after });
        expect(page.totalCount).toBe(all.length);
        seen.push(...page.edges.map((e) => e.node.name));
        if (!page.pageInfo.hasNextPage) break;
        after = page.pageInfo.endCursor!;
      }
      expect(seen).toEqual(all.map((r: { name: string }) => r.name));

      // Across the boundary between partial matches and near misses too.
      const whole = await names(agent, { search: 'jon' });
      const paged: string[] = [];
      after = undefined;
      for (let pages = 0; pages < 10; pages++) {
        const page = await search(agent, { search: 'jon', first: 1, after });
        paged.push(...page.edges.map((e) => e.node.name));
        if (!page.pageInfo.hasNextPage) break;
        after = page.pageInfo.endCursor!;
      }
      expect(paged).toEqual(whole);

      const forged = await app.gql(agent, DIRECTORY, { after: Buffer.from(JSON.stringify(['x', 'y'])).toString('base64url') });
      expect(forged.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: { after: expect.any(Array) } });
    });

    it('finds leads by their areas of interest as well as by name, forgiving a slip there too', async () => {
      const interests = async (lead: { id: string }, areas: string[]) =>
        app.dataSource.query(
          `INSERT INTO lead_profile (user_id, areas_of_interest) VALUES ($1, $2)
           ON CONFLICT (user_id) DO UPDATE SET areas_of_interest = EXCLUDED.areas_of_interest`,
          [lead.id, areas],
        );
      await interests(imran, ['Coercive control', 'Domestic abuse in the workforce']);
      await interests(tom, ['Sexual safety charter', 'Coercive control']);
      try {
        expect(await names(agent, { search: 'coercive control' })).toEqual(['Imran Hussain', 'Tom Okafor']);
        expect(await names(agent, { search: 'coersive' })).toEqual(['Imran Hussain', 'Tom Okafor']);
        expect(await names(agent, { search: 'sexual safety' })).toEqual(['Tom Okafor']);
        // With the other filters, as for a name.
        expect(await names(agent, { search: 'coercive', region: 'Y62' })).toEqual(['Tom Okafor']);
        // A name still finds the person, and an interest nobody has finds nobody.
        expect(await names(agent, { search: 'patel' })).toEqual(['Priya Patel']);
        expect(await names(agent, { search: 'zzyzx' })).toEqual([]);
      } finally {
        await interests(imran, []);
        await interests(tom, []);
      }
    });

    it('refuses learners and signed-out callers, and explains a filter that names the wrong kind of organisation', async () => {
      const { agent: learner } = await app.signedIn({ odsCode: 'RJ1', roles: [{ role: Role.LEARNER }] });
      expect((await app.gql(learner, DIRECTORY, {})).errors?.[0].extensions?.code).toBe('FORBIDDEN');
      expect((await app.gql(learner, PROFILE, { id: priya.id })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
      expect((await app.gql(learner, `{ organisationLeads(odsCode: "RJ1") { current { id } } }`)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
      expect((await app.gql(app.client(), DIRECTORY, {})).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');

      const region = await app.gql(agent, DIRECTORY, { icb: 'Y56' });
      expect(region.errors?.[0].extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        reason: 'DIRECTORY_WRONG_ORGANISATION_TYPE',
        fields: { icb: ['London (Y56) is not an ICB'] },
      });
      const unknown = await app.gql(agent, DIRECTORY, { region: 'ZZZ99' });
      expect(unknown.errors?.[0].extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        reason: 'DIRECTORY_UNKNOWN_ORGANISATION',
        fields: { region: ['No organisation has ODS code ZZZ99'] },
      });
      const malformed = await app.gql(agent, DIRECTORY, { icb: 'not a code', search: 'x'.repeat(101) });
      expect(malformed.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
      expect(Object.keys(malformed.errors![0].extensions!.fields!).sort()).toEqual(['icb', 'search']);
      const notALead = await app.gql(agent, PROFILE, { id: (await app.signedIn({ odsCode: 'RJ1', roles: [{ role: Role.LEARNER }] })).user.id });
      expect(notALead.errors?.[0].extensions).toMatchObject({ code: 'NOT_FOUND', reason: 'DIRECTORY_LEAD_NOT_FOUND' });
    });
  });

  describe('contact details', () => {
    const contactOf = (nodes: Node[], name: string) => {
      const node = nodes.find((n) => n.name === name)!;
      return { email: node.email, phone: node.phone };
    };

    it('shows another lead only what each lead has chosen to show', async () => {
      const agent = await signInAs(tom);
      expect((await app.gql(agent, PROFILE, { id: priya.id })).data!.directoryLead).toMatchObject({
        email: priya.email,
        phone: null,
        showEmail: null,
        showPhone: null,
      });
      expect((await app.gql(agent, PROFILE, { id: sarah.id })).data!.directoryLead).toMatchObject({ email: null, phone: '020 7188 0000' });
      const found = (await search(agent, { organisation: 'RJ1' })).edges.map((e) => e.node);
      expect(contactOf(found, 'Priya Patel')).toEqual({ email: priya.email, phone: null });
      expect(contactOf(found, 'Sarah Jones')).toEqual({ email: null, phone: '020 7188 0000' });

      // The same rule wherever a person appears, here in an organisation's leads.
      const leads = await app.gql(agent, `{ organisationLeads(odsCode: "RJ1") { current { leadRole person { name email phone } } } }`);
      expect(leads.data!.organisationLeads.current).toEqual([
        { leadRole: 'EXECUTIVE', person: { name: 'Priya Patel', email: priya.email, phone: null } },
        { leadRole: 'OPERATIONAL', person: { name: 'Sarah Jones', email: null, phone: '020 7188 0000' } },
      ]);
    });

    it('shows administrators of the lead’s organisation everything, and administrators one branch over only what is shown', async () => {
      const { agent: icbAdmin } = await app.signedIn({ odsCode: 'QKK', roles: [{ role: Role.ICB_ADMIN }] });
      const asIcbAdmin = (await search(icbAdmin, {})).edges.map((e) => e.node);
      expect(contactOf(asIcbAdmin, 'Sarah Jones')).toEqual({ email: sarah.email, phone: '020 7188 0000' });
      expect(contactOf(asIcbAdmin, 'Priya Patel')).toEqual({ email: priya.email, phone: '020 7188 7188' });
      // Tom's trust is in another region.
      expect(contactOf(asIcbAdmin, 'Tom Okafor')).toEqual({ email: null, phone: null });

      const { agent: trustAdmin } = await app.signedIn({ odsCode: 'RJ1', roles: [{ role: Role.ORG_ADMIN }] });
      expect((await app.gql(trustAdmin, PROFILE, { id: sarah.id })).data!.directoryLead).toMatchObject({ email: sarah.email, phone: '020 7188 0000' });

      const { agent: northWestAdmin } = await app.signedIn({ odsCode: 'Y62', roles: [{ role: Role.REGIONAL_ADMIN }] });
      expect((await app.gql(northWestAdmin, PROFILE, { id: sarah.id })).data!.directoryLead).toMatchObject({ email: null, phone: '020 7188 0000' });
      expect((await app.gql(northWestAdmin, PROFILE, { id: tom.id })).data!.directoryLead).toMatchObject({ email: tom.email, phone: '0161 276 1234' });
    });

    it('always shows a lead their own details and choices', async () => {
      const agent = await signInAs(sarah);
      expect((await app.gql(agent, MY_PROFILE)).data!.myLeadProfile).toEqual({
        name: 'Sarah Jones',
        email: sarah.email,
        phone: '020 7188 0000',
        showEmail: false,
        showPhone: true,
        bio: '',
        areasOfInterest: [],
      });
      expect((await app.gql(agent, PROFILE, { id: sarah.id })).data!.directoryLead).toMatchObject({ email: sarah.email, showEmail: false });
    });
  });

  describe('editing one’s profile', () => {
    it('saves what the lead gives, keeps the rest, and applies their choices at once', async () => {
      const agent = await signInAs(imran);
      const saved = await app.gql(agent, UPDATE, {
        i: {
          phone: ' +44 20 3311 1234 ',
          bio: '  Named safeguarding lead for Imperial.  ',
          areasOfInterest: [' Coercive control ', 'Honour-based abuse'],
          showEmail: false,
          showPhone: true,
        },
      });
      expect(saved.errors).toBeUndefined();
      expect(saved.data!.updateMyLeadProfile).toEqual({
        name: 'Imran Hussain',
        email: imran.email,
        phone: '+44 20 3311 1234',
        showEmail: false,
        showPhone: true,
        bio: 'Named safeguarding lead for Imperial.',
        areasOfInterest: ['Coercive control', 'Honour-based abuse'],
      });
      expect((await app.gql(await signInAs(tom), PROFILE, { id: imran.id })).data!.directoryLead).toMatchObject({
        email: null,
        phone: '+44 20 3311 1234',
        areasOfInterest: ['Coercive control', 'Honour-based abuse'],
      });

      const partly = await app.gql(agent, UPDATE, { i: { bio: 'Shorter.', phone: null } });
      expect(partly.data!.updateMyLeadProfile).toMatchObject({
        bio: 'Shorter.',
        phone: null,
        showPhone: true,
        areasOfInterest: ['Coercive control', 'Honour-based abuse'],
      });
      const audit = await app.dataSource.query(`SELECT details FROM audit_event WHERE action = 'lead_profile.updated' AND actor_id = $1 ORDER BY id`, [
        imran.id,
      ]);
      expect(audit.map((a: { details: { fields: string[] } }) => a.details.fields)).toEqual([
        ['phone', 'bio', 'areasOfInterest', 'showEmail', 'showPhone'],
        ['phone', 'bio'],
      ]);
    });

    it('refuses bad input field by field, writing nothing', async () => {
      const agent = await signInAs(priya);
      const profiles = await countRows(app.dataSource, 'lead_profile');
      const audit = await countRows(app.dataSource, 'audit_event');
      const before = await app.dataSource.query(`SELECT * FROM lead_profile WHERE user_id = $1`, [priya.id]);

      const result = await app.gql(agent, UPDATE, {
        i: {
          phone: 'ring the switchboard',
          bio: 'x'.repeat(1001),
          areasOfInterest: [...Array.from({ length: 10 }, (_, n) => `Area ${n}`), 'y'.repeat(61)],
          showEmail: false,
        },
      });
      expect(result.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      const fields = result.errors![0].extensions!.fields!;
      expect(Object.keys(fields).sort()).toEqual(['areasOfInterest', 'bio', 'phone']);
      expect(fields.bio).toEqual(['About you must be 1,000 characters or fewer']);
      expect(fields.phone).toEqual(['Enter a telephone number, like 020 7946 0000 or +44 20 7946 0000']);
      expect(fields.areasOfInterest).toEqual(
        expect.arrayContaining(['Give up to 10 areas of interest', 'Each area of interest must be 60 characters or fewer']),
      );

      const repeated = await app.gql(agent, UPDATE, { i: { areasOfInterest: ['Stalking', 'stalking ', ''] } });
      expect(repeated.errors?.[0].extensions?.fields?.areasOfInterest).toEqual(
        expect.arrayContaining(['List each area of interest only once', 'An area of interest cannot be blank']),
      );
      const control = await app.gql(agent, UPDATE, { i: { bio: 'null\u0000byte' } });
      expect(control.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: { 'input.bio': expect.any(Array) } });

      expect(await countRows(app.dataSource, 'lead_profile')).toBe(profiles);
      expect(await countRows(app.dataSource, 'audit_event')).toBe(audit);
      expect(await app.dataSource.query(`SELECT * FROM lead_profile WHERE user_id = $1`, [priya.id])).toEqual(before);
    });

    it('is only for leads', async () => {
      const { agent: admin } = await app.signedIn({ odsCode: 'QKK', roles: [{ role: Role.ICB_ADMIN }] });
      const refused = await app.gql(admin, UPDATE, { i: { bio: 'Not a lead' } });
      expect(refused.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'DIRECTORY_NOT_A_LEAD' });
      expect((await app.gql(admin, MY_PROFILE)).errors?.[0].extensions?.reason).toBe('DIRECTORY_NOT_A_LEAD');
      const { agent: learner } = await app.signedIn({ odsCode: 'RJ1', roles: [{ role: Role.LEARNER }] });
      expect((await app.gql(learner, UPDATE, { i: { bio: 'Not a lead' } })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
      expect(await countRows(app.dataSource, 'lead_profile', `bio = 'Not a lead'`)).toBe(0);
    });
  });

  describe('export', () => {
    const exportAs = async (agent: TestAgent, variables: Record<string, unknown> = {}) => {
      const result = await app.gql(agent, EXPORT, variables);
      expect(result.errors).toBeUndefined();
      return parse<Record<string, string>>(result.data!.directoryCsv as string, { bom: true, columns: true });
    };

    it('gives an ICB administrator the leads of their ICB and its trusts only, with every contact detail', async () => {
      const { agent, user } = await app.signedIn({ odsCode: 'QKK', roles: [{ role: Role.ICB_ADMIN }] });
      const rows = await exportAs(agent);
      expect(rows.map((r) => [r.Name, r['ODS code'], r['Lead role']])).toEqual([
        ['Grace Obi', 'QKK', 'Executive'],
        ['Priya Patel', 'RJ1', 'Executive'],
        ['Sarah Jones', 'RJ1', 'Operational'],
      ]);
      expect(rows[2]).toEqual({
        Name: 'Sarah Jones',
        'Job title': '',
        'E-mail': sarah.email,
        Telephone: '020 7188 0000',
        'Lead role': 'Operational',
        Organisation: "Guy's and St Thomas' NHS Foundation Trust",
        'ODS code': 'RJ1',
        ICB: 'NHS South East London Integrated Care Board',
        'ICB ODS code': 'QKK',
        Region: 'London',
        'Region ODS code': 'Y56',
        'Lead since': '2025-04-01',
      });
      expect(rows[1]['Job title']).toBe('Chief Nurse');
      expect(await countRows(app.dataSource, 'audit_event', `action = 'directory.exported' AND actor_id = $1 AND (details->>'rows')::int = 3`, [user.id])).toBe(
        1,
      );
    });

    it('gives a regional administrator the region, filtered as asked, and refuses another branch', async () => {
      const { agent } = await app.signedIn({ odsCode: 'Y56', roles: [{ role: Role.REGIONAL_ADMIN }] });
      expect((await exportAs(agent)).map((r) => r.Name)).toEqual(['Jonathan Smith', 'Imran Hussain', 'Grace Obi', 'Priya Patel', 'Sarah Jones']);
      expect((await exportAs(agent, { icb: 'QRV' })).map((r) => r.Name)).toEqual(['Imran Hussain']);
      expect((await exportAs(agent, { leadRole: 'EXECUTIVE' })).map((r) => r.Name)).toEqual(['Grace Obi', 'Priya Patel']);

      const { agent: icbAdmin } = await app.signedIn({ odsCode: 'QKK', roles: [{ role: Role.ICB_ADMIN }] });
      expect((await app.gql(icbAdmin, EXPORT, { icb: 'QRV' })).errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'AUTH_OUT_OF_SCOPE' });
      expect((await app.gql(icbAdmin, EXPORT, { region: 'Y62' })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    });

    it('gives a national administrator every current lead role, and leads and trust administrators nothing', async () => {
      const { agent } = await app.signedIn({ odsCode: 'X24', roles: [{ role: Role.NATIONAL_ADMIN }] });
      const rows = await exportAs(agent);
      expect(rows).toHaveLength(await countRows(app.dataSource, 'dasv_lead l JOIN app_user u ON u.id = l.user_id', 'l.ended_at IS NULL AND u.is_active'));
      expect(rows.filter((r) => r.Name === 'Aisha Khan').map((r) => r['ODS code'])).toEqual(['R0A', 'RBV']);

      expect((await app.gql(await signInAs(priya), EXPORT)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
      const { agent: trustAdmin } = await app.signedIn({ odsCode: 'RJ1', roles: [{ role: Role.ORG_ADMIN }] });
      expect((await app.gql(trustAdmin, EXPORT)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    });
  });
});
