import type TestAgent from 'supertest/lib/agent';
import { Role } from '@dasv/auth';
import { TransactionRunnerService } from '@dasv/database';
import { completeCourseAsLearner, countRows, createTestApp, createUser, Mailbox, SEEDED_COURSE_SLUG, TestApp } from '@dasv/testing';
import { CertificateIssuerService } from '../certificate-issuer.service';
import { UNKNOWN_CODES_PER_IP_PER_HOUR } from '../certificate-verification.service';
import { binaryBody, pdfText, zipEntries } from './certificate-files';

// Real codes from libs/organisations/data: Guy's and St Thomas' (RJ1) and King's College Hospital
// (RJZ) in South East London ICB (QKK); the Royal Free (RAL) one ICB over, in North Central London (QMJ).
const TRUST = 'RJ1';
const SIBLING_TRUST = 'RJZ';
const ICB = 'QKK';
const OTHER_ICB = 'QMJ';
const OTHER_ICB_TRUST = 'RAL';
const SLUG = SEEDED_COURSE_SLUG;
const PDF_PATH = `/training/courses/${SLUG}/certificate.pdf`;
// 23:30 UTC on 24 June is 00:30 on 25 June in London (BST): the certificate must say the 25th.
const NOW = new Date('2026-06-24T23:30:00Z');
const CODE = /^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/;

const MY_CERTIFICATE = `query($slug: String!) { myCertificate(slug: $slug) { verificationCode learnerName courseTitle versionNumber completedAt downloadPath } }`;
const VERIFY = `query($code: String!) { verifyCertificate(code: $code) { learnerName courseTitle completedOn } }`;

