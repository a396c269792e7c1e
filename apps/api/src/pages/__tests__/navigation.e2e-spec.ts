import { createTestApp, TestApp } from '@dasv/testing';
import { Role } from '@dasv/auth';

/** The header offers each area to exactly the roles the guard lets in. */
describe('navigation', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp();
  });
  afterAll(() => app.close());

  const links = async (role: Role, odsCode: string) => {
    const { agent } = await app.signedIn({ odsCode, roles: [{ role }] });
    const page = await agent.get('/').expect(200);
    const header = page.text.slice(page.text.indexOf('<header'), page.text.indexOf('</header>'));
    return [...header.matchAll(/href="(\/[a-z/-]*)"/g)].map((m) => m[1]);
  };

  it('shows a national admin returns, the directory and inviting', async () => {
    expect(await links(Role.NATIONAL_ADMIN, 'X24')).toEqual(expect.arrayContaining(['/organisations', '/nominations', '/directory', '/admin/invite']));
  });

  it('shows a DASV lead the directory but not returns or inviting', async () => {
    const shown = await links(Role.DASV_LEAD, 'RJ1');
    expect(shown).toContain('/directory');
    expect(shown).not.toContain('/nominations');
    expect(shown).not.toContain('/admin/invite');
  });

  it('shows a learner neither', async () => {
    const shown = await links(Role.LEARNER, 'RJ1');
    expect(shown).not.toContain('/directory');
    expect(shown).not.toContain('/nominations');
  });
});
