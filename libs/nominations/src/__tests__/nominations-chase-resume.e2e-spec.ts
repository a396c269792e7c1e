import type TestAgent from 'supertest/lib/agent';
import { countRows, createTestApp, createUser, TestApp, uniqueEmail } from '@dasv/testing';
import { Role } from '@dasv/auth';

// Guy's (RJ1) is in South East London ICB (QKK); North Central London ICB (QMJ) is one branch over.
const PAUSE = `mutation($i: PauseChasingInput!) { pauseChasing(input: $i) { id lastDay reason pausedBy resumedAt } }`;
const RESUME = `mutation($i: ResumeChasingInput!) { resumeChasing(input: $i) { id lastDay reason resumedAt } }`;
const ROW = `query($r: ID!) { nominationRequests(returnId: $r, within: "RJ1", first: 1) { edges { node { chasePause { lastDay reason pausedBy } nextChaseDue { stage dueOn } } } } }`;

describe('resuming chasing before an agreed pause ends', () => {
  let app: TestApp;
  let returnId: string;
  let southEast: TestAgent;
  let northCentral: TestAgent;
  let guysAdmin: TestAgent;

  const nothingWritten = async (action: () => Promise<void>) => {
    const tables = ['chase_log', 'chase_pause', 'outbox_message', 'audit_event'];
    const before = await Promise.all(tables.map((t) => countRows(app.dataSource, t)));
    const resumed = await countRows(app.dataSource, 'chase_pause', 'resumed_at IS NOT NULL');
    await action();
    expect(await Promise.all(tables.map((t) => countRows(app.dataSource, t)))).toEqual(before);
    expect(await countRows(app.dataSource, 'chase_pause', 'resumed_at IS NOT NULL')).toBe(resumed);
  };
  const row = async () => (await app.gql(southEast, ROW, { r: returnId })).data!.nominationRequests.edges[0].node;

  beforeAll(async () => {
    app = await createTestApp({ now: new Date('2026-11-18T10:00:00Z') });
    guysAdmin = (await app.signedIn({ odsCode: 'RJ1', email: uniqueEmail('guys.resume'), roles: [{ role: Role.ORG_ADMIN }] })).agent;
    await createUser(app.dataSource, { odsCode: 'RJ1', email: uniqueEmail('guys.second'), roles: [{ role: Role.ORG_ADMIN }] });
    southEast = (await app.signedIn({ odsCode: 'QKK', name: 'Sam Southeast', roles: [{ role: Role.ICB_ADMIN }] })).agent;
    northCentral = (await app.signedIn({ odsCode: 'QMJ', roles: [{ role: Role.ICB_ADMIN }] })).agent;
    const national = (await app.signedIn({ odsCode: 'X24', roles: [{ role: Role.NATIONAL_ADMIN }] })).agent;
    const opened = await app.gql(national, `mutation($i: OpenNominationReturnInput!) { openNominationReturn(input: $i) { id } }`, {
      i: { title: 'Resumed early', organisationTypes: ['TRUST'], scopeOdsCode: 'QKK', deadline: '2026-12-14T17:00' },
    });
    expect(opened.errors).toBeUndefined();
    returnId = opened.data!.openNominationReturn.id;
  });
  afterAll(() => app.close());

  it('shows the running pause on the organisation’s row, ends it early for an admin in scope only, and says when there is none', async () => {
    const paused = await app.gql(southEast, PAUSE, { i: { returnId, organisationOdsCode: 'RJ1', until: '2026-12-04', reason: 'Board meets on 3 December' } });
    expect(paused.errors).toBeUndefined();
    expect(paused.data!.pauseChasing).toMatchObject({ lastDay: '2026-12-04', pausedBy: 'Sam Southeast', resumedAt: null });
    expect(await row()).toEqual({
      chasePause: { lastDay: '2026-12-04', reason: 'Board meets on 3 December', pausedBy: 'Sam Southeast' },
      nextChaseDue: { stage: 'REMINDER', dueOn: '2026-12-07' },
    });

    await nothingWritten(async () => {
      const otherIcb = await app.gql(northCentral, RESUME, { i: { returnId, organisationOdsCode: 'RJ1' } });
      expect(otherIcb.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'AUTH_OUT_OF_SCOPE' });
      const orgAdmin = await app.gql(guysAdmin, RESUME, { i: { returnId, organisationOdsCode: 'RJ1' } });
      expect(orgAdmin.errors?.[0].extensions?.code).toBe('FORBIDDEN');
      const malformed = await app.gql(southEast, RESUME, { i: { returnId: 'nope', organisationOdsCode: 'R!' } });
      expect(Object.keys(malformed.errors![0].extensions!.fields!).sort()).toEqual(['organisationOdsCode', 'returnId']);
    });

    app.clock.set(new Date('2026-11-24T11:00:00Z'));
    const resumed = await app.gql(southEast, RESUME, { i: { returnId, organisationOdsCode: 'RJ1' } });
    expect(resumed.errors).toBeUndefined();
    // What was agreed stays as it was; when it was ended is recorded beside it.
    expect(resumed.data!.resumeChasing).toEqual({
      id: paused.data!.pauseChasing.id,
      lastDay: '2026-12-04',
      reason: 'Board meets on 3 December',
      resumedAt: '2026-11-24T11:00:00.000Z',
    });
    expect(await countRows(app.dataSource, 'audit_event', `action = 'chase.resumed' AND entity_id = $1`, [paused.data!.pauseChasing.id])).toBe(1);
    expect(await row()).toEqual({ chasePause: null, nextChaseDue: { stage: 'REMINDER', dueOn: '2026-11-30' } });

    await nothingWritten(async () => {
      const again = await app.gql(southEast, RESUME, { i: { returnId, organisationOdsCode: 'RJ1' } });
      expect(again.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'CHASE_NOT_PAUSED' });
    });
  });
});
