import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { renderReplyAsBlocks } from '../../../src/adapters/slack/render.ts';
import type { Invocation } from '../../../src/core/invocation.ts';
import { type SlackHarness, startSlackHarness, TEST_BOT_TOKEN } from '../../fakes/slack-harness.ts';
import {
  appMention,
  directMessage,
  eventBody,
  eventCallback,
  interactionBody,
  postSigned,
  slashCommandBody,
  slashCommandPayload,
  suggestionClick,
  TEST_CHANNEL,
  TEST_USER,
} from '../../fakes/slack-requests.ts';
import { FAKE_BOT, type FakeSlackCall } from '../../fakes/slack-web-api.ts';
import { testDispatcher } from '../../helpers.ts';

let h: SlackHarness;
let requestNo = 0;

beforeAll(async () => {
  h = await startSlackHarness();
});

afterAll(async () => {
  await h?.stop();
});

beforeEach(() => {
  h.api.calls.length = 0;
  h.handled.length = 0;
});

/** Sends a signed `/ai-news <text>` and returns the HTTP ack and the answer posted to its response_url. */
async function slash(
  text: string,
): Promise<{ ack: { status: number; text: string }; answer: FakeSlackCall }> {
  const id = `slash-${++requestNo}`;
  const ack = await postSigned(
    h.eventsUrl,
    slashCommandBody(slashCommandPayload(text, h.api.responseUrl(id))),
  );
  const isAnswer = (c: FakeSlackCall) => c.responseId === id;
  await h.api.waitFor(1, isAnswer);
  return { ack, answer: h.api.calls.find(isAnswer) as FakeSlackCall };
}

/** What the adapter should post for an invocation: the core's reply, rendered. */
async function expectedMessage(overrides: Partial<Invocation>) {
  const reply = await testDispatcher().answer({
    platform: 'slack',
    source: 'slash',
    command: '',
    text: '',
    options: {},
    user: { id: TEST_USER, isAdmin: false },
    channelId: TEST_CHANNEL,
    ...overrides,
  });
  return { reply, message: renderReplyAsBlocks(reply) };
}

/** Sends an event that must be ignored, then one that must be answered, and returns every post. */
async function postsAfterIgnored(ignored: Record<string, unknown>): Promise<FakeSlackCall[]> {
  const ack = await postSigned(h.eventsUrl, eventBody(eventCallback(ignored)));
  expect(ack.status).toBe(200);
  // Events are handled in arrival order; once the sentinel is answered, the ignored one was seen.
  await postSigned(h.eventsUrl, eventBody(eventCallback(appMention(`<@${FAKE_BOT.userId}> summary`))));
  await h.api.waitForPosts(1);
  return h.api.posts;
}

