import { describe, expect, it } from 'vitest';
import {
  buttonActionToInvocation,
  decodeSlackText,
  directMessageToInvocation,
  mentionToInvocation,
  slashCommandToInvocation,
  stripBotMention,
  type Translation,
} from '../../../src/adapters/slack/to-invocation.ts';
import type { Invocation } from '../../../src/core/invocation.ts';
import { resolveInvocation } from '../../../src/core/router.ts';
import {
  appMention,
  directMessage,
  slashCommandPayload,
  suggestionClick,
  TEST_CHANNEL,
  TEST_USER,
} from '../../fakes/slack-requests.ts';
import { core } from '../../helpers.ts';

const BOT = 'UBOT0001';
const CONTEXT = { botUserId: BOT, teamId: 'T0000001' };

function invocationOf(translation: Translation): Invocation {
  if (!translation.ok) throw new Error(`not translated: ${translation.reason}`);
  return translation.invocation;
}

function resolved(translation: Translation) {
  const { router } = core();
  const { name, options } = resolveInvocation(invocationOf(translation), router.commands, router.engine);
  return { name, options };
}

describe('slash commands', () => {
  const slash = (text: string) => slashCommandToInvocation(slashCommandPayload(text, 'http://127.0.0.1:1/r'));

  it('passes the command text to the router as free text, with who and where', () => {
    expect(invocationOf(slash('summary'))).toEqual({
      platform: 'slack',
      source: 'slash',
      command: '',
      text: 'summary',
      options: {},
      user: { id: TEST_USER, name: 'ada', isAdmin: false },
      channelId: TEST_CHANNEL,
      scope: 'T0000001',
    });
  });

  it.each([
    ['ask did congress block deepseek', 'ask', { question: 'did congress block deepseek' }],
    ['did congress block deepseek', 'ask', { question: 'did congress block deepseek' }],
    ['summary', 'summary', {}],
    ['topic bans', 'topic', { name: 'bans' }],
    ['who yan qiao', 'who', { name: 'yan qiao' }],
    ['help', 'help', {}],
    ['', 'ask', { question: '' }],
    [
      'private did congress block deepseek',
      'ask',
      { private: true, question: 'did congress block deepseek' },
    ],
    ['private summary', 'summary', { private: true }],
  ])('"/ai-news %s" resolves to %s %o', (text, name, options) => {
    expect(resolved(slash(text))).toEqual({ name, options });
  });

  it('undoes Slack’s entity escaping, so the router sees what was typed', () => {
    expect(invocationOf(slash('is AT&amp;T &lt;b&gt; in it')).text).toBe('is AT&T <b> in it');
    expect(decodeSlackText('&amp;lt;')).toBe('&lt;');
  });

  it.each([
    ['no user', { user_id: undefined }],
    ['empty channel', { channel_id: '' }],
    ['a number for text', { text: 42 }],
  ])('rejects a payload with %s', (_what, overrides) => {
    const payload = { ...slashCommandPayload('summary', 'http://127.0.0.1:1/r'), ...overrides };
    const translation = slashCommandToInvocation(payload);
    expect(translation.ok).toBe(false);
  });

  it.each([null, 'text', 42, []])('rejects %o', (payload) => {
    expect(slashCommandToInvocation(payload).ok).toBe(false);
  });
});

