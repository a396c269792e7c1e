import {
  countRows,
  createTestApp,
  Mailbox,
  nationalAdmin,
  openReturn,
  Role,
  SOUTH_EAST_LONDON_ICB,
  SOUTH_EAST_LONDON_TRUSTS,
  TestApp,
  uniqueEmail,
} from '@dasv/testing';

const IMPORT = `mutation($csv: String!) { importOrganisationContacts(csv: $csv) {
  rows organisations unchanged applied
  added { odsCode role roleLabel name email } changed { odsCode role email previousEmail } removed { odsCode role previousEmail } } }`;
const PREVIEW = `query($csv: String!) { previewOrganisationContactImport(csv: $csv) { applied added { odsCode } changed { odsCode } removed { odsCode } } }`;
const SET = `mutation($i: SetOrganisationContactInput!) { setOrganisationContact(input: $i) { role roleLabel name email } }`;
const REMOVE = `mutation($i: RemoveOrganisationContactInput!) { removeOrganisationContact(input: $i) { role email } }`;
const CONTACTS = `query($o: String!) { organisation(odsCode: $o) { odsCode contacts { role name email } } }`;
const INVITE = `mutation($csv: String!) { importAdminInvitations(csv: $csv) { organisations granted invited applied people { row odsCode email } } }`;