describe('/ai-news over HTTP (real Bolt, signed requests, fake Web API)', () => {
  it('acks with an empty 200, then posts the answer in the channel through the response_url', async () => {
    const { ack, answer } = await slash('ask did congress block deepseek');
    expect(ack).toEqual({ status: 200, text: '' });
    expect(answer.args).toEqual({
      response_type: 'in_channel',
      text:
        'did congress block deepseek\n' +
        'Yes — the U.S. bodies blocking DeepSeek include the U.S. Navy, Congress, the Pentagon and NASA.\n' +
        '“The U.S. Navy, Congress, the Pentagon, and NASA” — Alibaba Denies $1 Billion Investment in DeepSeek as AI Rivalry Heats Up',
      blocks: [
        {
          type: 'section',
          text: {
            type: 'mrkdwn',
            text:
              '*did congress block deepseek*\n' +
              'Yes — the U.S. bodies blocking DeepSeek include the U.S. Navy, Congress, the Pentagon and NASA.',
          },
        },
        {
          type: 'context',
          elements: [
            { type: 'mrkdwn', text: '“The U.S. Navy, Congress, the Pentagon, and NASA”' },
            {
              type: 'mrkdwn',
              text: 'From *Alibaba Denies $1 Billion Investment in DeepSeek as AI Rivalry Heats Up*',
            },
          ],
        },
        { type: 'context', elements: [{ type: 'mrkdwn', text: 'Related questions:' }] },
        {
          type: 'actions',
          block_id: 'ai-news-suggestions',
          elements: [
            {
              type: 'button',
              action_id: 'ai-news-suggestion-0',
              text: { type: 'plain_text', text: 'Who has banned DeepSeek?', emoji: true },
              value: 'Who has banned DeepSeek?',
            },
            {
              type: 'button',
              action_id: 'ai-news-suggestion-1',
              text: { type: 'plain_text', text: 'Why is DeepSeek being banned?', emoji: true },
              value: 'Why is DeepSeek being banned?',
            },
            {
              type: 'button',
              action_id: 'ai-news-suggestion-2',
              text: { type: 'plain_text', text: 'Has the EU banned DeepSeek?', emoji: true },
              value: 'Has the EU banned DeepSeek?',
            },
          ],
        },
        {
          type: 'actions',
          block_id: 'ai-news-feedback',
          elements: [
            {
              type: 'button',
              action_id: 'ai-news-feedback-up',
              text: { type: 'plain_text', text: '👍', emoji: true },
              value: 'us-bodies-blocking',
            },
            {
              type: 'button',
              action_id: 'ai-news-feedback-down',
              text: { type: 'plain_text', text: '👎', emoji: true },
              value: 'us-bodies-blocking',
            },
          ],
        },
      ],
    });
    expect(h.handled).toEqual([
      {
        platform: 'slack',
        source: 'slash',
        command: '',
        text: 'ask did congress block deepseek',
        options: {},
        user: { id: TEST_USER, name: 'ada', isAdmin: false },
        channelId: TEST_CHANNEL,
        scope: 'T0000001',
      },
    ]);
  });

  it('retries an answer the response_url did not take (503), and posts it once', async () => {
    const id = `slash-${++requestNo}`;
    h.api.failResponseUrl(id, 503);
    const ack = await postSigned(
      h.eventsUrl,
      slashCommandBody(slashCommandPayload('ask did alibaba invest in deepseek', h.api.responseUrl(id))),
    );
    expect(ack.status).toBe(200);
    const isTry = (c: FakeSlackCall) => c.responseId === id;
    await h.api.waitFor(2, isTry);
    const tries = h.api.calls.filter(isTry);
    expect(tries).toHaveLength(2);
    expect(tries[1]?.args).toEqual(tries[0]?.args);
    expect(tries[1]?.args).toMatchObject({ text: expect.stringMatching(/Alibaba/) });
  });

  it('posts the answer in the channel when the response_url refuses it three times', async () => {
    const id = `slash-${++requestNo}`;
    h.api.failResponseUrl(id, 500, 502, 500);
    await postSigned(
      h.eventsUrl,
      slashCommandBody(slashCommandPayload('ask did alibaba invest in deepseek', h.api.responseUrl(id))),
    );
    const isPost = (c: FakeSlackCall) => c.method === 'chat.postMessage';
    await h.api.waitFor(1, isPost);
    expect(h.api.calls.filter((c) => c.responseId === id)).toHaveLength(3);
    expect(h.api.calls.filter(isPost)).toHaveLength(1);
    expect(h.api.calls.find(isPost)?.args).toMatchObject({
      channel: TEST_CHANNEL,
      text: expect.stringMatching(/Alibaba/),
    });
  });

  it('treats a bare question as ask', async () => {
    const { answer } = await slash('did congress block deepseek');
    const { message } = await expectedMessage({ text: 'did congress block deepseek' });
    expect(answer.args).toEqual({ response_type: 'in_channel', ...message });
    expect(answer.args.text).toContain('Yes — the U.S. bodies blocking DeepSeek');
  });

  it.each([
    [
      'summary',
      'in_channel',
      '*Summary: Alibaba Denies $1 Billion Investment in DeepSeek as AI Rivalry Heats Up*',
    ],
    [
      'topic bans',
      'in_channel',
      '*Bans on DeepSeek*\nThe governments and organisations blocking DeepSeek, and why.',
    ],
    ['who yan qiao', 'in_channel', '*Yan Qiao*\nYan Qiao: Alibaba Vice President.'],
    ['help', 'ephemeral', '*ai-news — questions about one news story*'],
  ])('/ai-news %s → %s, exactly the rendered reply', async (text, responseType, head) => {
    const { ack, answer } = await slash(text);
    expect(ack.status).toBe(200);
    const { message } = await expectedMessage({ text });
    expect(answer.args).toEqual({ response_type: responseType, ...message });
    const first = message.blocks[0];
    expect(first?.type === 'section' && first.text?.text.startsWith(head)).toBe(true);
  });

  it('answers ephemerally with `private`', async () => {
    const { answer } = await slash('private did congress block deepseek');
    const { reply, message } = await expectedMessage({ text: 'private did congress block deepseek' });
    expect(reply.visibility).toBe('ephemeral');
    expect(answer.args).toEqual({ response_type: 'ephemeral', ...message });
    expect(h.api.posts).toHaveLength(1); // nothing in the channel
  });

  it('never echoes <!channel>, <!here>, @here or <@U…> from a question', async () => {
    // Slack sends broadcasts and mentions typed in a command as its own markup.
    const { answer } = await slash(
      'did <!channel> and <@U123|bob> hear <!here> @here about deepseek bans &amp; congress',
    );
    const json = JSON.stringify(answer.args);
    for (const forbidden of ['<!channel>', '<!here>', '<@U123', '@here'])
      expect(json).not.toContain(forbidden);
    expect(answer.args.text).toMatch(/&lt;\u200B?!channel&gt;/);
  });

  it('answers an over-long question with an ephemeral error', async () => {
    const { answer } = await slash(`ask ${'why '.repeat(200)}`);
    expect(answer.args.response_type).toBe('ephemeral');
    expect(String(answer.args.text)).toMatch(/^That question is \d+ characters long/);
  });
});

