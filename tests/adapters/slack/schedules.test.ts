import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { renderReplyAsBlocks } from '../../../src/adapters/slack/render.ts';
import { PostError } from '../../../src/core/platform.ts';
import { summaryReply } from '../../../src/core/summary.ts';
import type { Scheduler } from '../../../src/scheduler/scheduler.ts';
import { formatDayInZone } from '../../../src/scheduler/spec.ts';
import { DbScheduleStore } from '../../../src/scheduler/store.ts';
import { type SlackHarness, startSlackHarness, WORKSPACE_ADMIN } from '../../fakes/slack-harness.ts';
import { postSigned, slashCommandBody, slashCommandPayload, TEST_USER } from '../../fakes/slack-requests.ts';
import type { FakeSlackCall } from '../../fakes/slack-web-api.ts';
import { schedulingCore, core as sharedCore } from '../../helpers.ts';

const { engine } = sharedCore();

const LISTED_ADMIN = 'U0LISTED1';

let h: SlackHarness;
let dir: string;
let store: DbScheduleStore;
let scheduler: Scheduler;
let requestNo = 0;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ai-news-slack-schedules-'));
  store = new DbScheduleStore(join(dir, 'bot.db'));
  const core = schedulingCore({ store, retry: { attempts: 1, baseDelayMs: 0 } });
  scheduler = core.scheduler;
  h = await startSlackHarness({ dispatcher: core.dispatcher, adminUserIds: [LISTED_ADMIN] });
  core.dispatcher.attach(h.adapter);
});

afterAll(async () => {
  await h?.stop();
  await store?.close();
  rmSync(dir, { recursive: true, force: true });
});

beforeEach(() => {
  h.api.calls.length = 0;
  h.handled.length = 0;
});

/** `/ai-news <text>` from `user`; resolves with the answer posted to its response_url. */
async function slash(text: string, user = TEST_USER): Promise<FakeSlackCall> {
  const id = `schedule-${++requestNo}`;
  const fields = slashCommandPayload(text, h.api.responseUrl(id), { user_id: user });
  const ack = await postSigned(h.eventsUrl, slashCommandBody(fields));
  expect(ack.status).toBe(200);
  await h.api.waitFor(1, (c) => c.responseId === id);
  return h.api.calls.find((c) => c.responseId === id) as FakeSlackCall;
}

const usersInfoCalls = () => h.api.calls.filter((c) => c.method === 'users.info');

describe('admin-only commands on Slack', () => {
  it('refuses a member who is not an admin, after asking Slack about their role', async () => {
    const answer = await slash('schedule add daily 09:00');
    expect(answer.args.response_type).toBe('ephemeral');
    expect(String(answer.args.text)).toMatch(/^Only admins can use \/ai-news schedule add/);
    expect(usersInfoCalls().map((c) => c.args.user)).toEqual([TEST_USER]);
    expect(h.handled[0]?.user.isAdmin).toBe(false);
  });

  it('asks Slack nothing for ordinary questions', async () => {
    await slash('did congress block deepseek');
    await slash('schedule list');
    expect(usersInfoCalls()).toEqual([]);
  });

  it('lets a workspace admin add a schedule for a channel given as #channel, checking the bot can post there', async () => {
    // With should_escape, Slack sends "#digest" as <#C0DIGEST1|digest>.
    const answer = await slash('schedule add daily 09:00 Europe/Berlin <#C0DIGEST1|digest>', WORKSPACE_ADMIN);
    expect(String(answer.args.text)).toMatch(/^Schedule \w+ added\n/);
    expect(h.api.calls.filter((c) => c.method === 'conversations.info').map((c) => c.args.channel)).toEqual([
      'C0DIGEST1',
    ]);
    const [schedule] = await scheduler.list('slack');
    expect(schedule).toMatchObject({ channelId: 'C0DIGEST1', scope: 'T0000001', createdBy: WORKSPACE_ADMIN });
  });

  it('posts the summary when an admin listed in SLACK_ADMIN_USER_IDS tests a schedule, without asking Slack', async () => {
    const [schedule] = await scheduler.list('slack');
    const answer = await slash(`schedule test ${schedule?.id}`, LISTED_ADMIN);
    expect(answer.args.text).toBe(`Posted the summary of schedule ${schedule?.id} to channel C0DIGEST1.`);
    expect(usersInfoCalls()).toEqual([]);
    const post = h.api.calls.find((c) => c.method === 'chat.postMessage');
    expect(post?.args).toEqual({
      channel: 'C0DIGEST1',
      ...renderReplyAsBlocks(
        summaryReply(
          engine,
          `${formatDayInZone(new Date(), schedule?.timezone ?? 'UTC')} — ${engine.story.title}`,
        ),
      ),
    });
  });

  it.each([
    ['C0NOTJOIN', 'the bot is not in that channel; invite it with /invite, then try again'],
    ['C0ARCHIVE', 'the channel is archived'],
    ['C0MISSING', 'there is no such channel, or the bot cannot see it'],
  ])('refuses a schedule for %s: %s', async (channel, reason) => {
    const answer = await slash(`schedule add daily 09:00 <#${channel}|x>`, WORKSPACE_ADMIN);
    expect(answer.args.text).toBe(`I can’t post to that channel: ${reason}.`);
  });
});

describe('post() failures for the scheduler', () => {
  it('throws a permanent PostError when Slack refuses the post', async () => {
    h.api.failNext('chat.postMessage', 'not_in_channel');
    const reply = { kind: 'list' as const, body: 'x', visibility: 'channel' as const };
    const failure = await h.adapter.post('C0CHAN001', reply).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(PostError);
    expect(failure).toMatchObject({
      permanent: true,
      message: 'Slack refused the post to C0CHAN001: not_in_channel',
    });
  });
});