describe('organisation contacts', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await createTestApp();
  });
  afterAll(() => app?.close());

  it('loads every row of a file or none, and a return then reaches each organisation through its contacts', async () => {
    const national = await nationalAdmin(app);
    const offices = SOUTH_EAST_LONDON_TRUSTS.map((ods) => ({ ods, email: uniqueEmail(`ceo.office.${ods.toLowerCase()}`, 'nhs.uk') }));
    const good = ['ODS code,Contact role,Name,Email', ...offices.map((o) => `${o.ods},Chief executive's office,,${o.email}`)];

    // One bad row among good ones: every problem listed by row, nothing written.
    const bad = [
      ...good,
      'RJ1,Chief executive,,not-an-address',
      'ZZZ99,Chief people officer,Pat People,pat@nhs.net',
      'RJ2,Head of everything,Sam,sam@nhs.net',
    ].join('\n');
    const refused = await app.gql(national, IMPORT, { csv: bad });
    expect(refused.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(refused.errors?.[0].extensions?.reason).toBe('ORGANISATION_CONTACT_IMPORT_INVALID');
    expect(refused.errors?.[0].extensions?.fields).toEqual({
      'row 7': ['Enter the chief executive’s name', '"not-an-address" is not an e-mail address in the correct format, like name@nhs.net'],
      'row 8': ['No organisation has ODS code ZZZ99'],
      'row 9': [expect.stringMatching(/^"Head of everything" is not a contact role: use "Chief executive's office", "Chief executive"/)],
    });
    expect(await countRows(app.dataSource, 'organisation_contact')).toBe(0);

    // A preview writes nothing; the import then adds all five.
    const preview = await app.gql(national, PREVIEW, { csv: good.join('\n') });
    expect(preview.data?.previewOrganisationContactImport).toMatchObject({ applied: false, changed: [], removed: [] });
    expect(preview.data?.previewOrganisationContactImport.added).toHaveLength(5);
    expect(await countRows(app.dataSource, 'organisation_contact')).toBe(0);
    const imported = await app.gql(national, IMPORT, { csv: good.join('\n') });
    expect(imported.errors).toBeUndefined();
    expect(imported.data?.importOrganisationContacts).toMatchObject({ rows: 5, organisations: 5, unchanged: 0, applied: true, changed: [], removed: [] });
    expect(imported.data?.importOrganisationContacts.added[0]).toMatchObject({
      role: 'CHIEF_EXECUTIVE_OFFICE',
      roleLabel: 'Chief executive’s office',
      name: null,
    });

    const returnId = await openReturn(app, national, { scopeOdsCode: SOUTH_EAST_LONDON_ICB });
    await app.runJobs();
    for (const office of offices) {
      const [mail] = await Mailbox.waitFor(office.email);
      expect(Mailbox.linkIn(mail, '/nominations/')).toBe(`http://localhost:3000/nominations/${returnId}/${office.ods}`);
    }

    // A second file for one organisation replaces its contacts: changed and added, the rest of England untouched.
    const newOffice = uniqueEmail('new.office', 'nhs.uk');
    const again = await app.gql(national, IMPORT, {
      csv: `ODS code,Contact role,Name,Email\nRJ1,Chief executive's office,,${newOffice}\nRJ1,Chief people officer,Priya People,priya.${Date.now()}@nhs.net\n`,
    });
    expect(again.data?.importOrganisationContacts).toMatchObject({ organisations: 1, unchanged: 0, removed: [] });
    expect(again.data?.importOrganisationContacts.changed).toEqual([
      { odsCode: 'RJ1', role: 'CHIEF_EXECUTIVE_OFFICE', email: newOffice, previousEmail: offices[0].email },
    ]);
    expect(again.data?.importOrganisationContacts.added).toHaveLength(1);
    expect(await countRows(app.dataSource, 'organisation_contact')).toBe(6);
    expect(await countRows(app.dataSource, 'audit_event', `action = 'organisation_contact.imported'`)).toBe(7);
  });

  it('lets admins over an organisation and its own administrators edit its contacts, and refuses anyone one branch over', async () => {
    const london = await app.signedIn({ odsCode: 'Y56', roles: [{ role: Role.REGIONAL_ADMIN }] });
    const northWest = await app.signedIn({ odsCode: 'Y62', roles: [{ role: Role.REGIONAL_ADMIN }] });
    const lewishamAdmin = await app.signedIn({ odsCode: 'RJ2', roles: [{ role: Role.ORG_ADMIN }] });
    const email = uniqueEmail('chief.exec');

    const set = await app.gql(london.agent, SET, { i: { organisationOdsCode: 'RJZ', role: 'CHIEF_EXECUTIVE', name: 'Clive Chief', email } });
    expect(set.errors).toBeUndefined();
    expect(set.data?.setOrganisationContact).toEqual({ role: 'CHIEF_EXECUTIVE', roleLabel: 'Chief executive', name: 'Clive Chief', email });

    // Every problem at once: a person's role needs a name, and the address must be one.
    const invalid = await app.gql(london.agent, SET, { i: { organisationOdsCode: 'RJZ', role: 'CHIEF_EXECUTIVE', email: 'nope' } });
    expect(invalid.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(
      Object.keys(invalid.errors?.[0].extensions?.fields ?? {})
        .sort()
        .join(' '),
    ).toMatch(/email.* .*name/);

    const outside = await app.gql(northWest.agent, SET, {
      i: { organisationOdsCode: 'RJZ', role: 'CHIEF_EXECUTIVE', name: 'Mallory', email: 'mallory@nhs.net' },
    });
    expect(outside.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(outside.errors?.[0].extensions?.reason).toBe('AUTH_OUT_OF_SCOPE');
    const otherTrust = await app.gql(lewishamAdmin.agent, REMOVE, { i: { organisationOdsCode: 'RJZ', role: 'CHIEF_EXECUTIVE' } });
    expect(otherTrust.errors?.[0].extensions?.reason).toBe('AUTH_OUT_OF_SCOPE');
    // …and the contacts are not shown to them at all.
    const seen = await app.gql(northWest.agent, CONTACTS, { o: 'RJZ' });
    expect(seen.data?.organisation.contacts).toBeNull();
    const seenByRegion = await app.gql(london.agent, CONTACTS, { o: 'RJZ' });
    expect(seenByRegion.data?.organisation.contacts).toEqual(expect.arrayContaining([{ role: 'CHIEF_EXECUTIVE', name: 'Clive Chief', email }]));

    const own = await app.gql(lewishamAdmin.agent, SET, { i: { organisationOdsCode: 'RJ2', role: 'DASV_LEAD_OFFICE', email: uniqueEmail('dasv.office') } });
    expect(own.errors).toBeUndefined();
    const removed = await app.gql(london.agent, REMOVE, { i: { organisationOdsCode: 'RJZ', role: 'CHIEF_EXECUTIVE' } });
    expect(removed.data?.removeOrganisationContact).toEqual({ role: 'CHIEF_EXECUTIVE', email });
    const again = await app.gql(london.agent, REMOVE, { i: { organisationOdsCode: 'RJZ', role: 'CHIEF_EXECUTIVE' } });
    expect(again.errors?.[0].extensions?.reason).toBe('ORGANISATION_CONTACT_NOT_FOUND');

    // Files are NHS England's: a regional admin is refused both imports.
    for (const mutation of [IMPORT, INVITE]) {
      const refused = await app.gql(london.agent, mutation, { csv: 'ODS code,Contact role,Name,Email\nRJ1,Chief executive,Ann,ann@nhs.net' });
      expect(refused.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    }
  });

  it('invites organisation administrators from a file with the usual invitation e-mail', async () => {
    const national = await nationalAdmin(app);
    const first = uniqueEmail('first.admin');
    const second = uniqueEmail('second.admin');
    const bad = await app.gql(national, INVITE, { csv: `ODS code,Name,Email\nRJ1,Fay First,${first}\nRJ1,,${second}\n` });
    expect(bad.errors?.[0].extensions?.fields).toEqual({ 'row 3': ['Enter the person’s name'] });
    expect(await countRows(app.dataSource, 'app_user', 'email = ANY($1)', [[first, second]])).toBe(0);

    const done = await app.gql(national, INVITE, { csv: `ODS code,Name,Email\nRJ1,Fay First,${first}\nRJ2,Sid Second,${second}\n` });
    expect(done.errors).toBeUndefined();
    expect(done.data?.importAdminInvitations).toMatchObject({ organisations: 2, granted: 2, invited: 2, applied: true });
    await app.runJobs();
    const [mail] = await Mailbox.waitFor(first);
    expect(mail.text).toContain('organisation administrator');
    expect(Mailbox.linkIn(mail, '/accept-invitation/')).toMatch(/accept-invitation\//);
    expect(await countRows(app.dataSource, 'role_assignment r JOIN app_user u ON u.id = r.user_id', `u.email = $1 AND r.role = 'ORG_ADMIN'`, [second])).toBe(1);
  });
});
