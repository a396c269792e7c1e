import { randomBytes } from 'node:crypto';
import type TestAgent from 'supertest/lib/agent';
import { countRows, createTestApp, createUser, Mailbox, SentMail, TestApp } from '@dasv/testing';
import { Role } from '@dasv/auth';
import { ChaseSweepService } from '@dasv/chasing';

// London (Y56) from libs/organisations/data. South East London ICB (QKK) has RJ1, RJ2, RJZ, RRU and
// RV5; North Central (QMJ) has eight trusts, RAL among them; North East (QMF) five, R1H among them.
// December 2026: the deadline is Monday 14th at 17:00; Christmas is a Friday, Boxing Day a Saturday
// (so Monday 28th is a bank holiday too). London is on GMT in winter: the Z times below are London times.
const QKK_TRUSTS = ['RJ1', 'RJ2', 'RJZ', 'RRU', 'RV5'];
const run = randomBytes(3).toString('hex');
const address = (label: string) => `${label}.${run}@nhs.net`;

interface Decided {
  stage: string;
  odsCode: string | null;
  dueOn: string;
  recipients: string[];
}

describe('chasing a nomination return through its policy', () => {
  let app: TestApp;
  let national: TestAgent;
  let returnId: string;
  let sweep: ChaseSweepService;
  const admins: Record<string, string> = {};
  const alice = address('alice.icb');
  const bob = address('bob.two.icbs');
  let northTrusts: string[];

  beforeAll(async () => {
    app = await createTestApp({ now: new Date('2026-11-16T10:00:00Z') });
    sweep = app.worker.get(ChaseSweepService);
    // Organisation admins for some trusts; the others are asked too but unreachable.
    for (const ods of ['RJ1', 'RJ2', 'RJZ', 'RRU', 'RAL', 'R1H']) {
      admins[ods] = address(`admin.${ods.toLowerCase()}`);
      await createUser(app.dataSource, { odsCode: ods, email: admins[ods], roles: [{ role: Role.ORG_ADMIN }] });
    }
    await createUser(app.dataSource, { odsCode: 'QKK', email: alice, name: 'Alice Icb', roles: [{ role: Role.ICB_ADMIN }] });
    await createUser(app.dataSource, {
      odsCode: 'QMJ',
      email: bob,
      name: 'Bob Both',
      roles: [{ role: Role.ICB_ADMIN }, { role: Role.ICB_ADMIN, odsCode: 'QMF' }],
    });
    northTrusts = (
      await app.dataSource.query(
        `SELECT o.ods_code FROM organisation o JOIN organisation p ON p.id = o.parent_id WHERE p.ods_code IN ('QMJ', 'QMF') ORDER BY 1`,
      )
    ).map((r: { ods_code: string }) => r.ods_code);

    national = (await app.signedIn({ odsCode: 'X24', roles: [{ role: Role.NATIONAL_ADMIN }] })).agent;
    const opened = await app.gql(national, `mutation($i: OpenNominationReturnInput!) { openNominationReturn(input: $i) { id } }`, {
      i: { title: 'DASV leads 2026/27', organisationTypes: ['TRUST'], scopeOdsCode: 'Y56', deadline: '2026-12-14T17:00', escalateAfterWorkingDays: 5 },
    });
    expect(opened.errors).toBeUndefined();
    returnId = opened.data!.openNominationReturn.id;
    // King's has already answered.
    await respond('RJZ', '2026-11-20T12:00:00Z');
    await app.runJobs();
  });
  afterAll(() => app.close());

  async function respond(odsCode: string, at: string): Promise<void> {
    await app.dataSource.query(
      `UPDATE nomination_request SET responded_at = $3 WHERE return_id = $1 AND organisation_id = (SELECT id FROM organisation WHERE ods_code = $2)`,
      [returnId, odsCode, at],
    );
  }

  /** Sets the clock, sweeps twice (as overlapping schedules would), delivers, and returns what was decided. */
  async function sweepAt(iso: string): Promise<Decided[]> {
    app.clock.set(new Date(iso));
    await sweep.run();
    await sweep.run();
    await app.runJobs();
    const rows: Array<{ stage: string; ods_code: string | null; due_on: string; recipients: string[] }> = await app.dataSource.query(
      `SELECT l.stage, o.ods_code, l.due_on::text AS due_on, l.recipients::text[] AS recipients
       FROM chase_log l LEFT JOIN organisation o ON o.id = l.organisation_id
       WHERE l.decided_at = $1 ORDER BY l.stage, o.ods_code, l.recipients`,
      [new Date(iso)],
    );
    return rows.map((r) => ({ stage: r.stage, odsCode: r.ods_code, dueOn: r.due_on, recipients: r.recipients }));
  }

  const orgChases = (decided: Decided[]) =>
    decided
      .filter((d) => d.odsCode)
      .map((d) => `${d.stage} ${d.odsCode} ${d.dueOn}`)
      .sort();
  const digests = (decided: Decided[]) =>
    decided
      .filter((d) => !d.odsCode)
      .map((d) => d.recipients.join())
      .sort();
  // The sink lists newest first; ids count up as messages arrive.
  const chronological = (mails: SentMail[]) => [...mails].sort((a, b) => Number(a.id) - Number(b.id));
  const chaseMails = (mails: SentMail[]) => chronological(mails).filter((m) => /^(Reminder|Overdue):/.test(m.subject));
  const listedIn = (mail: SentMail) => [...mail.text.matchAll(/\(([A-Z0-9]{3,6})\): http/g)].map((m) => m[1]).sort();

  it('reminds only the organisations that have not answered, once each, and nothing before the first reminder', async () => {
    expect(await sweepAt('2026-11-27T09:00:00Z')).toEqual([]);

    const first = await sweepAt('2026-11-30T09:00:00Z');
    expect(orgChases(first)).toEqual([
      'REMINDER R1H 2026-11-30',
      'REMINDER RAL 2026-11-30',
      'REMINDER RJ1 2026-11-30',
      'REMINDER RJ2 2026-11-30',
      'REMINDER RRU 2026-11-30',
    ]);
    expect(first.find((d) => d.odsCode === 'RJ1')!.recipients).toEqual([admins.RJ1]);
    // Later the same week the 14-day reminder is still the one due, and it has been sent.
    expect(await sweepAt('2026-12-02T09:00:00Z')).toEqual([]);

    const [mail] = chaseMails(await Mailbox.waitFor(admins.RJ1, 2));
    expect(mail.subject).toBe('Reminder: please answer DASV leads 2026/27 by 14 December 2026 at 17:00');
    expect(mail.text).toContain(`http://localhost:3000/nominations/${returnId}/RJ1`);
    expect(mail.text).toContain("Guy's and St Thomas' NHS Foundation Trust");
  });

  it('pauses an organisation for an agreed extension, through the API', async () => {
    app.clock.set(new Date('2026-12-01T11:00:00Z'));
    const paused = await app.gql(national, `mutation($i: PauseChasingInput!) { pauseChasing(input: $i) { until lastDay reason } }`, {
      i: { returnId, organisationOdsCode: 'RRU', until: '2026-12-18', reason: 'Board meets on 17 December' },
    });
    expect(paused.errors).toBeUndefined();
    expect(paused.data!.pauseChasing).toEqual({ until: '2026-12-19T00:00:00.000Z', lastDay: '2026-12-18', reason: 'Board meets on 17 December' });
  });

  it('stops chasing the moment an organisation answers, and skips the paused one', async () => {
    expect(orgChases(await sweepAt('2026-12-07T09:00:00Z'))).toEqual([
      'REMINDER R1H 2026-12-07',
      'REMINDER RAL 2026-12-07',
      'REMINDER RJ1 2026-12-07',
      'REMINDER RJ2 2026-12-07',
    ]);
    await respond('R1H', '2026-12-08T15:00:00Z');
    // Two days before is Saturday 12th: that reminder goes on the Friday.
    expect(orgChases(await sweepAt('2026-12-11T09:00:00Z'))).toEqual(['REMINDER RAL 2026-12-11', 'REMINDER RJ1 2026-12-11', 'REMINDER RJ2 2026-12-11']);
  });

  it('sends nothing on a Saturday, nor on the deadline day once its reminders have gone', async () => {
    const before = await countRows(app.dataSource, 'outbox_message');
    expect(await sweepAt('2026-12-12T09:00:00Z')).toEqual([]);
    expect(await sweepAt('2026-12-14T09:00:00Z')).toEqual([]);
    expect(await sweepAt('2026-12-14T18:00:00Z')).toEqual([]);
    expect(await countRows(app.dataSource, 'outbox_message')).toBe(before);
  });

  it('sends overdue reminders from the first working day after the deadline', async () => {
    expect(orgChases(await sweepAt('2026-12-15T09:00:00Z'))).toEqual(['OVERDUE RAL 2026-12-15', 'OVERDUE RJ1 2026-12-15', 'OVERDUE RJ2 2026-12-15']);
    const overdue = chaseMails(await Mailbox.waitFor(admins.RJ2, 5)).filter((m) => m.subject.startsWith('Overdue:'));
    expect(overdue).toHaveLength(1);
    expect(overdue[0].text).toContain('from 21 December 2026 we will also let your integrated care board’s administrators know');
  });

  it('escalates after 5 working days overdue: one digest a day per ICB admin, listing exactly their outstanding trusts', async () => {
    const day1 = await sweepAt('2026-12-21T09:00:00Z');
    // The paused ambulance trust's extension ended on Friday 18th: its first overdue reminder is today.
    expect(orgChases(day1)).toEqual(
      [
        'ESCALATION G6V2S 2026-12-21',
        ...['RAL', 'RKE', 'RNK', 'RP4', 'RP6', 'RRV', 'RV3', 'RF4', 'RQX', 'RAT', 'RWK', 'RJ1', 'RJ2', 'RV5'].map((o) => `ESCALATION ${o} 2026-12-21`),
        'OVERDUE RRU 2026-12-21',
      ].sort(),
    );
    expect(digests(day1)).toEqual([alice, bob].sort());
    expect(day1.find((d) => d.odsCode === 'RJ1' && d.stage === 'ESCALATION')!.recipients).toEqual([alice]);
    expect(day1.find((d) => d.odsCode === 'RAL' && d.stage === 'ESCALATION')!.recipients).toEqual([bob]);

    const [aliceDigest] = await Mailbox.waitFor(alice, 1);
    expect(listedIn(aliceDigest)).toEqual(['RJ1', 'RJ2', 'RV5']);
    expect(aliceDigest.subject).toBe('Please help: 3 organisations you look after have not answered DASV leads 2026/27, due by 14 December 2026 at 17:00');
    expect(aliceDigest.text).toContain('Dear Alice Icb');
    // Bob administers two ICBs: one e-mail listing both, less the trust that answered.
    const bobDigests = await Mailbox.waitFor(bob, 1);
    expect(bobDigests).toHaveLength(1);
    expect(listedIn(bobDigests[0])).toEqual(northTrusts.filter((o) => o !== 'R1H'));
  });

  it('keeps the digest daily on working days only, adding the paused trust once its extension is 5 working days overdue', async () => {
    expect(orgChases(await sweepAt('2026-12-22T09:00:00Z')).filter((c) => c.startsWith('OVERDUE'))).toEqual([
      'OVERDUE RAL 2026-12-22',
      'OVERDUE RJ1 2026-12-22',
      'OVERDUE RJ2 2026-12-22',
    ]);
    expect(digests(await sweepAt('2026-12-24T09:00:00Z'))).toEqual([alice, bob].sort());
    const before = await countRows(app.dataSource, 'outbox_message');
    expect(await sweepAt('2026-12-25T09:00:00Z')).toEqual([]);
    expect(await sweepAt('2026-12-26T09:00:00Z')).toEqual([]);
    expect(await sweepAt('2026-12-28T09:00:00Z')).toEqual([]);
    expect(await countRows(app.dataSource, 'outbox_message')).toBe(before);

    const day = await sweepAt('2026-12-29T09:00:00Z');
    expect(digests(day)).toEqual([alice, bob].sort());
    expect(orgChases(day).filter((c) => / (RJ1|RJ2|RRU|RV5) /.test(c))).toEqual([
      'ESCALATION RJ1 2026-12-29',
      'ESCALATION RJ2 2026-12-29',
      'ESCALATION RRU 2026-12-29',
      'ESCALATION RV5 2026-12-29',
    ]);
  });

  it('delivered every chase exactly once to the mail server', async () => {
    const count = async (who: string, expected: number) => {
      // The opening e-mail (organisation admins only) plus the chases.
      const mails = await Mailbox.waitFor(who, expected);
      expect(mails).toHaveLength(expected);
      return mails;
    };
    const subjects = (mails: SentMail[]) => chaseMails(mails).map((m) => m.subject.split(':')[0]);
    expect(subjects(await count(admins.RJ1, 1 + 5))).toEqual(['Reminder', 'Reminder', 'Reminder', 'Overdue', 'Overdue']);
    expect(subjects(await count(admins.RAL, 1 + 5))).toEqual(['Reminder', 'Reminder', 'Reminder', 'Overdue', 'Overdue']);
    expect(subjects(await count(admins.R1H, 1 + 2))).toEqual(['Reminder', 'Reminder']);
    expect(subjects(await count(admins.RRU, 1 + 2))).toEqual(['Reminder', 'Overdue']);
    expect(subjects(await count(admins.RJZ, 1))).toEqual([]);

    const aliceDigests = await count(alice, 4);
    expect(chronological(aliceDigests).map(listedIn)).toEqual([
      ['RJ1', 'RJ2', 'RV5'],
      ['RJ1', 'RJ2', 'RV5'],
      ['RJ1', 'RJ2', 'RV5'],
      ['RJ1', 'RJ2', 'RRU', 'RV5'],
    ]);
    await count(bob, 4);
    // Unreachable trusts were neither e-mailed nor logged as chased.
    expect(
      await countRows(
        app.dataSource,
        'chase_log',
        `stage IN ('REMINDER', 'OVERDUE') AND organisation_id = (SELECT id FROM organisation WHERE ods_code = 'RV5')`,
      ),
    ).toBe(0);
    expect(await countRows(app.dataSource, 'email_delivery', `key LIKE 'chase|%'`)).toBe(
      await app.dataSource
        .query(`SELECT coalesce(sum(cardinality(recipients)), 0)::int AS n FROM chase_log WHERE stage <> 'ESCALATION' OR organisation_id IS NULL`)
        .then((r: Array<{ n: number }>) => r[0].n),
    );
  });

  it('shows the log and the next chase on the dashboard drill-down', async () => {
    const result = await app.gql(
      national,
      `query($r: ID!) { nominationRequests(returnId: $r, within: "QKK", first: 10) { edges { node { organisation { odsCode } nextChaseDue { stage dueOn } chaseLog { stage dueOn recipients } } } } }`,
      { r: returnId },
    );
    expect(result.errors).toBeUndefined();
    const byOds = new Map<string, any>(result.data!.nominationRequests.edges.map((e: any) => [e.node.organisation.odsCode, e.node]));
    expect([...byOds.keys()].sort()).toEqual(QKK_TRUSTS);
    expect(byOds.get('RJZ')).toMatchObject({ nextChaseDue: null, chaseLog: [] });
    // Today's digest has gone; tomorrow's is next (its next overdue reminder is on the 31st).
    expect(byOds.get('RJ1').nextChaseDue).toEqual({ stage: 'ESCALATION', dueOn: '2026-12-30' });
    expect(byOds.get('RJ1').chaseLog.map((c: any) => `${c.stage} ${c.dueOn}`)).toEqual([
      'ESCALATION 2026-12-29',
      'ESCALATION 2026-12-24',
      'OVERDUE 2026-12-22',
      'ESCALATION 2026-12-22',
      'ESCALATION 2026-12-21',
      'OVERDUE 2026-12-15',
      'REMINDER 2026-12-11',
      'REMINDER 2026-12-07',
      'REMINDER 2026-11-30',
    ]);
  });

  it('shows whom an escalation went to only to those who may manage chasing: the trust’s own admin sees that, not the ICB admins’ addresses', async () => {
    const LOG = `query($r: ID!, $o: String!) { chaseLog(returnId: $r, organisationOdsCode: $o) { stage dueOn recipients } }`;
    const trustAdmin = (await app.signedIn({ odsCode: 'RJ1', roles: [{ role: Role.ORG_ADMIN }] })).agent;
    const asNational = await app.gql(national, LOG, { r: returnId, o: 'RJ1' });
    const asTrust = await app.gql(trustAdmin, LOG, { r: returnId, o: 'RJ1' });
    expect(asTrust.errors).toBeUndefined();
    const escalation = (rows: any[]) => rows.find((c) => c.stage === 'ESCALATION' && c.dueOn === '2026-12-21');
    expect(escalation(asNational.data!.chaseLog).recipients).toEqual([alice]);
    expect(escalation(asTrust.data!.chaseLog).recipients).toEqual([]);
    // Its own reminders were sent to its own admins, and it still sees those.
    const reminder = (rows: any[]) => rows.find((c) => c.stage === 'REMINDER' && c.dueOn === '2026-11-30');
    expect(reminder(asTrust.data!.chaseLog).recipients).toEqual([admins.RJ1]);
    expect(reminder(asNational.data!.chaseLog).recipients).toEqual([admins.RJ1]);
  });
});
