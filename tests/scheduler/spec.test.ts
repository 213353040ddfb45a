import { describe, expect, it } from 'vitest';
import { parseScheduleAddText } from '../../commands/schedule.ts';
import { isValidTimeZone, parseScheduleSpec } from '../../src/scheduler/spec.ts';

describe('schedule specs', () => {
  it.each([
    ['daily 09:00', '0 9 * * *', 'daily 09:00'],
    ['Daily 9:05', '5 9 * * *', 'daily 09:05'],
    ['weekdays 08:30', '30 8 * * 1-5', 'weekdays 08:30'],
    ['weekly mon 09:00', '0 9 * * 1', 'weekly mon 09:00'],
    ['weekly friday 17:45', '45 17 * * 5', 'weekly fri 17:45'],
    ['hourly', '0 * * * *', 'hourly'],
    ['0 9 * * 1-5', '0 9 * * 1-5', 'cron 0 9 * * 1-5'],
    ['*/15 * * * *', '*/15 * * * *', 'cron */15 * * * *'],
  ])('%s → %s', (spec, cron, label) => {
    expect(parseScheduleSpec(spec)).toEqual({ ok: true, cron, label });
  });

  it.each([
    ['', /^Say when to post\./],
    ['every morning', /^I can’t read “every morning” as a schedule\./],
    ['daily 25:00', /^“25:00” is not a time of day/],
    ['weekly someday 09:00', /^“someday” is not a day/],
    ['61 9 * * *', /^That cron expression is not valid/],
    ['*/5 * * * *', /^That fires every 5 minutes; schedules may fire at most once every 15 minutes\./],
    ['0,10 9 * * *', /^That fires every 10 minutes/],
  ])('rejects %j', (spec, message) => {
    const parsed = parseScheduleSpec(spec);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error).toMatch(message);
  });

  it('knows IANA time zones', () => {
    expect(isValidTimeZone('Europe/Berlin')).toBe(true);
    expect(isValidTimeZone('UTC')).toBe(true);
    expect(isValidTimeZone('Mars/Olympus_Mons')).toBe(false);
    expect(isValidTimeZone('')).toBe(false);
  });

  it('reads the text form of schedule add', () => {
    expect(parseScheduleAddText('daily 09:00 Europe/Berlin')).toEqual({
      when: 'daily 09:00',
      timezone: 'Europe/Berlin',
    });
    expect(parseScheduleAddText('weekdays 08:30 <#C0123|general> America/New_York')).toEqual({
      when: 'weekdays 08:30',
      timezone: 'America/New_York',
      channel: 'C0123',
    });
    expect(parseScheduleAddText('*/30 9-17 * * 1-5 <#123456789012345678>')).toEqual({
      when: '*/30 9-17 * * 1-5',
      channel: '123456789012345678',
    });
    expect(parseScheduleAddText('daily 09:00 Mars/Base')).toEqual({
      when: 'daily 09:00',
      timezone: 'Mars/Base',
    });
  });
});
