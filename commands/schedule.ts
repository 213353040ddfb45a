import { z } from 'zod';
import { type CommandContext, defineCommand } from '../src/core/command.ts';
import type { Platform } from '../src/core/invocation.ts';
import type { Reply } from '../src/core/reply.ts';
import { neutraliseUserText } from '../src/core/safe-text.ts';
import type { Scheduler } from '../src/scheduler/scheduler.ts';
import { formatInZone, timeZoneNames } from '../src/scheduler/spec.ts';
import type { Schedule } from '../src/scheduler/store.ts';
import { storySlugSuggestions } from './story.ts';

const NOT_ENABLED: Reply = {
  kind: 'error',
  body: 'Scheduled summaries are not enabled on this bot.',
  visibility: 'ephemeral',
};

// A channel named in text: Discord <#123>, Slack <#C123|name> or <#C123>, or a plain #name.
const CHANNEL_TOKEN = /^(?:<#([A-Za-z0-9]+)(?:\|[^>]*)?>|#([\w-]+))$/;

/** Reads "daily 09:00 Europe/Berlin <#C123> story <slug> chart" into when, timezone, channel, story and chart. */
export function parseScheduleAddText(text: string): {
  when: string;
  timezone?: string;
  channel?: string;
  story?: string;
  chart?: boolean;
} {
  const words = text.trim().split(/\s+/);
  let timezone: string | undefined;
  let channel: string | undefined;
  let story: string | undefined;
  let chart = false;
  const rest: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const word = words[i] as string;
    // "chart" (or "with chart"): the summary carries the chart of the story's main figures.
    if (!chart && /^chart$/i.test(word)) {
      chart = true;
      if (/^with$/i.test(rest.at(-1) ?? '')) rest.pop();
      continue;
    }
    // "story <slug>" or "story:<slug>": the story the schedule posts.
    const storyMatch = /^story:(.+)$/i.exec(word);
    if (!story && storyMatch) {
      story = storyMatch[1];
      continue;
    }
    if (!story && /^story$/i.test(word) && words[i + 1]) {
      story = words[++i];
      continue;
    }
    const channelMatch = CHANNEL_TOKEN.exec(word);
    if (channelMatch && !channel) channel = channelMatch[1] ?? channelMatch[2];
    // Area/Location, or UTC: a time zone (validated later, so a wrong one gets its own message).
    else if (!timezone && (/^[A-Za-z_]+\/[\w+\-/]+$/.test(word) || /^(utc|gmt)$/i.test(word)))
      timezone = word;
    else rest.push(word);
  }
  return {
    when: rest.join(' '),
    ...(timezone ? { timezone } : {}),
    ...(channel ? { channel } : {}),
    ...(story ? { story } : {}),
    ...(chart ? { chart } : {}),
  };
}

/** A channel option as an id: platforms may deliver it as a mention (<#id>) or a name (#news). */
function channelIdOf(channel: string | undefined): string | undefined {
  const text = channel?.trim();
  if (!text) return undefined;
  const match = CHANNEL_TOKEN.exec(text);
  return match ? (match[1] ?? match[2]) : text;
}

function describeSchedule(schedule: Schedule, context: CommandContext): string {
  const next = context.scheduler?.nextRunOf(schedule);
  const parts = [
    `${schedule.spec} (${schedule.timezone}) in channel ${schedule.channelId}`,
    schedule.story ? `story ${schedule.story}` : '',
    schedule.chart ? 'with its chart' : '',
    schedule.status === 'active'
      ? ''
      : schedule.status === 'paused'
        ? 'PAUSED after repeated failures'
        : 'failing',
    schedule.status === 'paused' ? '' : `next: ${next ? formatInZone(next, schedule.timezone) : 'never'}`,
    schedule.lastSlot
      ? `last: ${formatInZone(new Date(schedule.lastSlot), schedule.timezone)}, ${schedule.lastOutcome}`
      : 'not posted yet',
  ];
  return parts.filter(Boolean).join(' · ');
}

async function idSuggestions(
  partial: string,
  _engine: unknown,
  extras?: { scheduler?: Scheduler; platform?: Platform; scope?: string },
): Promise<string[]> {
  if (!extras?.scheduler || !extras.platform) return [];
  const schedules = await extras.scheduler.list(extras.platform);
  return schedules
    .filter((s) => !extras.scope || s.scope === extras.scope)
    .map((s) => s.id)
    .filter((id) => id.startsWith(partial.trim().toLowerCase()))
    .slice(0, 25);
}

