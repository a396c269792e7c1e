import { ChaseHistory, ChasePolicyService, ChaseSchedule } from '../chase-policy.service';
import { ChaseStage } from '../entities/chase-log.entity';
import { WorkingDayCalendarService } from '../working-day-calendar.service';

// December 2026: the deadline is Monday 14th at 17:00 (London is on GMT in winter, so Z times are
// London times). Reminders 14, 7 and 2 days before; overdue every 5 working days; escalation after 5.
const calendar = new WorkingDayCalendarService();
const policy = new ChasePolicyService(calendar);
const schedule: ChaseSchedule = {
  deadline: new Date('2026-12-14T17:00:00Z'),
  openedAt: new Date('2026-11-16T10:00:00Z'),
  policy: { reminderOffsetsDays: [14, 7, 2], overdueEveryWorkingDays: 5, escalateAfterWorkingDays: 5 },
};
const none: ChaseHistory = { pausedUntil: null, lastManualAt: null };
const at = (iso: string) => new Date(iso);
const due = (iso: string, history = none) => policy.dueToOrganisation(schedule, history, at(iso));
const escalation = (iso: string, history = none) => policy.escalationDue(schedule, history, at(iso));

describe('chase policy', () => {
  it('reminds 14, 7 and 2 days before, a weekend reminder moving to the Friday before', () => {
    expect(policy.reminderDays(schedule)).toEqual(['2026-11-30', '2026-12-07', '2026-12-11']);
    expect(due('2026-11-27T09:00:00Z')).toBeNull();
    expect(due('2026-11-30T09:00:00Z')).toEqual({ stage: ChaseStage.REMINDER, dueOn: '2026-11-30' });
    // Later in the week the same reminder is still the one due: its key is taken, so nothing is sent.
    expect(due('2026-12-03T09:00:00Z')).toEqual({ stage: ChaseStage.REMINDER, dueOn: '2026-11-30' });
    expect(due('2026-12-07T00:00:01Z')).toEqual({ stage: ChaseStage.REMINDER, dueOn: '2026-12-07' });
    expect(due('2026-12-11T09:00:00Z')).toEqual({ stage: ChaseStage.REMINDER, dueOn: '2026-12-11' });
    expect(due('2026-12-14T16:59:00Z')).toEqual({ stage: ChaseStage.REMINDER, dueOn: '2026-12-11' });
  });

  it('sends nothing on a Saturday or on Christmas Day', () => {
    expect(due('2026-12-12T09:00:00Z')).toBeNull();
    expect(due('2026-12-25T09:00:00Z')).toBeNull();
    expect(escalation('2026-12-25T09:00:00Z')).toBeNull();
    expect(escalation('2026-12-26T09:00:00Z')).toBeNull();
    expect(escalation('2026-12-28T09:00:00Z')).toBeNull();
  });

  it('is overdue from the first working day after the deadline, then every 5 working days', () => {
    expect(due('2026-12-14T18:00:00Z')).toBeNull();
    expect(due('2026-12-15T09:00:00Z')).toEqual({ stage: ChaseStage.OVERDUE, dueOn: '2026-12-15' });
    expect(due('2026-12-21T09:00:00Z')).toEqual({ stage: ChaseStage.OVERDUE, dueOn: '2026-12-15' });
    expect(due('2026-12-22T09:00:00Z')).toEqual({ stage: ChaseStage.OVERDUE, dueOn: '2026-12-22' });
    // 23, 24, 29, 30 December, then the 11th working day overdue skips New Year's Day.
    expect(due('2026-12-30T09:00:00Z')).toEqual({ stage: ChaseStage.OVERDUE, dueOn: '2026-12-22' });
    expect(due('2026-12-31T09:00:00Z')).toEqual({ stage: ChaseStage.OVERDUE, dueOn: '2026-12-31' });
  });

  it('escalates every working day from 5 working days overdue', () => {
    expect(escalation('2026-12-18T09:00:00Z')).toBeNull();
    expect(escalation('2026-12-21T09:00:00Z')).toEqual({ stage: ChaseStage.ESCALATION, dueOn: '2026-12-21' });
    expect(escalation('2026-12-24T09:00:00Z')).toEqual({ stage: ChaseStage.ESCALATION, dueOn: '2026-12-24' });
    expect(escalation('2026-12-29T09:00:00Z')).toEqual({ stage: ChaseStage.ESCALATION, dueOn: '2026-12-29' });
    // With no escalation threshold, the parent hears as soon as the deadline has passed.
    const immediate = { ...schedule, policy: { ...schedule.policy, escalateAfterWorkingDays: 0 } };
    expect(policy.escalationDue(immediate, none, at('2026-12-14T16:00:00Z'))).toBeNull();
    expect(policy.escalationDue(immediate, none, at('2026-12-14T18:00:00Z'))).toEqual({ stage: ChaseStage.ESCALATION, dueOn: '2026-12-14' });
  });

  it('drops reminders due before the return opened', () => {
    const late = { ...schedule, openedAt: new Date('2026-12-05T10:00:00Z') };
    expect(policy.reminderDays(late)).toEqual(['2026-12-07', '2026-12-11']);
    expect(policy.dueToOrganisation(late, none, at('2026-12-04T09:00:00Z'))).toBeNull();
  });

  it('treats a pause as an agreed extension: nothing during it, and the overdue clocks restart from its last day', () => {
    const extended: ChaseHistory = { pausedUntil: calendar.endOf('2026-12-18'), lastManualAt: null };
    expect(due('2026-12-15T09:00:00Z', extended)).toBeNull();
    expect(escalation('2026-12-21T09:00:00Z', { ...extended, pausedUntil: calendar.endOf('2026-12-21') })).toBeNull();
    expect(due('2026-12-21T09:00:00Z', extended)).toEqual({ stage: ChaseStage.OVERDUE, dueOn: '2026-12-21' });
    expect(escalation('2026-12-24T09:00:00Z', extended)).toBeNull();
    expect(escalation('2026-12-29T09:00:00Z', extended)).toEqual({ stage: ChaseStage.ESCALATION, dueOn: '2026-12-29' });

    // A pause ending before the deadline: the reminder that fell in it is not sent late.
    const short: ChaseHistory = { pausedUntil: calendar.endOf('2026-12-08'), lastManualAt: null };
    expect(due('2026-12-09T09:00:00Z', short)).toBeNull();
    expect(due('2026-12-11T09:00:00Z', short)).toEqual({ stage: ChaseStage.REMINDER, dueOn: '2026-12-11' });
  });

  it('lets a chase by hand stand in for the organisation’s scheduled chase that day, not for its parent’s digest', () => {
    const chased: ChaseHistory = { pausedUntil: null, lastManualAt: new Date('2026-12-11T08:00:00Z') };
    expect(due('2026-12-11T10:00:00Z', chased)).toBeNull();
    expect(due('2026-12-15T09:00:00Z', chased)).toEqual({ stage: ChaseStage.OVERDUE, dueOn: '2026-12-15' });
    const chasedLate: ChaseHistory = { pausedUntil: null, lastManualAt: new Date('2026-12-21T08:00:00Z') };
    expect(escalation('2026-12-21T09:00:00Z', chasedLate)).toEqual({ stage: ChaseStage.ESCALATION, dueOn: '2026-12-21' });
  });

  it('reads a midnight deadline as the end of the day before', () => {
    const midnight = { ...schedule, deadline: new Date('2026-12-15T00:00:00Z') };
    expect(policy.reminderDays(midnight)).toEqual(['2026-11-30', '2026-12-07', '2026-12-11']);
    expect(policy.dueToOrganisation(midnight, none, at('2026-12-15T09:00:00Z'))).toEqual({ stage: ChaseStage.OVERDUE, dueOn: '2026-12-15' });
  });

  it('names the next chase not yet decided, for the dashboard', () => {
    const next = (iso: string, decided: string[] = [], history = none) => policy.nextDue(schedule, history, at(iso), new Set(decided));
    expect(next('2026-11-20T09:00:00Z')).toEqual({ stage: ChaseStage.REMINDER, dueOn: '2026-11-30' });
    expect(next('2026-11-30T10:00:00Z', ['REMINDER|2026-11-30'])).toEqual({ stage: ChaseStage.REMINDER, dueOn: '2026-12-07' });
    expect(next('2026-12-12T10:00:00Z')).toEqual({ stage: ChaseStage.OVERDUE, dueOn: '2026-12-15' });
    expect(next('2026-12-21T10:00:00Z', ['ESCALATION|2026-12-21'])).toEqual({ stage: ChaseStage.OVERDUE, dueOn: '2026-12-22' });
    expect(next('2026-12-24T10:00:00Z', ['ESCALATION|2026-12-24'])).toEqual({ stage: ChaseStage.ESCALATION, dueOn: '2026-12-29' });
    expect(next('2026-12-15T10:00:00Z', [], { pausedUntil: calendar.endOf('2026-12-18'), lastManualAt: null })).toEqual({
      stage: ChaseStage.OVERDUE,
      dueOn: '2026-12-21',
    });
  });
});