describe('mentions and direct messages over HTTP', () => {
  it('answers a mention in the thread it was written in, with the bot token', async () => {
    const event = appMention(`<@${FAKE_BOT.userId}> who is yan qiao`, { thread_ts: '1699999999.000001' });
    const ack = await postSigned(h.eventsUrl, eventBody(eventCallback(event)));
    expect(ack).toEqual({ status: 200, text: '' });
    await h.api.waitForPosts(1);
    const [post] = h.api.posts;
    const { message } = await expectedMessage({ text: 'who is yan qiao' });
    expect(post?.method).toBe('chat.postMessage');
    expect(post?.token).toBe(TEST_BOT_TOKEN);
    expect(post?.args).toEqual({
      team_id: 'T0000001',
      channel: TEST_CHANNEL,
      thread_ts: '1699999999.000001',
      ...message,
    });
    expect(h.handled[0]).toMatchObject({
      source: 'mention',
      text: 'who is yan qiao',
      threadId: '1699999999.000001',
    });
  });

  it('starts a thread on a top-level mention', async () => {
    await postSigned(h.eventsUrl, eventBody(eventCallback(appMention(`<@${FAKE_BOT.userId}> topic bans`))));
    await h.api.waitForPosts(1);
    expect(h.api.posts[0]?.args.thread_ts).toBe('1700000100.000100');
  });

  it('answers an ephemeral reply to a mention only to its author, in the thread', async () => {
    await postSigned(h.eventsUrl, eventBody(eventCallback(appMention(`<@${FAKE_BOT.userId}> help`))));
    await h.api.waitForPosts(1);
    const [post] = h.api.posts;
    expect(post?.method).toBe('chat.postEphemeral');
    expect(post?.args).toMatchObject({
      channel: TEST_CHANNEL,
      user: TEST_USER,
      thread_ts: '1700000100.000100',
    });
  });

  it('escapes broadcasts and mentions in a mention’s question', async () => {
    const text = `<@${FAKE_BOT.userId}> <!channel> did <@U123> say congress banned deepseek <!here>`;
    await postSigned(h.eventsUrl, eventBody(eventCallback(appMention(text))));
    await h.api.waitForPosts(1);
    const json = JSON.stringify(h.api.posts[0]?.args);
    for (const forbidden of ['<!channel>', '<!here>', '<@U123>']) expect(json).not.toContain(forbidden);
  });

  it('answers a direct message directly', async () => {
    const ack = await postSigned(
      h.eventsUrl,
      eventBody(eventCallback(directMessage('did congress block deepseek'))),
    );
    expect(ack.status).toBe(200);
    await h.api.waitForPosts(1);
    const { message } = await expectedMessage({ text: 'did congress block deepseek' });
    expect(h.api.posts[0]).toMatchObject({
      method: 'chat.postMessage',
      args: { team_id: 'T0000001', channel: 'D0DIRECT01', ...message },
    });
    expect(h.api.posts[0]?.args).not.toHaveProperty('thread_ts');
    expect(h.handled[0]?.source).toBe('dm');
  });

  it.each([
    ['a mention by another bot', appMention(`<@${FAKE_BOT.userId}> summary`, { bot_id: 'B0OTHER' })],
    ['its own message', appMention(`<@${FAKE_BOT.userId}> summary`, { user: FAKE_BOT.userId })],
    ['a bot_message in a DM', directMessage('summary', { subtype: 'bot_message', bot_id: FAKE_BOT.botId })],
    ['its own DM reply', directMessage('summary', { user: FAKE_BOT.userId, bot_id: FAKE_BOT.botId })],
    ['an edited DM', directMessage('summary', { subtype: 'message_changed' })],
    ['a mention without a channel', { type: 'app_mention', user: TEST_USER, text: 'summary', ts: '1.2' }],
  ])('ignores %s', async (_what, event) => {
    const posts = await postsAfterIgnored(event);
    expect(posts).toHaveLength(1);
    expect(h.handled).toHaveLength(1);
    expect(h.handled[0]?.text).toBe('summary');
    expect(h.handled[0]?.channelId).toBe(TEST_CHANNEL);
  });

  it('answers an event Slack redelivers only once', async () => {
    const envelope = eventCallback(appMention(`<@${FAKE_BOT.userId}> who is yan qiao`), 'EvRepeated1');
    await postSigned(h.eventsUrl, eventBody(envelope));
    await postSigned(h.eventsUrl, eventBody(envelope));
    await postSigned(h.eventsUrl, eventBody(eventCallback(appMention(`<@${FAKE_BOT.userId}> summary`))));
    await h.api.waitForPosts(2);
    // Handed to the core twice, with the same event id; answered once.
    expect(h.handled.map((i) => [i.text, i.eventId])).toEqual([
      ['who is yan qiao', 'EvRepeated1'],
      ['who is yan qiao', 'EvRepeated1'],
      ['summary', expect.any(String)],
    ]);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(h.api.posts.map((p) => p.args.text)).toEqual([
      expect.stringMatching(/^Yan Qiao/),
      expect.stringMatching(/^Summary: /),
    ]);
  });

  it('survives a failing Web API call and keeps answering', async () => {
    h.api.failNext('chat.postMessage', 'not_in_channel');
    await postSigned(h.eventsUrl, eventBody(eventCallback(appMention(`<@${FAKE_BOT.userId}> summary`))));
    await h.api.waitForPosts(1);
    // The answer could not be posted: the asker is told so, privately.
    await h.api.waitFor(1, (c) => c.method === 'chat.postEphemeral');
    expect(h.api.calls.find((c) => c.method === 'chat.postEphemeral')?.args.text).toMatch(
      /^Sorry — something went wrong while answering that/,
    );
    await postSigned(h.eventsUrl, eventBody(eventCallback(appMention(`<@${FAKE_BOT.userId}> who yan qiao`))));
    await h.api.waitFor(1, (c) => c.method === 'chat.postMessage' && /^Yan Qiao/.test(String(c.args.text)));
    expect(h.logs.some((l) => l.includes('reply not delivered') && l.includes('not_in_channel'))).toBe(true);
  });
});