export const scheduleAddCommand = defineCommand({
  group: 'schedule',
  name: 'add',
  adminOnly: true,
  description: 'Post the story summary into a channel on a schedule (admins)',
  usage: '<when> [timezone] [channel] [story <slug>] [chart]',
  examples: [
    'schedule add daily 09:00 Europe/Berlin',
    'schedule add weekdays 08:30',
    'schedule add 0 9 * * 1 UTC',
    'schedule add daily 08:00 chart',
  ],
  options: z.object({
    when: z
      .string()
      .max(100)
      .describe('daily 09:00, weekdays 08:30, weekly mon 09:00, hourly, or a cron expression'),
    timezone: z.string().max(64).optional().describe('IANA time zone, e.g. Europe/Berlin (default UTC)'),
    channel: z.string().max(100).optional().describe('Channel to post in (default: this one)'),
    story: z.string().max(100).optional().describe("The story to post (default: the channel's)"),
    chart: z
      .boolean()
      .optional()
      .describe('Add the chart of the story’s main figures to each summary (default: no)'),
  }),
  parseText: parseScheduleAddText,
  autocomplete: {
    story: storySlugSuggestions,
    timezone: (partial) =>
      timeZoneNames()
        .filter((zone) => zone.toLowerCase().includes(partial.trim().toLowerCase()))
        .slice(0, 25),
  },
  async handle({ when, timezone, channel, story, chart }, context): Promise<Reply> {
    const { scheduler, invocation, stories } = context;
    if (!scheduler) return NOT_ENABLED;
    const pinned = story?.trim().toLowerCase();
    if (pinned && !stories?.has(pinned) && pinned !== context.engine.story.slug) {
      return {
        kind: 'error',
        body: `There is no story “${neutraliseUserText(story ?? '', 60)}”. See /${context.commandName} story list.`,
        visibility: 'ephemeral',
      };
    }
    const zone = timezone?.trim() || 'UTC';
    const result = await scheduler.add({
      platform: invocation.platform,
      channelId: channelIdOf(channel) ?? invocation.channelId,
      scope: invocation.scope ?? null,
      spec: when,
      timezone: zone,
      createdBy: invocation.user.id,
      ...(pinned ? { story: pinned } : {}),
      ...(chart ? { chart: true } : {}),
    });
    if (!result.ok) return { kind: 'error', body: result.error, visibility: 'ephemeral' };
    const schedule = result.value;
    return {
      kind: 'list',
      title: `Schedule ${schedule.id} added`,
      body: `I’ll post the story summary ${describeSchedule(schedule, context)}.`,
      visibility: 'ephemeral',
    };
  },
});

export const scheduleListCommand = defineCommand({
  group: 'schedule',
  name: 'list',
  description: 'The scheduled summaries: id, channel, spec, time zone, next run, last post',
  examples: ['schedule list'],
  options: z.object({}),
  async handle(_options, context): Promise<Reply> {
    const { scheduler, invocation } = context;
    if (!scheduler) return NOT_ENABLED;
    const all = await scheduler.list(invocation.platform);
    // A server's or workspace's own schedules; in a DM, only that DM's (never other servers').
    const schedules = invocation.scope
      ? all.filter((s) => s.scope === invocation.scope)
      : all.filter((s) => s.scope === null && s.channelId === invocation.channelId);
    if (schedules.length === 0) {
      return {
        kind: 'list',
        title: 'Scheduled summaries',
        body: `There are no scheduled summaries yet. An admin can add one: /${context.commandName} schedule add daily 09:00 Europe/Berlin`,
        visibility: 'ephemeral',
      };
    }
    return {
      kind: 'list',
      title: 'Scheduled summaries',
      body: `${schedules.length} schedule${schedules.length === 1 ? '' : 's'}:`,
      items: schedules.map((s) => ({ label: s.id, text: describeSchedule(s, context) })),
      visibility: 'ephemeral',
    };
  },
});

const idOption = z.object({
  id: z.string().max(40).describe('The schedule id, as schedule list shows it'),
});

export const scheduleRemoveCommand = defineCommand({
  group: 'schedule',
  name: 'remove',
  adminOnly: true,
  description: 'Remove a scheduled summary (admins)',
  examples: ['schedule remove k3m9pq'],
  options: idOption,
  textOption: 'id',
  autocomplete: { id: idSuggestions },
  async handle({ id }, context): Promise<Reply> {
    if (!context.scheduler) return NOT_ENABLED;
    const removed = await context.scheduler.remove(context.invocation.platform, id, context.invocation.scope);
    return {
      kind: removed ? 'list' : 'error',
      body: removed
        ? `Schedule ${neutraliseUserText(id, 40)} removed.`
        : `There is no schedule “${neutraliseUserText(id, 40)}”. See /${context.commandName} schedule list.`,
      visibility: 'ephemeral',
    };
  },
});

export const scheduleTestCommand = defineCommand({
  group: 'schedule',
  name: 'test',
  adminOnly: true,
  description: 'Post a scheduled summary now, to check it works (admins)',
  examples: ['schedule test k3m9pq'],
  options: idOption,
  textOption: 'id',
  autocomplete: { id: idSuggestions },
  async handle({ id }, context): Promise<Reply> {
    if (!context.scheduler) return NOT_ENABLED;
    const result = await context.scheduler.test(context.invocation.platform, id, context.invocation.scope);
    if (!result.ok) return { kind: 'error', body: result.error, visibility: 'ephemeral' };
    return {
      kind: 'list',
      body: `Posted the summary of schedule ${result.value.id} to channel ${result.value.channelId}.`,
      visibility: 'ephemeral',
    };
  },
});