describe('mentions', () => {
  it('strips the bot’s mention and answers in a new thread on the mention', () => {
    expect(invocationOf(mentionToInvocation(appMention(`<@${BOT}> who is yan qiao`), CONTEXT))).toEqual({
      platform: 'slack',
      source: 'mention',
      command: '',
      text: 'who is yan qiao',
      options: {},
      user: { id: TEST_USER, isAdmin: false },
      channelId: TEST_CHANNEL,
      threadId: '1700000100.000100',
      scope: 'T0000001',
    });
  });

  it('answers in the existing thread when the mention is in one', () => {
    const event = appMention(`<@${BOT}|ai-news> topic bans`, { thread_ts: '1699999999.000001' });
    const invocation = invocationOf(mentionToInvocation(event, CONTEXT));
    expect(invocation.threadId).toBe('1699999999.000001');
    expect(invocation.text).toBe('topic bans');
  });

  it('keeps other people’s mentions in the text (the renderer escapes them)', () => {
    expect(stripBotMention(`hey <@${BOT}> ask <@U123> and <!here>`, BOT)).toBe('hey ask <@U123> and <!here>');
    expect(stripBotMention('<@UOTHER> summary', undefined)).toBe('summary');
  });

  it.each([
    ['from a bot', { bot_id: 'B999' }],
    ['a bot_message', { subtype: 'bot_message', user: undefined }],
    ['from this bot', { user: BOT }],
    ['an edit', { subtype: 'message_changed' }],
    ['without a user', { user: undefined }],
  ])('ignores a mention %s', (_what, extra) => {
    const translation = mentionToInvocation(appMention(`<@${BOT}> summary`, extra), CONTEXT);
    expect(translation.ok).toBe(false);
  });

  it.each([null, { type: 'app_mention' }, appMention('x', { channel: 5 })])(
    'rejects a malformed mention %o',
    (event) => {
      expect(mentionToInvocation(event, CONTEXT).ok).toBe(false);
    },
  );
});

describe('direct messages', () => {
  it('answers a DM directly, not in a thread', () => {
    const invocation = invocationOf(
      directMessageToInvocation(directMessage('did congress block deepseek'), CONTEXT),
    );
    expect(invocation).toEqual({
      platform: 'slack',
      source: 'dm',
      command: '',
      text: 'did congress block deepseek',
      options: {},
      user: { id: TEST_USER, isAdmin: false },
      channelId: 'D0DIRECT01',
      scope: 'T0000001',
    });
  });

  it('answers a DM thread reply in its thread', () => {
    const event = directMessage('summary', { thread_ts: '1700000150.000001' });
    expect(invocationOf(directMessageToInvocation(event, CONTEXT)).threadId).toBe('1700000150.000001');
  });

  it.each([
    ['in a channel', { channel_type: 'channel' }],
    ['from a bot', { bot_id: 'B999' }],
    ['from this bot', { user: BOT }],
    ['a deletion', { subtype: 'message_deleted' }],
  ])('ignores a message %s', (_what, extra) => {
    expect(directMessageToInvocation(directMessage('summary', extra), CONTEXT).ok).toBe(false);
  });
});

describe('suggestion buttons', () => {
  it('asks the button’s question in the same channel', () => {
    const translation = buttonActionToInvocation(
      suggestionClick('Who has banned DeepSeek?', 'http://127.0.0.1:1/r'),
    );
    expect(invocationOf(translation)).toEqual({
      platform: 'slack',
      source: 'button',
      command: 'ask',
      text: 'Who has banned DeepSeek?',
      options: {},
      user: { id: TEST_USER, name: 'ada', isAdmin: false },
      channelId: TEST_CHANNEL,
      scope: 'T0000001',
    });
    expect(resolved(translation)).toEqual({ name: 'ask', options: { question: 'Who has banned DeepSeek?' } });
  });

  it('answers in the clicked message’s thread, and privately when the message was private', () => {
    const click = suggestionClick('Who has banned DeepSeek?', 'http://127.0.0.1:1/r', {
      thread_ts: '1700000100.000100',
      is_ephemeral: true,
    });
    const invocation = invocationOf(buttonActionToInvocation(click));
    expect(invocation.threadId).toBe('1700000100.000100');
    expect(invocation.options).toEqual({ private: true });
  });

  it.each([
    ['no actions', { actions: [] }],
    ['an empty value', { actions: [{ action_id: 'ai-news-suggestion-0', value: '  ' }] }],
    ['no user', { user: undefined }],
    ['no channel anywhere', { channel: undefined, container: {} }],
  ])('rejects a click with %s', (_what, overrides) => {
    const click = { ...suggestionClick('Who?', 'http://127.0.0.1:1/r'), ...overrides };
    expect(buttonActionToInvocation(click).ok).toBe(false);
  });
});
