import { Role } from '@dasv/auth';
import { ChaseSweepService, ChasingCoreModule } from '@dasv/chasing';
import { nominationCampaign, NominationsChaseSourceModule } from '@dasv/nominations';
import { createServiceTest, newChasePause, newReturn, newSubmission, newUser, ServiceTest, TestReturn, updateOrganisation } from '@dasv/testing';

// Real organisations (libs/organisations/data): South East London ICB (QKK) has the trusts RJ1, RJ2,
// RJZ, RRU and RV5; North Central London ICB (QMJ) has RAL; both are in London (Y56). The deadline is
// Monday 14 December 2026 at 17:00 (London is on GMT in winter), so Monday 30 November is the 14-day
// reminder. The journey over weeks (reminders, overdue, digests, e-mails delivered) is
// nominations-chase.e2e-spec.ts; this file is about whom one sweep selects, and at which address.
const DEADLINE = new Date('2026-12-14T17:00:00Z');

interface Decided {
  stage: string;
  odsCode: string | null;
  dueOn: string;
  recipients: string[];
}

describe('ChaseSweepService over nomination returns: who is chased', () => {
  let test: ServiceTest;
  let sweep: ChaseSweepService;
  let asked: TestReturn;

  beforeAll(async () => {
    test = await createServiceTest({
      // ChaseSweepService's own module (the worker's) also registers its BullMQ queue, which a sweep does not use.
      imports: [ChasingCoreModule, NominationsChaseSourceModule],
      providers: [ChaseSweepService],
      now: new Date('2026-11-16T10:00:00Z'),
    });
    sweep = test.get(ChaseSweepService);
    const db = test.dataSource;

    asked = await newReturn(db, {
      title: 'DASV leads 2026/27',
      scopeOdsCode: 'Y56',
      deadline: DEADLINE,
      escalateAfterWorkingDays: 5,
      asked: ['RJ1', 'RJ2', 'RJZ', 'RRU', 'RV5', 'RAL'],
    });
    // RJ1: two admins, and a third whose account was deactivated.
    await newUser(db, { odsCode: 'RJ1', email: 'ann.rj1@nhs.net', roles: [{ role: Role.ORG_ADMIN }] });
    await newUser(db, { odsCode: 'RJ1', email: 'abe.rj1@nhs.net', roles: [{ role: Role.ORG_ADMIN }] });
    await newUser(db, { odsCode: 'RJ1', email: 'old.rj1@nhs.net', isActive: false, roles: [{ role: Role.ORG_ADMIN }] });
    // RJ2: its only admin left; the organisation's contact address is still there.
    await newUser(db, { odsCode: 'RJ2', email: 'gone.rj2@nhs.net', isActive: false, roles: [{ role: Role.ORG_ADMIN }] });
    await updateOrganisation(db, 'RJ2', { contactEmail: 'dasv.rj2@nhs.net' });
    // RJZ has answered; RRU closed after it was asked; RV5 has nobody to write to.
    await newUser(db, { odsCode: 'RJZ', email: 'kim.rjz@nhs.net', roles: [{ role: Role.ORG_ADMIN }] });
    await newSubmission(db, { returnId: asked.id, odsCode: 'RJZ', submittedAt: new Date('2026-11-20T12:00:00Z') });
    await newUser(db, { odsCode: 'RRU', email: 'rob.rru@nhs.net', roles: [{ role: Role.ORG_ADMIN }] });
    await updateOrganisation(db, 'RRU', { isActive: false, closedOn: '2026-11-25' });
    // RAL agreed an extension to Friday 18 December.
    await newUser(db, { odsCode: 'RAL', email: 'ray.ral@nhs.net', roles: [{ role: Role.ORG_ADMIN }] });
    await newChasePause(db, { campaign: nominationCampaign(asked.id), odsCode: 'RAL', until: new Date('2026-12-19T00:00:00Z') });
    // A return already closed is never swept, though it asked RJ1 too.
    await newReturn(db, { title: 'Closed return', scopeOdsCode: 'Y56', deadline: DEADLINE, status: 'CLOSED', asked: ['RJ1'] });

    // Who hears about overdue trusts: their ICB's admins, while their accounts are active.
    await newUser(db, { odsCode: 'QKK', email: 'alice.qkk@nhs.net', name: 'Alice Icb', roles: [{ role: Role.ICB_ADMIN }] });
    await newUser(db, { odsCode: 'QKK', email: 'dan.qkk@nhs.net', isActive: false, roles: [{ role: Role.ICB_ADMIN }] });
    await newUser(db, { odsCode: 'QMJ', email: 'bob.qmj@nhs.net', roles: [{ role: Role.ICB_ADMIN }] });
    await newUser(db, { odsCode: 'Y56', email: 'lou.y56@nhs.net', roles: [{ role: Role.REGIONAL_ADMIN }] });
  });
  afterAll(() => test.close());

  /** Sweeps at `iso`: what it decided for the return (chase_log), whom it e-mailed (outbox) and how many it found outstanding. */
  async function sweepAt(iso: string): Promise<{ decided: Decided[]; emailedTo: string[]; outstanding: number | undefined }> {
    test.clock.set(new Date(iso));
    const result = await sweep.run();
    const decided: Decided[] = await test.dataSource.query(
      `SELECT l.stage, o.ods_code AS "odsCode", l.due_on::text AS "dueOn", l.recipients::text[] AS recipients
       FROM chase_log l LEFT JOIN organisation o ON o.id = l.organisation_id
       WHERE l.campaign = $1 AND l.decided_at = $2 ORDER BY l.stage, o.ods_code`,
      [nominationCampaign(asked.id), new Date(iso)],
    );
    // Each e-mail's key starts with its chase's: chase|<campaign>|<organisation or digest>|…|<day>|….
    const emails: Array<{ to: string }> = await test.dataSource.query(
      `SELECT payload->>'to' AS to FROM outbox_message WHERE payload->>'key' LIKE $1 ORDER BY 1`,
      [`chase|${nominationCampaign(asked.id)}|%|${iso.slice(0, 10)}|%`],
    );
    return { decided, emailedTo: emails.map((e) => e.to), outstanding: result.campaigns.find((c) => c.campaign === nominationCampaign(asked.id))?.outstanding };
  }

  it('reminds every outstanding, open, reachable and unpaused organisation, at its active admins or else its contact address', async () => {
    const { decided, emailedTo, outstanding } = await sweepAt('2026-11-30T09:00:00Z');

    expect(decided).toEqual([
      { stage: 'REMINDER', odsCode: 'RJ1', dueOn: '2026-11-30', recipients: ['abe.rj1@nhs.net', 'ann.rj1@nhs.net'] },
      { stage: 'REMINDER', odsCode: 'RJ2', dueOn: '2026-11-30', recipients: ['dasv.rj2@nhs.net'] },
    ]);
    // One e-mail per recipient, queued with the decision.
    expect(emailedTo).toEqual(['abe.rj1@nhs.net', 'ann.rj1@nhs.net', 'dasv.rj2@nhs.net']);
    // Outstanding: not answered and still open. RV5 is outstanding but unreachable, RAL paused.
    expect(outstanding).toBe(4);
    expect((await sweep.run()).chases).toBe(0);
  });

  it('sends the overdue trusts’ digest to their ICB’s active admins only, listing the unreachable one too but not the paused one', async () => {
    const { decided } = await sweepAt('2026-12-21T09:00:00Z');

    const digests = decided.filter((d) => d.odsCode === null);
    expect(digests).toEqual([{ stage: 'ESCALATION', odsCode: null, dueOn: '2026-12-21', recipients: ['alice.qkk@nhs.net'] }]);
    expect(decided.filter((d) => d.stage === 'ESCALATION' && d.odsCode).map((d) => [d.odsCode, d.recipients])).toEqual([
      ['RJ1', ['alice.qkk@nhs.net']],
      ['RJ2', ['alice.qkk@nhs.net']],
      ['RV5', ['alice.qkk@nhs.net']],
    ]);
    const [digest] = await test.dataSource.query(
      `SELECT payload->>'subject' AS subject, payload->>'text' AS text FROM outbox_message WHERE payload->>'to' = 'alice.qkk@nhs.net'`,
    );
    expect(digest.subject).toBe('Please help: 3 organisations you look after have not answered DASV leads 2026/27, due by 14 December 2026 at 17:00');
    expect([...digest.text.matchAll(/\(([A-Z0-9]{3,6})\): http/g)].map((m: RegExpMatchArray) => m[1]).sort()).toEqual(['RJ1', 'RJ2', 'RV5']);
  });
});
