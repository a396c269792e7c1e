import type TestAgent from 'supertest/lib/agent';
import { ChaseSweepService } from '@dasv/chasing';
import { countRows, createTestApp, createUser, GUYS, LEWISHAM, LONDON, Mailbox, NORTH_WEST, Role, TestApp, uniqueEmail } from '@dasv/testing';

// London trusts from the seeded hierarchy: Guy's (RJ1) and Lewisham (RJ2) are in South East London
// ICB (QKK). The return is due Monday 14 December 2026 at 17:00 (GMT, so Z is London): its reminders
// go 14, 7 and 2 days before, on Monday 30 November, Monday 7 December and Friday 11 December.
const CHASE_TABLES = ['chase_log', 'chase_pause', 'outbox_message', 'audit_event'];

/** The page's text as a person reads it: no tags, each run of whitespace one space. */
function textOf(html: string): string {
  return html
    .replace(/<script[\s\S]*?<\/script>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#39;|&#x27;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
}

function errorSummary(html: string): string[] {
  const summary = /nhsuk-error-summary__list[\s\S]*?<\/ul>/.exec(html)?.[0] ?? '';
  return [...summary.matchAll(/<a href="(#[^"]+)">\s*([^<]+?)\s*<\/a>/g)].map((m) => `${m[2]} ${m[1]}`);
}

describe('chasing an organisation through the pages, without JavaScript', () => {
  let app: TestApp;
  let returnId: string;
  let london: TestAgent;
  let northWest: TestAgent;
  const guysAdmin = uniqueEmail('guys.chased');
  const lewishamAdmin = uniqueEmail('lewisham.chased');

  const chasing = (odsCode = GUYS) => `/nominations/${returnId}/organisations/${odsCode}/chasing`;

  async function formToken(agent: TestAgent, path: string): Promise<string> {
    const res = await agent.get(path).expect(200);
    const token = /name="_csrf" value="([^"]+)"/.exec(res.text)?.[1];
    if (!token) throw new Error(`no form token on ${path}`);
    return token;
  }

  async function post(agent: TestAgent, path: string, fields: Record<string, string>, tokenFrom = path) {
    const _csrf = await formToken(agent, tokenFrom);
    return agent
      .post(path)
      .type('form')
      .send({ _csrf, ...fields });
  }

  async function page(agent: TestAgent, path: string): Promise<string> {
    const res = await agent.get(path).expect(200);
    return res.text;
  }

  const sweepAt = async (iso: string) => {
    app.clock.set(new Date(iso));
    await app.worker.get(ChaseSweepService).run();
    await app.runJobs();
    const rows: Array<{ ods_code: string; stage: string; due_on: string }> = await app.dataSource.query(
      `SELECT o.ods_code, l.stage, l.due_on::text AS due_on FROM chase_log l JOIN organisation o ON o.id = l.organisation_id
       WHERE l.decided_at = $1 AND l.stage <> 'ESCALATION' AND l.campaign = $2 ORDER BY 1`,
      [new Date(iso), `nomination-return:${returnId}`],
    );
    return rows.map((r) => `${r.stage} ${r.ods_code} ${r.due_on}`);
  };

  const counts = () => Promise.all(CHASE_TABLES.map((t) => countRows(app.dataSource, t)));

  beforeAll(async () => {
    app = await createTestApp({ now: new Date('2026-11-16T10:00:00Z') });
    await createUser(app.dataSource, { odsCode: GUYS, email: guysAdmin, roles: [{ role: Role.ORG_ADMIN }] });
    await createUser(app.dataSource, { odsCode: LEWISHAM, email: lewishamAdmin, roles: [{ role: Role.ORG_ADMIN }] });
    london = (await app.signedIn({ odsCode: LONDON, name: 'Lou London', roles: [{ role: Role.REGIONAL_ADMIN }] })).agent;
    northWest = (await app.signedIn({ odsCode: NORTH_WEST, name: 'Nell Northwest', roles: [{ role: Role.REGIONAL_ADMIN }] })).agent;
    const national = (await app.signedIn({ odsCode: 'X24', roles: [{ role: Role.NATIONAL_ADMIN }] })).agent;
    const opened = await app.gql(national, `mutation($i: OpenNominationReturnInput!) { openNominationReturn(input: $i) { id } }`, {
      i: { title: 'Chased from the pages', organisationTypes: ['TRUST'], scopeOdsCode: LONDON, deadline: '2026-12-14T17:00' },
    });
    expect(opened.errors).toBeUndefined();
    returnId = opened.data!.openNominationReturn.id;
    await app.runJobs();
  });
  afterAll(() => app?.close());

  it('shows the next chase on the dashboard and the organisation’s page, and chases by hand after a check page', async () => {
    app.clock.set(new Date('2026-11-18T14:30:00Z'));
    const dashboard = textOf(await page(london, `/nominations/${returnId}?within=QKK`));
    expect(dashboard).toContain('Reminders 14, 7 and 2 days before the deadline');
    expect(dashboard).toMatch(
      /Guy's and St Thomas' NHS Foundation Trust ODS code RJ1 Status Outstanding First answered Not yet Chasing A reminder on 30 November 2026 Chasing/,
    );

    const before = textOf(await page(london, chasing()));
    expect(before).toMatch(/Next chase A reminder on 30 November 2026/);
    expect(before).toContain('Nothing has been sent');

    // The form, then the check page: who will be e-mailed and the message, before anything is sent.
    const note = 'Your board agreed the leads on Monday: please enter them by Friday.';
    const checked = await post(london, `${chasing()}/chase-now`, { note });
    expect(checked.status).toBe(303);
    expect(checked.headers.location).toBe(`${chasing()}/chase-now/check`);
    expect(await countRows(app.dataSource, 'chase_log', `stage = 'MANUAL'`)).toBe(0);
    const check = await london.get(`${chasing()}/chase-now/check`).expect(200);
    expect(textOf(check.text)).toContain('Check before you chase');
    expect(textOf(check.text)).toContain(`1 address: its organisation administrators, or its contact address when it has none. ${guysAdmin}`);
    expect(textOf(check.text)).toContain(`Your message ${note}`);

    const _csrf = /name="_csrf" value="([^"]+)"/.exec(check.text)![1];
    const sent = await london.post(`${chasing()}/chase-now/check`).type('form').send({ _csrf, note });
    expect(sent.status).toBe(303);
    expect(sent.headers.location).toBe(`${chasing()}/chase-now/sent`);
    const confirmation = textOf(await page(london, `${chasing()}/chase-now/sent`));
    expect(confirmation).toContain("Guy's and St Thomas' NHS Foundation Trust has been chased");
    expect(confirmation).toContain(`Sent to: ${guysAdmin}`);
    expect(confirmation).toContain('is chased again automatically if it has not answered: next, a reminder on 30 November 2026.');
    // Shown once: a reload goes back to the organisation's page rather than claiming a second chase.
    await london.get(`${chasing()}/chase-now/sent`).expect(303);

    await app.runJobs();
    const [mail] = (await Mailbox.waitFor(guysAdmin, 2)).filter(
      (m) => m.subject === 'Reminder: please answer Chased from the pages by 14 December 2026 at 17:00',
    );
    expect(mail.text).toContain('A message from Lou London:');
    expect(mail.text).toContain(note);
    expect(await countRows(app.dataSource, 'audit_event', `action = 'chase.sent_manually'`)).toBe(1);

    const log = await page(london, chasing());
    expect(textOf(log)).toMatch(
      new RegExp(`18 November 2026 at 14:30 What Chased by hand Sent to ${guysAdmin.replace(/\./g, '\\.')} By Lou London Message ${note}`),
    );
    expect(log).not.toMatch(/\b(MANUAL|REMINDER|OVERDUE|ESCALATION)\b/);
  });

  it('lists every problem with a pause at once, pauses, skips the paused organisation in the sweep, and resumes', async () => {
    app.clock.set(new Date('2026-11-19T10:00:00Z'));
    const refused = await post(london, `${chasing()}/pause`, { untilDay: '31', untilMonth: '11', untilYear: '2026', reason: ' ' });
    expect(refused.status).toBe(303);
    const form = await page(london, `${chasing()}/pause`);
    expect(errorSummary(form)).toEqual(['Enter the last day of the pause as a real date, like 18 12 2026 #until', 'Enter a reason #reason']);
    expect(form).toContain('value="31"');
    expect(await countRows(app.dataSource, 'chase_pause')).toBe(0);

    const past = await post(london, `${chasing()}/pause`, { untilDay: '18', untilMonth: '11', untilYear: '2026', reason: 'Agreed on a call' });
    expect(past.status).toBe(303);
    expect(errorSummary(await page(london, `${chasing()}/pause`))).toEqual(['Enter today or a later date #until']);

    const paused = await post(london, `${chasing()}/pause`, {
      untilDay: '4',
      untilMonth: '12',
      untilYear: '2026',
      reason: 'Agreed on a call with the chief nurse',
    });
    expect(paused.status).toBe(303);
    expect(paused.headers.location).toBe(`${chasing()}/paused`);
    const confirmation = textOf(await page(london, `${chasing()}/paused`));
    expect(confirmation).toContain("Chasing Guy's and St Thomas' NHS Foundation Trust is paused Until the end of 4 December 2026");
    expect(confirmation).toContain('If it has not answered by then, the next chase is a reminder on 7 December 2026.');

    const overview = textOf(await page(london, chasing()));
    expect(overview).toContain('Paused until 4 December 2026');
    expect(overview).toContain('Paused because Agreed on a call with the chief nurse');
    expect(overview).toMatch(/Paused by Lou London on 19 November 2026 at 10:00/);
    expect(overview).toContain('Next chase A reminder on 7 December 2026');
    expect(textOf(await page(london, `/nominations/${returnId}?within=QKK`))).toMatch(
      /RJ1 Status Outstanding First answered Not yet Chasing Paused until 4 December 2026 Chasing/,
    );

    // The 14-day reminder: Lewisham is chased, Guy's is paused.
    expect(await sweepAt('2026-11-30T09:00:00Z')).toEqual([`REMINDER ${LEWISHAM} 2026-11-30`]);

    app.clock.set(new Date('2026-11-30T10:00:00Z'));
    const resumeForm = textOf(await page(london, `${chasing()}/resume`));
    expect(resumeForm).toContain('Paused until The end of 4 December 2026 Because Agreed on a call with the chief nurse');
    const resumed = await post(london, `${chasing()}/resume`, {});
    expect(resumed.status).toBe(303);
    expect(resumed.headers.location).toBe(`${chasing()}/resumed`);
    const done = textOf(await page(london, `${chasing()}/resumed`));
    expect(done).toContain("Chasing Guy's and St Thomas' NHS Foundation Trust has resumed The pause agreed until 4 December 2026 has ended");
    expect(done).toContain('the next chase is a reminder on 7 December 2026.');
    expect(await countRows(app.dataSource, 'audit_event', `action = 'chase.resumed'`)).toBe(1);
    expect(textOf(await page(london, chasing()))).toContain('Being chased');

    // Resumed: the reminder missed while paused is not sent late, and the next one goes as planned.
    expect(await sweepAt('2026-11-30T11:00:00Z')).toEqual([]);
    expect(await sweepAt('2026-12-07T09:00:00Z')).toEqual([`REMINDER ${GUYS} 2026-12-07`, `REMINDER ${LEWISHAM} 2026-12-07`]);

    // Nothing left to resume: said on the form, nothing written.
    const audited = await countRows(app.dataSource, 'audit_event');
    const again = await post(london, `${chasing()}/resume`, {});
    expect(again.status).toBe(303);
    expect(textOf(await page(london, `${chasing()}/resume`))).toContain("There is a problem Chasing Guy's and St Thomas' NHS Foundation Trust is not paused.");
    expect(await countRows(app.dataSource, 'audit_event')).toBe(audited);
  });

  it('refuses a regional admin of another region every chasing page and action, sending and writing nothing', async () => {
    const before = await counts();
    await northWest.get(chasing()).expect(403);
    await northWest.get(`${chasing()}/chase-now`).expect(403);
    await northWest.get(`${chasing()}/pause`).expect(403);
    await northWest.get(`${chasing()}/resume`).expect(403);

    const _csrf = await formToken(northWest, '/nominations');
    for (const [path, fields] of [
      [`${chasing()}/chase-now`, { note: 'Out of my region' }],
      [`${chasing()}/chase-now/check`, { note: 'Out of my region' }],
      [`${chasing()}/pause`, { untilDay: '4', untilMonth: '1', untilYear: '2027', reason: 'Out of my region' }],
      [`${chasing()}/resume`, {}],
    ] as const) {
      const res = await northWest
        .post(path)
        .type('form')
        .send({ _csrf, ...fields });
      // Refused by the service: back to the form, which itself is refused.
      expect(res.status).toBe(303);
      expect(res.headers.location).toBe(path);
      await northWest.get(path).expect(403);
    }
    await app.runJobs();
    expect(await counts()).toEqual(before);
  });
});
