import { Cron } from 'croner';

/** Schedules may not fire more often than this. */
export const MIN_INTERVAL_MINUTES = 15;

const DAYS: Record<string, number> = { sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6 };
const TIME = /^([01]?\d|2[0-3])[:h.]?([0-5]\d)$/;

/** A schedule spec read into a 5-field cron expression, or why it could not be. */
export type ParsedSpec = { ok: true; cron: string; label: string } | { ok: false; error: string };

const SPEC_HELP =
  'Use daily 09:00, weekdays 08:30, weekly mon 09:00, hourly, or a 5-field cron expression such as 0 9 * * 1-5.';

function parseTime(text: string | undefined): { hour: number; minute: number } | undefined {
  const match = TIME.exec(text ?? '');
  return match ? { hour: Number(match[1]), minute: Number(match[2]) } : undefined;
}

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * Reads a friendly spec (`daily 09:00`, `weekdays 08:30`, `weekly mon 09:00`, `hourly`) or a
 * 5-field cron expression, and checks that it fires no more often than every 15 minutes.
 */
export function parseScheduleSpec(raw: string): ParsedSpec {
  const spec = raw.trim().toLowerCase().replace(/\s+/g, ' ');
  if (spec === '') return { ok: false, error: `Say when to post. ${SPEC_HELP}` };
  const words = spec.split(' ');
  const [kind, first, second] = words;
  let cron: string | undefined;
  let label = spec;
  if (kind === 'hourly' && words.length === 1) {
    cron = '0 * * * *';
    label = 'hourly';
  } else if ((kind === 'daily' || kind === 'weekdays') && words.length === 2) {
    const time = parseTime(first);
    if (!time) return { ok: false, error: `“${first}” is not a time of day; use 24-hour HH:MM, e.g. 09:00.` };
    cron = `${time.minute} ${time.hour} * * ${kind === 'daily' ? '*' : '1-5'}`;
    label = `${kind} ${pad(time.hour)}:${pad(time.minute)}`;
  } else if (kind === 'weekly' && words.length === 3) {
    const day = DAYS[(first ?? '').slice(0, 3)];
    const time = parseTime(second);
    if (day === undefined)
      return { ok: false, error: `“${first}” is not a day; use mon, tue, wed, thu, fri, sat or sun.` };
    if (!time)
      return { ok: false, error: `“${second}” is not a time of day; use 24-hour HH:MM, e.g. 09:00.` };
    cron = `${time.minute} ${time.hour} * * ${day}`;
    label = `weekly ${Object.keys(DAYS)[day]} ${pad(time.hour)}:${pad(time.minute)}`;
  } else if (words.length === 5) {
    cron = spec;
    label = `cron ${spec}`;
  } else {
    return { ok: false, error: `I can’t read “${raw.trim().slice(0, 60)}” as a schedule. ${SPEC_HELP}` };
  }
  let job: Cron;
  try {
    job = new Cron(cron, { paused: true, timezone: 'UTC' });
  } catch (error) {
    return {
      ok: false,
      error: `That cron expression is not valid (${(error as Error).message}). ${SPEC_HELP}`,
    };
  }
  const runs = job.nextRuns(200, new Date(Date.UTC(2026, 0, 5)));
  if (runs.length === 0) return { ok: false, error: 'That schedule never fires.' };
  for (let i = 1; i < runs.length; i++) {
    const gapMinutes = ((runs[i] as Date).getTime() - (runs[i - 1] as Date).getTime()) / 60_000;
    if (gapMinutes < MIN_INTERVAL_MINUTES) {
      return {
        ok: false,
        error: `That fires every ${gapMinutes} minutes; schedules may fire at most once every ${MIN_INTERVAL_MINUTES} minutes.`,
      };
    }
  }
  return { ok: true, cron, label };
}

/** Whether a name is an IANA time zone this runtime knows (e.g. Europe/Berlin, UTC). */
export function isValidTimeZone(zone: string): boolean {
  if (!zone || zone.length > 64) return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** Every IANA time zone name, for autocomplete. */
export function timeZoneNames(): string[] {
  return ['UTC', ...Intl.supportedValuesOf('timeZone').filter((z) => z !== 'UTC')];
}

/** The next time a cron fires after `after`, in its time zone. */
export function nextRun(cron: string, timezone: string, after: Date): Date | null {
  return new Cron(cron, { paused: true, timezone }).nextRun(after);
}

/** A date and time as people read it in a time zone, e.g. "Mon 30 Nov 2026, 09:00 CET". */
export function formatInZone(date: Date, timezone: string): string {
  return new Intl.DateTimeFormat('en-GB', {
    timeZone: timezone,
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZoneName: 'short',
  }).format(date);
}

/** A date as a summary title shows it in a time zone, e.g. "Sunday 29 November 2026". */
export function formatDayInZone(date: Date, timezone: string): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone: timezone, dateStyle: 'full' }).format(date);
}
