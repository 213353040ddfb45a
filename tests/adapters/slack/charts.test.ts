import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type SlackHarness, startSlackHarness } from '../../fakes/slack-harness.ts';
import {
  appMention,
  directMessage,
  eventBody,
  eventCallback,
  postSigned,
  slashCommandBody,
  slashCommandPayload,
  TEST_CHANNEL,
} from '../../fakes/slack-requests.ts';
import { FAKE_BOT, type FakeSlackCall } from '../../fakes/slack-web-api.ts';
import { core } from '../../helpers.ts';

let h: SlackHarness;
let requestNo = 0;
const PNG = Buffer.from([137, 80, 78, 71]);

beforeAll(async () => {
  h = await startSlackHarness();
});

afterAll(async () => {
  await h?.stop();
});

beforeEach(() => {
  h.api.calls.length = 0;
});

/** Sends `/ai-news <text>` (from `channel`) and returns the answer posted to its response_url. */
async function slash(text: string, channel = TEST_CHANNEL): Promise<FakeSlackCall> {
  const id = `chart-${++requestNo}`;
  await postSigned(
    h.eventsUrl,
    slashCommandBody(slashCommandPayload(text, h.api.responseUrl(id), { channel_id: channel })),
  );
  const isAnswer = (c: FakeSlackCall) => c.responseId === id;
  await h.api.waitFor(1, isAnswer);
  return h.api.calls.find(isAnswer) as FakeSlackCall;
}

const completed = () => h.api.waitFor(1, (c) => c.method === 'files.completeUploadExternal');
const methods = () => h.api.calls.map((c) => c.method).filter((m) => m !== 'conversations.info');
/** The text of an answer's blocks, all of it. */
const blockText = (call: FakeSlackCall) => JSON.stringify(call.args.blocks);

describe('charts on Slack (real Bolt, fake Web API)', () => {
  it('answers /ai-news chart market in Block Kit, then uploads the PNG with its alt text into the channel', async () => {
    const answer = await slash('chart market');
    expect(answer.args.response_type).toBe('in_channel');
    await completed();
    // The answer first, then the external upload's three steps.
    expect(methods()).toEqual([
      'response_url',
      'files.getUploadURLExternal',
      'upload',
      'files.completeUploadExternal',
    ]);
    const [upload] = h.api.uploads;
    expect(upload?.bytes.subarray(0, 4)).toEqual(PNG);
    expect(upload?.filename).toBe('market-figures.png');
    expect(upload?.channel).toBe(TEST_CHANNEL);
    expect(upload?.title).toBe('The market shock');
    expect(upload?.altText).toContain('Nvidia shares: down 20%');
    expect(upload?.altText).toContain(core().engine.story.factsById.get('nvidia-share-dip')?.quote);
    expect(h.api.calls.find((c) => c.method === 'files.getUploadURLExternal')?.args.length).toBe(
      String(upload?.bytes.length),
    );
  });

  it('uploads a mention’s chart into the mention’s thread, after the answer', async () => {
    const mention = appMention(`<@${FAKE_BOT.userId}> timeline`, { ts: '1700000300.000300' });
    await postSigned(h.eventsUrl, eventBody(eventCallback(mention)));
    await completed();
    expect(methods()).toEqual([
      'chat.postMessage',
      'files.getUploadURLExternal',
      'upload',
      'files.completeUploadExternal',
    ]);
    expect(h.api.calls[0]?.args.thread_ts).toBe('1700000300.000300');
    expect(h.api.uploads[0]).toMatchObject({
      channel: TEST_CHANNEL,
      thread: '1700000300.000300',
      filename: 'timeline.png',
    });
  });

  it('shares the chart in a DM with the bot, where "chart market" is typed', async () => {
    await postSigned(h.eventsUrl, eventBody(eventCallback(directMessage('chart market'))));
    await completed();
    expect(h.api.uploads[0]).toMatchObject({ channel: 'D0DIRECT01', filename: 'market-figures.png' });
  });

  it('answers a private request in text, saying where to see the chart: Slack cannot share a file privately', async () => {
    const answer = await slash('private chart market');
    expect(answer.args.response_type).toBe('ephemeral');
    expect(blockText(answer)).toContain('Slack can’t share a picture with only you');
    expect(blockText(answer)).toContain('send “chart market” to the bot in a direct message');
    expect(h.api.calls.some((c) => c.method.startsWith('files.'))).toBe(false);
  });

  it('answers in text, with the note, from a channel the bot has not joined', async () => {
    const answer = await slash('topic market', 'C0NOTJOIN');
    expect(answer.args.response_type).toBe('in_channel');
    expect(blockText(answer)).toContain('the bot isn’t in this conversation');
    expect(blockText(answer)).toContain('send “chart market” to the bot in a direct message');
    expect(h.api.calls.some((c) => c.method.startsWith('files.'))).toBe(false);
  });

  it('still gives the text answer when Slack refuses the upload, and logs the missing scope', async () => {
    h.api.failNext('files.getUploadURLExternal', 'missing_scope', {
      needed: 'files:write',
      provided: 'chat:write',
    });
    const logged = h.logs.length;
    const answer = await slash('chart market');
    expect(blockText(answer)).toContain('The market shock');
    await h.api.waitFor(1, (c) => c.method === 'files.getUploadURLExternal');
    await new Promise((resolve) => setTimeout(resolve, 50));
    const warning = h.logs
      .slice(logged)
      .map((l) => JSON.parse(l) as { msg: string; missingScope?: string })
      .find((l) => l.missingScope);
    expect(warning?.missingScope).toBe('files:write');
    expect(warning?.msg).toContain('files:write');
    expect(h.api.calls.some((c) => c.method === 'files.completeUploadExternal')).toBe(false);
  });

  it('posts a scheduled summary, then its chart, into the channel', async () => {
    const chart = (
      await core().dispatcher.answer({
        platform: 'console',
        source: 'console',
        command: 'chart',
        text: 'market',
        options: {},
        user: { id: 'u' },
        channelId: 'c',
      })
    ).image;
    await h.adapter.post('C0DIGEST1', {
      kind: 'list',
      title: 'Daily summary',
      body: 'The story.',
      ...(chart ? { image: chart } : {}),
      visibility: 'channel',
    });
    await completed();
    expect(methods()).toEqual([
      'chat.postMessage',
      'files.getUploadURLExternal',
      'upload',
      'files.completeUploadExternal',
    ]);
    expect(h.api.uploads[0]).toMatchObject({ channel: 'C0DIGEST1', filename: 'market-figures.png' });
  });
});
