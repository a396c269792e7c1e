import { WorkingDayCalendarService } from '../working-day-calendar.service';

describe('WorkingDayCalendarService (England and Wales)', () => {
  const calendar = new WorkingDayCalendarService();

  it('skips weekends and bank holidays, substitute days included', () => {
    // Christmas 2026 is a Friday; Boxing Day a Saturday, so Monday 28 December is its substitute.
    expect(calendar.addWorkingDays('2026-12-24', 1)).toBe('2026-12-29');
    expect(calendar.addWorkingDays('2026-12-24', 0)).toBe('2026-12-24');
    expect(calendar.addWorkingDays('2026-12-31', 1)).toBe('2027-01-04');
    expect(calendar.addWorkingDays('2026-04-02', 1)).toBe('2026-04-07'); // Good Friday and Easter Monday
    expect(calendar.addWorkingDays('2026-11-27', 5)).toBe('2026-12-04');
    expect(['2026-12-25', '2026-12-26', '2026-12-28', '2027-01-01', '2026-08-31', '2026-12-12'].map((d) => calendar.isWorkingDay(d))).toEqual([
      false,
      false,
      false,
      false,
      false,
      false,
    ]);
    expect(calendar.isWorkingDay('2026-12-29')).toBe(true);
    // Scotland's 2 January and St Andrew's Day are not England's.
    expect(calendar.isWorkingDay('2026-01-02')).toBe(true);
    expect(calendar.isWorkingDay('2026-11-30')).toBe(true);
  });

  it('counts working days between two days, and moves a day onto a working day either way', () => {
    expect(calendar.workingDaysBetween('2026-12-24', '2026-12-29')).toBe(1);
    expect(calendar.workingDaysBetween('2026-12-14', '2026-12-21')).toBe(5);
    expect(calendar.workingDaysBetween('2026-12-21', '2026-12-14')).toBe(0);
    expect(calendar.onOrBefore('2026-12-13')).toBe('2026-12-11');
    expect(calendar.onOrBefore('2026-12-28')).toBe('2026-12-24');
    expect(calendar.onOrAfter('2026-12-25')).toBe('2026-12-29');
    expect(calendar.onOrAfter('2026-12-29')).toBe('2026-12-29');
  });

  it('works out the day in London, not in UTC', () => {
    // 23:30 UTC on 30 June is 00:30 on 1 July in British Summer Time; in winter London is on UTC.
    expect(calendar.dayOf(new Date('2026-06-30T23:30:00Z'))).toBe('2026-07-01');
    expect(calendar.dayOf(new Date('2026-12-24T23:30:00Z'))).toBe('2026-12-24');
    // A deadline of midnight means "by the end of the day before".
    expect(calendar.lastDayBefore(new Date('2026-07-13T23:00:00Z'))).toBe('2026-07-13');
    expect(calendar.lastDayBefore(new Date('2026-07-13T22:59:00Z'))).toBe('2026-07-13');
    expect(calendar.endOf('2026-07-13').toISOString()).toBe('2026-07-13T23:00:00.000Z');
    expect(calendar.endOf('2026-12-18').toISOString()).toBe('2026-12-19T00:00:00.000Z');
  });

  it('refuses what is not a calendar day', () => {
    expect(() => calendar.isWorkingDay('2026-02-30')).toThrow('Not a calendar day');
    expect(() => calendar.addDays('26-1-1', 1)).toThrow('Not a calendar day');
  });
});
