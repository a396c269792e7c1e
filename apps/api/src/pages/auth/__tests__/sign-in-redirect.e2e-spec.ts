import type TestAgent from 'supertest/lib/agent';
import { createTestApp, createUser, Role, TestApp } from '@dasv/testing';
import { afterSignIn } from '../../shared/redirects';

const ORIGIN = 'http://localhost:3000';

/**
 * Each `next` a browser would follow off the site once the server has normalised it, with where
 * sign-in must send the person instead. The URL parser turns the first group into "//evil.example".
 */
const HOSTILE: readonly string[] = [
  '/.//evil.example',
  '/..//evil.example',
  '/%2e//evil.example',
  '/%2E%2E//evil.example',
  '/a/..//evil.example',
  '/a/b/../..//evil.example',
  '/./\\evil.example',
  '/.\\/evil.example',
  '/\\evil.example',
  '/\\\\evil.example',
  '//evil.example',
  '///evil.example',
  '/\t/evil.example',
  '/\n/evil.example',
  '/\r\n/evil.example',
  '/\t\\evil.example',
  '\t//evil.example',
  ' //evil.example',
  'https://evil.example/',
  'http://localhost:3000.evil.example/',
  '//localhost:3000@evil.example/',
  'javascript:alert(1)',
  'evil.example',
];

/** Paths that stay on the site, and what they normalise to. Encoded slashes stay encoded: a browser keeps them in the path. */
const LOCAL: ReadonlyArray<[string, string]> = [
  ['/organisations/RBV?search=x', '/organisations/RBV?search=x'],
  ['/a/../organisations', '/organisations'],
  ['/./account', '/account'],
  ['/%2F/evil.example', '/%2F/evil.example'],
  ['/%2f%2fevil.example', '/%2f%2fevil.example'],
  ['/%5C/evil.example', '/%5C/evil.example'],
];

describe('where sign-in goes next', () => {
  it.each(HOSTILE.map((next) => [JSON.stringify(next), next]))('never leaves the site for %s', (_label, next) => {
    expect(afterSignIn(next, ORIGIN)).toBe('/');
    expect(afterSignIn(next, ORIGIN, '')).toBe('');
  });

  it.each(LOCAL)('keeps the local path %s as %s', (next, expected) => {
    const path = afterSignIn(next, ORIGIN);
    expect(path).toBe(expected);
    // Whatever is kept resolves, as a browser would resolve a Location, to this origin.
    expect(new URL(path, ORIGIN).origin).toBe(ORIGIN);
  });

  it('does not go back to the sign-in page itself', () => {
    expect(afterSignIn('/sign-in?next=//evil.example', ORIGIN)).toBe('/');
    expect(afterSignIn('/./sign-in', ORIGIN)).toBe('/');
  });
});

describe('signing in with a hostile next over HTTP', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp();
  });
  afterAll(() => app.close());

  async function signIn(agent: TestAgent, email: string, password: string, next: string) {
    const form = await agent.get('/sign-in').expect(200);
    const _csrf = /name="_csrf" value="([^"]+)"/.exec(form.text)?.[1];
    return agent
      .post(`/sign-in?next=${encodeURIComponent(next)}`)
      .type('form')
      .send({ _csrf, email, password });
  }

  it('redirects to the home page, never to another host, after a successful sign-in', async () => {
    const user = await createUser(app.dataSource, { odsCode: 'RBV', roles: [{ role: Role.LEARNER }] });
    for (const next of HOSTILE) {
      const res = await signIn(app.client(), user.email, user.password, next);
      expect([next, res.status, res.headers.location]).toEqual([next, 303, '/']);
    }
    const res = await signIn(app.client(), user.email, user.password, '/organisations/RBV');
    expect(res.headers.location).toBe('/organisations/RBV');
  });

  it('sends someone signed out from every kind of protected page to sign in, and back to that page afterwards', async () => {
    // One of each kind: course, course page, assessment, certificate, reports, staff lists, directory,
    // organisations, returns, authoring, audit, account and invitations; with their queries.
    const protectedPages = [
      '/training',
      '/training/courses/understanding-sexual-misconduct',
      '/training/courses/understanding-sexual-misconduct/resume',
      '/training/courses/understanding-sexual-misconduct/assessment',
      '/training/courses/understanding-sexual-misconduct/certificate.pdf',
      '/training/reports?course=understanding-sexual-misconduct',
      '/training/reports/RJ1/not-completed',
      '/training/staff/RJ1/staff-list',
      '/directory?search=violence',
      '/directory/organisations/RJ1',
      '/organisations/RJ1',
      '/nominations',
      '/training/authoring',
      '/admin/audit',
      '/admin/invite',
      '/account',
    ];
    const user = await createUser(app.dataSource, { odsCode: 'X24', roles: [{ role: Role.NATIONAL_ADMIN }] });
    for (const path of protectedPages) {
      const refused = await app.client().get(path);
      expect([path, refused.status, refused.headers.location]).toEqual([path, 303, `/sign-in?next=${encodeURIComponent(path)}`]);
      const agent = app.client();
      const form = await agent.get(refused.headers.location).expect(200);
      // The form carries the page on, so the sign-in post knows where to return.
      expect(form.text).toContain(`action="/sign-in?next=${encodeURIComponent(path).replace(/&/g, '&amp;')}"`);
      const res = await signIn(agent, user.email, user.password, path);
      expect([path, res.status, res.headers.location]).toEqual([path, 303, path]);
    }
  });

  it('does the same for someone already signed in who opens the sign-in page', async () => {
    const { agent } = await app.signedIn({ odsCode: 'RBV', roles: [{ role: Role.LEARNER }] });
    for (const next of HOSTILE) {
      const res = await agent.get(`/sign-in?next=${encodeURIComponent(next)}`);
      expect([next, res.status, res.headers.location]).toEqual([next, 303, '/']);
    }
  });
});
