import { randomBytes, randomUUID } from 'node:crypto';
import type TestAgent from 'supertest/lib/agent';
import { countRows, createTestApp, createUser, Mailbox, TestApp } from '@dasv/testing';
import { Role } from '@dasv/auth';
import { ChaseSweepService } from '@dasv/chasing';

// London trusts from libs/organisations/data: RJ1 and RJ2 are in South East London ICB (QKK), RAL in
// North Central London (QMJ). The deadline is Monday 14 December 2026 at 17:00 (GMT, so Z is London).
const run = randomBytes(3).toString('hex');
const address = (label: string) => `${label}.${run}@nhs.net`;

const CHASE_NOW = `mutation($i: ChaseNowInput!) { chaseNow(input: $i) { id stage dueOn recipients note decidedAt sentBy } }`;
const PAUSE = `mutation($i: PauseChasingInput!) { pauseChasing(input: $i) { id until lastDay reason } }`;
const LOG = `query($r: ID!, $o: String!) { chaseLog(returnId: $r, organisationOdsCode: $o) { stage dueOn recipients note sentBy } }`;

describe('pausing chasing and chasing by hand', () => {
  let app: TestApp;
  let returnId: string;
  let national: TestAgent;
  let southEast: TestAgent;
  let northCentral: TestAgent;
  let rj1Admin: TestAgent;
  const rj1 = address('rj1.admin');
  const ral = address('ral.admin');
  const rjz = address('rjz.admin');

  const sweepAt = async (iso: string) => {
    app.clock.set(new Date(iso));
    await app.worker.get(ChaseSweepService).run();
    await app.runJobs();
    const rows: Array<{ ods_code: string; stage: string; due_on: string }> = await app.dataSource.query(
      `SELECT o.ods_code, l.stage, l.due_on::text AS due_on FROM chase_log l JOIN organisation o ON o.id = l.organisation_id
       WHERE l.decided_at = $1 AND l.stage <> 'ESCALATION' ORDER BY 1`,
      [new Date(iso)],
    );
    return rows.map((r) => `${r.stage} ${r.ods_code} ${r.due_on}`);
  };
  const nothingWritten = async (action: () => Promise<void>) => {
    const tables = ['chase_log', 'chase_pause', 'outbox_message', 'audit_event'];
    const before = await Promise.all(tables.map((t) => countRows(app.dataSource, t)));
    await action();
    expect(await Promise.all(tables.map((t) => countRows(app.dataSource, t)))).toEqual(before);
  };

  beforeAll(async () => {
    app = await createTestApp({ now: new Date('2026-11-16T10:00:00Z') });
    await createUser(app.dataSource, { odsCode: 'RAL', email: ral, roles: [{ role: Role.ORG_ADMIN }] });
    await createUser(app.dataSource, { odsCode: 'RJZ', email: rjz, roles: [{ role: Role.ORG_ADMIN }] });
    national = (await app.signedIn({ odsCode: 'X24', roles: [{ role: Role.NATIONAL_ADMIN }] })).agent;
    southEast = (await app.signedIn({ odsCode: 'QKK', name: 'Sam Southeast', roles: [{ role: Role.ICB_ADMIN }] })).agent;
    northCentral = (await app.signedIn({ odsCode: 'QMJ', roles: [{ role: Role.ICB_ADMIN }] })).agent;
    // RJ1's one organisation admin, who is chased and may read its own log but not chase.
    rj1Admin = (await app.signedIn({ odsCode: 'RJ1', email: rj1, roles: [{ role: Role.ORG_ADMIN }] })).agent;
    const opened = await app.gql(national, `mutation($i: OpenNominationReturnInput!) { openNominationReturn(input: $i) { id } }`, {
      i: { title: 'Leads by hand', organisationTypes: ['TRUST'], scopeOdsCode: 'Y56', deadline: '2026-12-14T17:00' },
    });
    expect(opened.errors).toBeUndefined();
    returnId = opened.data!.openNominationReturn.id;
    await app.dataSource.query(
      `UPDATE nomination_request SET responded_at = $2 WHERE return_id = $1 AND organisation_id = (SELECT id FROM organisation WHERE ods_code = 'RJZ')`,
      [returnId, new Date('2026-11-17T09:00:00Z')],
    );
    await app.runJobs();
  });
  afterAll(() => app.close());

  it('lets an ICB admin chase one of its trusts by hand: logged, audited and delivered', async () => {
    app.clock.set(new Date('2026-11-18T14:30:00Z'));
    const result = await app.gql(southEast, CHASE_NOW, {
      i: { returnId, organisationOdsCode: 'rj1', note: 'Your board signed off the leads last week: please enter them.' },
    });
    expect(result.errors).toBeUndefined();
    expect(result.data!.chaseNow).toMatchObject({
      stage: 'MANUAL',
      dueOn: '2026-11-18',
      recipients: [rj1],
      note: 'Your board signed off the leads last week: please enter them.',
      decidedAt: '2026-11-18T14:30:00.000Z',
      sentBy: 'Sam Southeast',
    });
    expect(await countRows(app.dataSource, 'audit_event', `action = 'chase.sent_manually' AND entity_id = $1`, [result.data!.chaseNow.id])).toBe(1);

    await app.runJobs();
    const [mail] = (await Mailbox.waitFor(rj1, 2)).filter((m) => m.subject === 'Reminder: please answer Leads by hand by 14 December 2026 at 17:00');
    expect(mail.text).toContain('A message from Sam Southeast:');
    expect(mail.text).toContain('Your board signed off the leads last week');
    expect(mail.text).toContain(`http://localhost:3000/nominations/${returnId}/RJ1`);

    // The same form submitted again at once (a double click) is the same chase: nothing more is sent.
    const [again, concurrent] = await Promise.all([
      app.gql(southEast, CHASE_NOW, { i: { returnId, organisationOdsCode: 'RJ1', note: 'Your board signed off the leads last week: please enter them.' } }),
      app.gql(southEast, CHASE_NOW, { i: { returnId, organisationOdsCode: 'RJ1', note: 'Your board signed off the leads last week: please enter them.' } }),
    ]);
    expect(again.data!.chaseNow.id).toBe(result.data!.chaseNow.id);
    expect(concurrent.data!.chaseNow.id).toBe(result.data!.chaseNow.id);
    expect(await countRows(app.dataSource, 'chase_log', `stage = 'MANUAL'`)).toBe(1);

    // Each chase by hand is its own event, and both show in the log.
    app.clock.advance(60_000);
    expect((await app.gql(southEast, CHASE_NOW, { i: { returnId, organisationOdsCode: 'RJ1' } })).errors).toBeUndefined();
    const log = await app.gql(southEast, LOG, { r: returnId, o: 'RJ1' });
    expect(log.data!.chaseLog.map((c: any) => [c.stage, c.note, c.sentBy])).toEqual([
      ['MANUAL', null, 'Sam Southeast'],
      ['MANUAL', 'Your board signed off the leads last week: please enter them.', 'Sam Southeast'],
    ]);
    await app.runJobs();
    expect(await Mailbox.waitFor(rj1, 3)).toHaveLength(3);
  });

  it('counts a chase by hand on a reminder day as that day’s reminder', async () => {
    app.clock.set(new Date('2026-11-30T08:00:00Z'));
    expect((await app.gql(national, CHASE_NOW, { i: { returnId, organisationOdsCode: 'RJ1' } })).errors).toBeUndefined();
    expect(await sweepAt('2026-11-30T09:00:00Z')).toEqual(['REMINDER RAL 2026-11-30']);
  });

  it('refuses a chase by hand outside the caller’s scope, to the wrong organisation, or with nobody to write to, writing nothing', async () => {
    await nothingWritten(async () => {
      const otherIcb = await app.gql(northCentral, CHASE_NOW, { i: { returnId, organisationOdsCode: 'RJ1' } });
      expect(otherIcb.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'AUTH_OUT_OF_SCOPE' });
      const orgAdmin = await app.gql(rj1Admin, CHASE_NOW, { i: { returnId, organisationOdsCode: 'RJ1' } });
      expect(orgAdmin.errors?.[0].extensions?.code).toBe('FORBIDDEN');
      const anonymous = await app.gql(app.client(), CHASE_NOW, { i: { returnId, organisationOdsCode: 'RJ1' } });
      expect(anonymous.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');

      const unknownReturn = await app.gql(southEast, CHASE_NOW, { i: { returnId: randomUUID(), organisationOdsCode: 'RJ1' } });
      expect(unknownReturn.errors?.[0].extensions).toMatchObject({ code: 'NOT_FOUND', reason: 'CHASE_CAMPAIGN_NOT_FOUND' });
      const notAsked = await app.gql(southEast, CHASE_NOW, { i: { returnId, organisationOdsCode: 'QKK' } });
      expect(notAsked.errors?.[0].extensions).toMatchObject({ code: 'NOT_FOUND', reason: 'CHASE_ORGANISATION_NOT_ASKED' });
      const responded = await app.gql(southEast, CHASE_NOW, { i: { returnId, organisationOdsCode: 'RJZ' } });
      expect(responded.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'CHASE_ALREADY_RESPONDED' });
      const unreachable = await app.gql(southEast, CHASE_NOW, { i: { returnId, organisationOdsCode: 'RJ2' } });
      expect(unreachable.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'CHASE_UNREACHABLE' });
      const unknownOrg = await app.gql(southEast, CHASE_NOW, { i: { returnId, organisationOdsCode: 'ZZZ99' } });
      expect(unknownOrg.errors?.[0].extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        reason: 'CHASE_UNKNOWN_ORGANISATION',
        fields: { organisationOdsCode: expect.any(Array) },
      });
      const malformed = await app.gql(southEast, CHASE_NOW, { i: { returnId: 'not-an-id', organisationOdsCode: 'R!', note: 'x'.repeat(2001) } });
      expect(malformed.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      expect(Object.keys(malformed.errors![0].extensions!.fields!).sort()).toEqual(['note', 'organisationOdsCode', 'returnId']);
    });
  });

  it('refuses bad pauses with per-field messages, writing nothing', async () => {
    app.clock.set(new Date('2026-12-01T10:00:00Z'));
    await nothingWritten(async () => {
      const malformed = await app.gql(northCentral, PAUSE, { i: { returnId, organisationOdsCode: 'RAL', until: '2026-02-30', reason: '  ' } });
      expect(malformed.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      expect(Object.keys(malformed.errors![0].extensions!.fields!).sort()).toEqual(['reason', 'until']);
      const past = await app.gql(northCentral, PAUSE, { i: { returnId, organisationOdsCode: 'RAL', until: '2026-11-30', reason: 'Agreed' } });
      expect(past.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'CHASE_PAUSE_IN_PAST', fields: { until: expect.any(Array) } });
      const tooLong = await app.gql(northCentral, PAUSE, { i: { returnId, organisationOdsCode: 'RAL', until: '2028-12-01', reason: 'Agreed' } });
      expect(tooLong.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'CHASE_PAUSE_TOO_LONG' });
      const otherIcb = await app.gql(southEast, PAUSE, { i: { returnId, organisationOdsCode: 'RAL', until: '2026-12-08', reason: 'Agreed' } });
      expect(otherIcb.errors?.[0].extensions?.code).toBe('FORBIDDEN');
      const orgAdmin = await app.gql(rj1Admin, PAUSE, { i: { returnId, organisationOdsCode: 'RJ1', until: '2026-12-08', reason: 'Agreed' } });
      expect(orgAdmin.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    });
  });

  it('sends a paused organisation nothing until its pause ends, then resumes with the next reminder', async () => {
    app.clock.set(new Date('2026-12-01T10:00:00Z'));
    const paused = await app.gql(northCentral, PAUSE, {
      i: { returnId, organisationOdsCode: 'RAL', until: '2026-12-08', reason: 'New chief nurse starts on 7 December' },
    });
    expect(paused.errors).toBeUndefined();
    expect(paused.data!.pauseChasing).toMatchObject({
      lastDay: '2026-12-08',
      until: '2026-12-09T00:00:00.000Z',
      reason: 'New chief nurse starts on 7 December',
    });
    expect(await countRows(app.dataSource, 'audit_event', `action = 'chase.paused' AND entity_id = $1`, [paused.data!.pauseChasing.id])).toBe(1);

    expect(await sweepAt('2026-12-07T09:00:00Z')).toEqual(['REMINDER RJ1 2026-12-07']);
    // The pause is over, but the reminder that fell inside it is not sent late.
    expect(await sweepAt('2026-12-09T09:00:00Z')).toEqual([]);
    expect(await sweepAt('2026-12-11T09:00:00Z')).toEqual(['REMINDER RAL 2026-12-11', 'REMINDER RJ1 2026-12-11']);
    const reminders = (await Mailbox.waitFor(ral, 3)).filter((m) => m.subject.startsWith('Reminder:'));
    expect(reminders).toHaveLength(2);

    const drill = await app.gql(
      northCentral,
      `query($r: ID!) { nominationRequests(returnId: $r, within: "QMJ", first: 20) { edges { node { organisation { odsCode } nextChaseDue { stage dueOn } chaseLog { stage dueOn } } } } }`,
      { r: returnId },
    );
    expect(drill.errors).toBeUndefined();
    const ralRow = drill.data!.nominationRequests.edges.map((e: any) => e.node).find((n: any) => n.organisation.odsCode === 'RAL');
    expect(ralRow).toEqual({
      organisation: { odsCode: 'RAL' },
      nextChaseDue: { stage: 'OVERDUE', dueOn: '2026-12-15' },
      chaseLog: [
        { stage: 'REMINDER', dueOn: '2026-12-11' },
        { stage: 'REMINDER', dueOn: '2026-11-30' },
      ],
    });
  });

  it('shows the log within the reader’s scope only', async () => {
    const own = await app.gql(rj1Admin, LOG, { r: returnId, o: 'RJ1' });
    expect(own.errors).toBeUndefined();
    expect(own.data!.chaseLog.map((c: any) => c.stage)).toEqual(['REMINDER', 'REMINDER', 'MANUAL', 'MANUAL', 'MANUAL']);
    const otherTrust = await app.gql(rj1Admin, LOG, { r: returnId, o: 'RJ2' });
    expect(otherTrust.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const otherIcb = await app.gql(northCentral, LOG, { r: returnId, o: 'RJ1' });
    expect(otherIcb.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const bad = await app.gql(national, LOG, { r: 'nope', o: 'RJ1' });
    expect(bad.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: { returnId: expect.any(Array) } });
  });

  it('stops everything once the return closes', async () => {
    const closed = await app.gql(national, `mutation($id: ID!) { closeNominationReturn(id: $id) { status } }`, { id: returnId });
    expect(closed.errors).toBeUndefined();
    await nothingWritten(async () => {
      expect((await app.gql(southEast, CHASE_NOW, { i: { returnId, organisationOdsCode: 'RJ1' } })).errors?.[0].extensions).toMatchObject({
        code: 'CONFLICT',
        reason: 'CHASE_CAMPAIGN_CLOSED',
      });
      expect(
        (await app.gql(southEast, PAUSE, { i: { returnId, organisationOdsCode: 'RJ1', until: '2026-12-20', reason: 'Agreed' } })).errors?.[0].extensions
          ?.reason,
      ).toBe('CHASE_CAMPAIGN_CLOSED');
      expect(await sweepAt('2026-12-15T09:00:00Z')).toEqual([]);
    });
    const drill = await app.gql(
      southEast,
      `query($r: ID!) { nominationRequests(returnId: $r, within: "RJ1", first: 1) { edges { node { nextChaseDue { dueOn } } } } }`,
      { r: returnId },
    );
    expect(drill.data!.nominationRequests.edges[0].node.nextChaseDue).toBeNull();
  });
});