describe('certificates: issued on completion, downloaded by their owner, verified by anyone, zipped for admins', () => {
  let app: TestApp;
  let courseTitle: string;

  beforeAll(async () => {
    app = await createTestApp({ now: NOW });
    [{ title: courseTitle }] = await app.dataSource.query(
      `SELECT v.title FROM course_version v JOIN course c ON c.id = v.course_id WHERE c.slug = $1 AND v.status = 'PUBLISHED'`,
      [SLUG],
    );
  });
  afterAll(() => app.close());

  const learner = (odsCode: string, name: string) => app.signedIn({ odsCode, name, roles: [{ role: Role.LEARNER }] });
  const getPdf = (agent: TestAgent, path = PDF_PATH) => agent.get(path).buffer(true).parse(binaryBody);
  const getZip = (agent: TestAgent, odsCode: string) => agent.get(`/training/reports/${odsCode}/certificates.zip`).buffer(true).parse(binaryBody);

  describe('a learner who completes the course', () => {
    let agent: TestAgent;
    let user: { id: string; email: string };
    let code: string;

    beforeAll(async () => {
      ({ agent, user } = await learner(TRUST, 'Siobhán Ó Briain-Łukasiewicz'));
    });

    it('has no certificate before completing, then exactly one with a readable code', async () => {
      expect(await app.gql(agent, MY_CERTIFICATE, { slug: SLUG })).toMatchObject({ data: { myCertificate: null } });
      const early = await agent.get(PDF_PATH);
      expect(early.status).toBe(404);
      expect(early.text).toContain('You do not have a certificate for this course yet');

      const completedAt = await completeCourseAsLearner(app, agent);
      const mine = (await app.gql(agent, MY_CERTIFICATE, { slug: SLUG })).data!.myCertificate;
      expect(mine).toEqual({
        verificationCode: expect.stringMatching(CODE),
        learnerName: 'Siobhán Ó Briain-Łukasiewicz',
        courseTitle,
        versionNumber: 1,
        completedAt: completedAt.toISOString(),
        downloadPath: PDF_PATH,
      });
      code = mine.verificationCode;
      expect(await countRows(app.dataSource, 'certificate', 'user_id = $1', [user.id])).toBe(1);
    });

    it('is e-mailed once that they have completed, with the link to the certificate and its code', async () => {
      await app.runJobs();
      const [mail] = await Mailbox.waitFor(user.email, 1);
      expect(mail.subject).toBe(`You have completed “${courseTitle}”: your certificate is ready`);
      expect(mail.text).toContain('Dear Siobhán Ó Briain-Łukasiewicz,');
      expect(mail.text).toContain('on 25 June 2026');
      expect(mail.text).toContain(`http://localhost:3000${PDF_PATH}`);
      expect(mail.text).toContain(code);
      expect(mail.html).toContain(`href="http://localhost:3000${PDF_PATH}"`);
      // Passing again (for practice) completes nothing new, so tells them nothing new.
      await completeCourseAsLearner(app, agent);
      await app.runJobs();
      expect(await countRows(app.dataSource, 'outbox_message', `payload->>'key' LIKE 'course-completed:%' AND payload->>'to' = $1`, [user.email])).toBe(1);
      expect(await Mailbox.messagesTo(user.email)).toHaveLength(1);
    });

    it('downloads it as a PDF holding their name, the course, the date in words, the code and where to check it', async () => {
      const res = await getPdf(agent);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('application/pdf');
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.headers['content-disposition']).toContain(`-${code}.pdf`);
      const pdf: Buffer = res.body;
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
      expect(pdf.includes('/Title')).toBe(true);

      const text = (await pdfText(pdf)).replace(/\s+/g, ' ');
      expect(text).toContain('Siobhán Ó Briain-Łukasiewicz');
      expect(text).toContain(code);
      expect(text).toContain(courseTitle);
      expect(text).toContain('Version 1, completed on 25 June 2026');
      expect(text).toContain(`http://localhost:3000/certificates/verify?code=${code}`);
      expect(text).toContain('NHS England');
    });

    it('keeps one certificate and one code however often the course is passed or the certificate issued, and the name it was issued with', async () => {
      app.clock.advance(24 * 3600_000);
      await completeCourseAsLearner(app, agent);
      const [certificate] = await app.dataSource.query(`SELECT * FROM certificate WHERE user_id = $1`, [user.id]);
      const again = await app.api
        .get(TransactionRunnerService)
        .run((manager) =>
          app.api
            .get(CertificateIssuerService)
            .issue(manager, { userId: user.id, courseId: certificate.course_id, versionId: certificate.version_id, completedAt: app.clock.now() }),
        );
      expect(again).toMatchObject({ verificationCode: code, completedAt: certificate.completed_at, issuedAt: certificate.issued_at });
      expect(await countRows(app.dataSource, 'certificate', 'user_id = $1', [user.id])).toBe(1);

      // What a certificate says was copied at issue: renaming the account does not rewrite it.
      await app.dataSource.query(`UPDATE app_user SET name = 'Someone Else' WHERE id = $1`, [user.id]);
      expect((await app.gql(agent, MY_CERTIFICATE, { slug: SLUG })).data!.myCertificate).toMatchObject({
        verificationCode: code,
        learnerName: 'Siobhán Ó Briain-Łukasiewicz',
      });
      expect(await pdfText((await getPdf(agent)).body)).toContain('Siobhán Ó Briain-Łukasiewicz');
      await app.dataSource.query(`UPDATE app_user SET name = 'Siobhán Ó Briain-Łukasiewicz' WHERE id = $1`, [user.id]);
    });

    it('is confirmed by anyone holding the code, with the name, course and date and nothing else', async () => {
      const visitor = app.client();
      const exact = await app.gql(visitor, VERIFY, { code });
      expect(exact.errors).toBeUndefined();
      expect(exact.data!.verifyCertificate).toEqual({ learnerName: 'Siobhán Ó Briain-Łukasiewicz', courseTitle, completedOn: '2026-06-25' });

      // Read out or retyped: any case, no dashes, spaces, O for 0, I or L for 1.
      const retyped = code.toLowerCase().replace(/-/g, ' ').replace(/0/g, 'o').replace(/1/g, 'l');
      expect((await app.gql(visitor, VERIFY, { code: retyped })).data!.verifyCertificate).toEqual(exact.data!.verifyCertificate);
      expect((await app.gql(visitor, VERIFY, { code: code.replace(/-/g, '') })).data!.verifyCertificate).toEqual(exact.data!.verifyCertificate);

      // The type itself offers nothing more to ask for.
      const type = await app.gql(visitor, `{ __type(name: "CertificateVerification") { fields { name } } }`);
      expect(type.data!.__type.fields.map((f: { name: string }) => f.name).sort()).toEqual(['completedOn', 'courseTitle', 'learnerName']);

      const page = await visitor.get(`/certificates/verify?code=${encodeURIComponent(retyped)}`);
      expect(page.status).toBe(200);
      expect(page.text).toContain('This certificate is genuine');
      expect(page.text).toContain('Siobhán Ó Briain-Łukasiewicz');
      expect(page.text).toContain('25 June 2026');
      expect(page.text).toContain(courseTitle.replace(/'/g, '&#39;'));
      expect(page.text).not.toContain(user.email);
      expect(page.text.toLowerCase()).not.toContain('guy&#39;s and st thomas');
    });

    it('rejects a made-up code and a malformed one, on the page and through GraphQL', async () => {
      const visitor = app.client();
      const madeUp = code.startsWith('Z') ? 'Y' + code.slice(1) : 'Z' + code.slice(1);
      expect(await app.gql(visitor, VERIFY, { code: madeUp })).toMatchObject({ data: { verifyCertificate: null } });
      const notFound = await visitor.get(`/certificates/verify?code=${madeUp}`);
      expect(notFound.status).toBe(200);
      expect(notFound.text).toContain('No certificate has this code');
      expect(notFound.text).not.toContain('Siobhán');

      for (const bad of ['7K3M-9QXD', 'UUUU-UUUU-UUUU', '7K3M-9QXD-H2PA-7K3M', '<script>']) {
        const refused = await app.gql(visitor, VERIFY, { code: bad });
        expect(refused.errors?.[0].extensions).toMatchObject({
          code: 'BAD_USER_INPUT',
          reason: 'CERTIFICATE_CODE_INVALID',
          fields: { code: [expect.stringContaining('12 letters and numbers')] },
        });
      }
      const page = await visitor.get('/certificates/verify?code=7K3M-9QXD');
      expect(page.status).toBe(400);
      expect(page.text).toContain('nhsuk-error-summary');
      expect(page.text).toContain('href="#code"');
      expect(page.text).toContain('value="7K3M-9QXD"');

      const blank = await visitor.get('/certificates/verify?code=');
      expect(blank.status).toBe(400);
      expect(blank.text).toContain('Enter the verification code printed on the certificate');
      const form = await visitor.get('/certificates/verify');
      expect(form.status).toBe(200);
      expect(form.text).toContain('Check a certificate');
      expect(form.text).not.toContain('nhsuk-error-summary');
    });

    it('cannot be seen or downloaded by another learner, nor by anyone signed out', async () => {
      const { agent: other } = await learner(TRUST, 'Nosy Colleague');
      expect(await app.gql(other, MY_CERTIFICATE, { slug: SLUG })).toMatchObject({ data: { myCertificate: null } });
      const theirs = await other.get(PDF_PATH);
      expect(theirs.status).toBe(404);
      expect(theirs.text).not.toContain(code);

      const signedOut = await app.client().get(PDF_PATH);
      expect(signedOut.status).toBe(303);
      expect(signedOut.headers.location).toMatch(/^\/sign-in/);
      expect((await app.gql(app.client(), MY_CERTIFICATE, { slug: SLUG })).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');

      const unknown = await app.gql(agent, MY_CERTIFICATE, { slug: 'no-such-course' });
      expect(unknown.errors?.[0].extensions).toMatchObject({ code: 'NOT_FOUND', reason: 'CERTIFICATE_COURSE_NOT_FOUND' });
      const malformed = await app.gql(agent, MY_CERTIFICATE, { slug: '../etc' });
      expect(malformed.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: { slug: expect.any(Array) } });
      expect((await agent.get('/training/courses/no-such-course/certificate.pdf')).status).toBe(404);
    });
  });

  describe("an organisation's certificates as one zip", () => {
    const learners: Record<string, { name: string; code?: string }> = {
      a: { name: 'Ada Lovelace' },
      b: { name: "Aoife O'Neill / Ward 7" },
      sibling: { name: 'Kai Sibling' },
      over: { name: 'Olu One-Over' },
    };

    beforeAll(async () => {
      const homes: Record<string, string> = { a: TRUST, b: TRUST, sibling: SIBLING_TRUST, over: OTHER_ICB_TRUST };
      for (const [key, spec] of Object.entries(learners)) {
        const { agent } = await learner(homes[key], spec.name);
        await completeCourseAsLearner(app, agent);
        spec.code = (await app.gql(agent, MY_CERTIFICATE, { slug: SLUG })).data!.myCertificate.verificationCode;
      }
    });

    it("gives a trust's admin a PDF per learner of that trust, named for the learner and code", async () => {
      const { agent, user } = await app.signedIn({ odsCode: TRUST, roles: [{ role: Role.ORG_ADMIN }] });
      const res = await getZip(agent, TRUST);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('application/zip');
      // Named for the day of the download (the clock moved on a day with the second pass above).
      expect(res.headers['content-disposition']).toContain('certificates-RJ1-2026-06-26.zip');
      const entries = await zipEntries(res.body);
      const names = [...entries.keys()];
      // The learner of the first describe is at RJ1 too; nobody from RJZ or RAL is.
      expect(names).toEqual(expect.arrayContaining([`RJ1/Ada Lovelace-${learners.a.code}.pdf`, `RJ1/Aoife O'Neill Ward 7-${learners.b.code}.pdf`]));
      expect(names).toHaveLength(3);
      expect(names.every((n) => n.startsWith('RJ1/'))).toBe(true);
      const text = await pdfText(entries.get(`RJ1/Ada Lovelace-${learners.a.code}.pdf`)!);
      expect(text).toContain('Ada Lovelace');
      expect(text).toContain(learners.a.code);

      expect(await countRows(app.dataSource, 'audit_event', `actor_id = $1 AND action = 'certificates.downloaded'`, [user.id])).toBe(1);
    });

    it("gives an ICB admin their trusts' certificates, and refuses them a trust one ICB over", async () => {
      const { agent } = await app.signedIn({ odsCode: ICB, roles: [{ role: Role.ICB_ADMIN }] });
      const names = [...(await zipEntries((await getZip(agent, ICB)).body)).keys()];
      expect(names).toHaveLength(4);
      expect(names).toContain(`RJZ/Kai Sibling-${learners.sibling.code}.pdf`);
      expect(names.some((n) => n.includes(learners.over.code!))).toBe(false);

      const { agent: overAdmin, user } = await app.signedIn({ odsCode: OTHER_ICB, roles: [{ role: Role.ICB_ADMIN }] });
      const refused = await overAdmin.get(`/training/reports/${TRUST}/certificates.zip`);
      expect(refused.status).toBe(403);
      expect(refused.headers['content-type']).toMatch(/^text\/html/);
      expect(await countRows(app.dataSource, 'audit_event', `actor_id = $1 AND action = 'certificates.downloaded'`, [user.id])).toBe(0);
      const own = [...(await zipEntries((await getZip(overAdmin, OTHER_ICB)).body)).keys()];
      expect(own).toEqual([`RAL/Olu One-Over-${learners.over.code}.pdf`]);
    });

    it('is refused to learners, and says so when an organisation has no certificates yet', async () => {
      const { agent } = await learner(TRUST, 'Just A Learner');
      expect((await agent.get(`/training/reports/${TRUST}/certificates.zip`)).status).toBe(403);

      const { agent: admin } = await app.signedIn({ odsCode: 'RRU', roles: [{ role: Role.ORG_ADMIN }] });
      const none = await admin.get('/training/reports/RRU/certificates.zip');
      expect(none.status).toBe(404);
      expect(none.text).toContain('has a certificate yet');
      expect((await admin.get('/training/reports/NOPE!/certificates.zip')).status).toBe(400);
    });
  });
});

describe('certificate verification: the limit on guessing', () => {
  let app: TestApp;
  beforeAll(async () => {
    // Its own app: the allowance is per address, and every test here comes from the same one.
    app = await createTestApp({ now: NOW });
  });
  afterAll(() => app.close());

  it('limits how many unknown codes one address may try, while real ones cost nothing', async () => {
    const user = await createUser(app.dataSource, { odsCode: TRUST, name: 'Real Holder' });
    const [version] = await app.dataSource.query(`SELECT v.id, v.course_id FROM course_version v JOIN course c ON c.id = v.course_id WHERE c.slug = $1`, [
      SLUG,
    ]);
    const { verificationCode: real } = await app.api
      .get(TransactionRunnerService)
      .run((manager) =>
        app.api.get(CertificateIssuerService).issue(manager, { userId: user.id, courseId: version.course_id, versionId: version.id, completedAt: NOW }),
      );
    const visitor = app.client();
    const unknown = (n: number) => `0000-0000-${String(n).padStart(4, '0')}`;
    for (let n = 0; n < UNKNOWN_CODES_PER_IP_PER_HOUR; n++) {
      const result = await app.gql(visitor, VERIFY, { code: unknown(n) });
      expect(result).toMatchObject({ data: { verifyCertificate: null } });
      // Checking a real certificate between guesses does not bring the limit closer.
      if (n % 10 === 0) expect((await app.gql(visitor, VERIFY, { code: real })).data!.verifyCertificate).toMatchObject({ learnerName: 'Real Holder' });
    }
    const limited = await app.gql(visitor, VERIFY, { code: real });
    expect(limited.errors?.[0].extensions).toMatchObject({ code: 'TOO_MANY_REQUESTS', reason: 'CERTIFICATE_VERIFICATION_RATE_LIMITED' });
    expect(limited.data?.verifyCertificate ?? null).toBeNull();
    const page = await visitor.get(`/certificates/verify?code=${real}`);
    expect(page.status).toBe(429);
    expect(page.text).toContain('Too many codes checked');
    expect(page.text).not.toContain('Real Holder');
  });
});