describe('suggestion buttons over HTTP', () => {
  it('asks the clicked question and answers in the same channel as a new message', async () => {
    const id = `click-${++requestNo}`;
    const ack = await postSigned(
      h.eventsUrl,
      interactionBody(suggestionClick('Who has banned DeepSeek?', h.api.responseUrl(id))),
    );
    expect(ack).toEqual({ status: 200, text: '' });
    await h.api.waitFor(1, (c) => c.responseId === id);
    const { message } = await expectedMessage({ command: 'ask', text: 'Who has banned DeepSeek?' });
    expect(h.api.posts[0]?.args).toEqual({
      response_type: 'in_channel',
      replace_original: false,
      ...message,
    });
    expect(h.handled[0]).toMatchObject({
      source: 'button',
      command: 'ask',
      text: 'Who has banned DeepSeek?',
    });
  });

  it('answers a click in a thread in that thread, and a click on a private message privately', async () => {
    const id = `click-${++requestNo}`;
    const click = suggestionClick('Which countries have banned DeepSeek?', h.api.responseUrl(id), {
      thread_ts: '1700000100.000100',
      is_ephemeral: true,
    });
    await postSigned(h.eventsUrl, interactionBody(click));
    await h.api.waitFor(1, (c) => c.responseId === id);
    expect(h.api.posts[0]?.args).toMatchObject({
      response_type: 'ephemeral',
      replace_original: false,
      thread_ts: '1700000100.000100',
    });
  });

  it('a 👍 on an answer is routed as feedback and thanked privately', async () => {
    const { answer } = await slash('did congress block deepseek');
    const feedback = (
      answer.args.blocks as { block_id?: string; elements?: { action_id: string; value: string }[] }[]
    ).find((b) => b.block_id === 'ai-news-feedback');
    const up = feedback?.elements?.[0];
    expect(up).toMatchObject({ action_id: 'ai-news-feedback-up', value: 'us-bodies-blocking' });
    h.handled.length = 0;
    const id = `click-${++requestNo}`;
    const click = suggestionClick(up?.value ?? '', h.api.responseUrl(id));
    const [action] = click.actions as Record<string, unknown>[];
    await postSigned(
      h.eventsUrl,
      interactionBody({ ...click, actions: [{ ...action, action_id: 'ai-news-feedback-up' }] }),
    );
    await h.api.waitFor(1, (c) => c.responseId === id);
    expect(h.handled[0]).toMatchObject({
      command: 'feedback',
      options: { fact: 'us-bodies-blocking', vote: 'up' },
    });
    const posted = h.api.calls.find((c) => c.responseId === id);
    expect(posted?.args.response_type).toBe('ephemeral');
    expect(String(posted?.args.text)).toContain('Thanks — glad that helped.');
  });

  it('a button rendered by the adapter, clicked, asks exactly its question', async () => {
    const { answer } = await slash('did congress block deepseek');
    const actions = (answer.args.blocks as { type: string; elements?: { value: string }[] }[]).find(
      (b) => b.type === 'actions',
    );
    const value = actions?.elements?.[2]?.value ?? '';
    h.handled.length = 0;
    const id = `click-${++requestNo}`;
    await postSigned(h.eventsUrl, interactionBody(suggestionClick(value, h.api.responseUrl(id))));
    await h.api.waitFor(1, (c) => c.responseId === id);
    expect(h.handled[0]?.text).toBe('Has the EU banned DeepSeek?');
    const posted = h.api.calls.find((c) => c.responseId === id);
    expect(String(posted?.args.text)).toContain('several European Union nations are currently reviewing');
  });
});

describe('post() for the scheduler', () => {
  it('posts a rendered reply to a channel with chat.postMessage', async () => {
    const reply = await testDispatcher().answer({
      platform: 'slack',
      source: 'schedule',
      command: 'summary',
      text: '',
      options: {},
      user: { id: 'scheduler', isAdmin: true },
      channelId: 'C0DIGEST1',
    });
    await h.adapter.post('C0DIGEST1', reply);
    expect(h.api.posts).toHaveLength(1);
    expect(h.api.posts[0]).toMatchObject({
      method: 'chat.postMessage',
      token: TEST_BOT_TOKEN,
      args: { channel: 'C0DIGEST1', ...renderReplyAsBlocks(reply) },
    });
  });

  it('reports itself connected while started, and never logs its secrets', () => {
    expect(h.adapter.isConnected()).toBe(true);
    expect(h.adapter.mode).toBe('http');
    const logs = h.logs.join('\n');
    expect(logs).not.toContain(TEST_BOT_TOKEN);
    expect(logs).not.toContain('test-signing-secret');
  });
});
