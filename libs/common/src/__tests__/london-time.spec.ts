import {
  formatLondon,
  formatLondonDate,
  formatLondonDay,
  formatLondonToSecond,
  formatLondonTwelveHour,
  londonDay,
  londonSpreadsheetTime,
  parseLondonDateTime,
} from '../london-time';

describe('London time', () => {
  // 22:59 UTC on 13 July is 23:59 BST; 23:30 UTC on 24 November is still 24 November (GMT).
  const summer = new Date('2026-07-13T22:59:00Z');
  const winter = new Date('2026-11-24T23:30:00Z');
  const september = new Date('2026-09-05T13:05:09Z');

  it('formats instants as they read on a clock in England', () => {
    expect(formatLondon(summer)).toBe('13 July 2026 at 23:59');
    expect(formatLondonDate(winter)).toBe('24 November 2026');
    expect(formatLondonDate(new Date('2026-06-30T23:30:00Z'))).toBe('1 July 2026');
    expect(formatLondonTwelveHour(september)).toBe('5 September 2026 at 2:05pm');
    expect(formatLondonTwelveHour(new Date('2026-01-05T09:00:00Z'))).toBe('5 January 2026 at 9:00am');
    expect(formatLondonToSecond(september)).toBe('5 Sep 2026, 14:05:09');
    expect(londonSpreadsheetTime(summer)).toBe('2026-07-13 23:59');
    expect(londonDay(new Date('2026-06-30T23:30:00Z'))).toBe('2026-07-01');
    expect(formatLondonDay('2026-03-29')).toBe('29 March 2026');
  });

  it('shows nothing for no time', () => {
    expect(formatLondon(null)).toBe('');
    expect(formatLondonDate(undefined)).toBe('');
    expect(formatLondonTwelveHour(null)).toBe('');
    expect(londonSpreadsheetTime(null)).toBeNull();
  });

  it('reads a time without an offset as London wall-clock time, and one with an offset as given', () => {
    expect(parseLondonDateTime('2026-07-13T23:59')).toEqual(summer);
    expect(parseLondonDateTime(' 2026-01-13T23:59 ')).toEqual(new Date('2026-01-13T23:59:00Z'));
    expect(parseLondonDateTime('2026-07-13T23:59Z')).toEqual(new Date('2026-07-13T23:59:00Z'));
    expect(parseLondonDateTime('2026-02-30T10:00')).toBeNull();
  });
});
