import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { renderReplyAsBlocks } from '../../../src/adapters/slack/render.ts';
import {
  type SlackHarness,
  startSlackHarness,
  TEST_APP_TOKEN,
  TEST_BOT_TOKEN,
} from '../../fakes/slack-harness.ts';
import {
  appMention,
  directMessage,
  eventCallback,
  slashCommandPayload,
  suggestionClick,
  TEST_CHANNEL,
  TEST_USER,
} from '../../fakes/slack-requests.ts';
import type { FakeSocketModeServer } from '../../fakes/slack-socket-mode.ts';
import { FAKE_BOT } from '../../fakes/slack-web-api.ts';
import { testDispatcher } from '../../helpers.ts';

let h: SlackHarness;
let socket: FakeSocketModeServer;
let connectCalls: { method: string; token?: string }[] = [];

beforeAll(async () => {
  h = await startSlackHarness({ socketMode: true });
  socket = h.socket as FakeSocketModeServer;
  connectCalls = h.api.calls.map(({ method, token }) => ({ method, ...(token ? { token } : {}) }));
});

afterAll(async () => {
  await h?.stop();
});

beforeEach(() => {
  h.api.calls.length = 0;
  h.handled.length = 0;
});

async function rendered(text: string, command = '') {
  const reply = await testDispatcher().answer({
    platform: 'slack',
    source: 'slash',
    command,
    text,
    options: {},
    user: { id: TEST_USER, isAdmin: false },
    channelId: TEST_CHANNEL,
  });
  return renderReplyAsBlocks(reply);
}

describe('Socket Mode (real Bolt against a fake socket server)', () => {
  it('checks the bot token, then opens the socket with the app-level token', () => {
    expect(connectCalls).toEqual([
      { method: 'auth.test', token: TEST_BOT_TOKEN },
      { method: 'apps.connections.open', token: TEST_APP_TOKEN },
    ]);
    expect(h.adapter.mode).toBe('socket');
    expect(h.adapter.port).toBeUndefined();
    expect(h.adapter.isConnected()).toBe(true);
  });

  it('acks a slash command envelope with an empty payload, then answers through the response_url', async () => {
    const envelope = socket.send(
      'slash_commands',
      slashCommandPayload('topic bans', h.api.responseUrl('socket-slash')),
    );
    expect(await socket.waitForAck(envelope)).toEqual({ envelope_id: envelope, payload: {} });
    await h.api.waitFor(1, (c) => c.responseId === 'socket-slash');
    expect(h.api.posts[0]?.args).toEqual({ response_type: 'in_channel', ...(await rendered('topic bans')) });
  });

  it('answers `private` ephemerally', async () => {
    const envelope = socket.send(
      'slash_commands',
      slashCommandPayload('private did congress block deepseek', h.api.responseUrl('socket-private')),
    );
    await socket.waitForAck(envelope);
    await h.api.waitFor(1, (c) => c.responseId === 'socket-private');
    expect(h.api.posts[0]?.args.response_type).toBe('ephemeral');
  });

  it('answers a mention in its thread', async () => {
    const event = appMention(`<@${FAKE_BOT.userId}> did congress block deepseek`, {
      thread_ts: '1699999999.000009',
    });
    const envelope = socket.send('events_api', eventCallback(event));
    await socket.waitForAck(envelope);
    await h.api.waitForPosts(1);
    expect(h.api.posts[0]).toMatchObject({
      method: 'chat.postMessage',
      token: TEST_BOT_TOKEN,
      args: {
        channel: TEST_CHANNEL,
        thread_ts: '1699999999.000009',
        ...(await rendered('did congress block deepseek')),
      },
    });
  });

  it('answers a direct message and ignores the bot’s own', async () => {
    socket.send(
      'events_api',
      eventCallback(directMessage('summary', { user: FAKE_BOT.userId, bot_id: FAKE_BOT.botId })),
    );
    socket.send('events_api', eventCallback(directMessage('who yan qiao')));
    await h.api.waitForPosts(1);
    expect(h.handled.map((i) => i.text)).toEqual(['who yan qiao']);
    expect(h.api.posts[0]?.args).toMatchObject({
      channel: 'D0DIRECT01',
      ...(await rendered('who yan qiao')),
    });
  });

  it('acks a button click and answers the clicked question', async () => {
    const envelope = socket.send(
      'interactive',
      suggestionClick('Who has banned DeepSeek?', h.api.responseUrl('socket-click')),
    );
    await socket.waitForAck(envelope);
    await h.api.waitFor(1, (c) => c.responseId === 'socket-click');
    expect(h.api.posts[0]?.args).toEqual({
      response_type: 'in_channel',
      replace_original: false,
      ...(await rendered('Who has banned DeepSeek?', 'ask')),
    });
  });

  it('drops malformed frames and envelopes without crashing, and keeps answering', async () => {
    socket.sendRaw('{not json');
    // Fails inside the Socket Mode client itself, before there is anything to ack: logged and dropped.
    socket.send('events_api', { type: 'event_callback', event: null });
    // Fails in Bolt: acked so that Slack does not redeliver it.
    const nullPayload = socket.send('interactive', null);
    await socket.waitForAck(nullPayload);
    const envelope = socket.send(
      'slash_commands',
      slashCommandPayload('summary', h.api.responseUrl('after-bad')),
    );
    await socket.waitForAck(envelope);
    await h.api.waitFor(1, (c) => c.responseId === 'after-bad');
    expect(h.handled.map((i) => i.text)).toEqual(['summary']);
    expect(h.logs.some((l) => l.includes('malformed Socket Mode frame ignored'))).toBe(true);
    expect(h.logs.some((l) => l.includes('malformed Slack payload ignored'))).toBe(true);
  });
});

describe('Socket Mode reconnects', () => {
  it('reconnects when Slack recycles the connection, and keeps answering', async () => {
    const before = socket.connectionCount;
    socket.requestReconnect();
    // The client waits its reconnect delay (5 s), then asks for a new URL and connects again.
    await socket.waitForConnection(before + 1);
    expect(h.api.calls.filter((c) => c.method === 'apps.connections.open')).toHaveLength(1);
    const envelope = socket.send(
      'slash_commands',
      slashCommandPayload('summary', h.api.responseUrl('after-reconnect')),
    );
    // Frames are read in order: once this is acked, the new connection's hello has been handled.
    await socket.waitForAck(envelope);
    expect(h.reconnects()).toBe(1);
    expect(h.adapter.isConnected()).toBe(true);
    await h.api.waitFor(1, (c) => c.responseId === 'after-reconnect');
  });
});

describe('Socket Mode shutdown', () => {
  it('closes the socket on stop and reports itself disconnected', async () => {
    await h.adapter.stop();
    await socket.waitForClose();
    expect(socket.isConnected).toBe(false);
    expect(h.adapter.isConnected()).toBe(false);
  });
});

describe('Socket Mode stop during a reconnect', () => {
  it('waits for the reconnect, then closes, leaving no unhandled rejection behind', async () => {
    const other = await startSlackHarness({ socketMode: true });
    try {
      const fake = other.socket as FakeSocketModeServer;
      fake.requestReconnect();
      // Stop just as the new connection opens, while the client's own start() is still pending.
      await fake.waitForConnection(2);
      await other.adapter.stop();
      await fake.waitForClose();
      expect(other.adapter.isConnected()).toBe(false);
    } finally {
      await other.stop();
    }
  });
});
