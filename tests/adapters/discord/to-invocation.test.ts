import { PermissionFlagsBits } from 'discord.js';
import { describe, expect, it } from 'vitest';
import {
  type ButtonInteractionLike,
  buttonToInvocation,
  type ChannelLike,
  type MessageLike,
  messageToInvocation,
  type SlashInteractionLike,
  slashToInvocation,
  stripBotMention,
  toAutocompleteRequest,
} from '../../../src/adapters/discord/to-invocation.ts';

const BOT = '900000000000000001';
const user = { id: '100', username: 'reader', globalName: 'Reader' };

function channel(kind: 'text' | 'thread' | 'dm'): ChannelLike {
  return {
    id: kind === 'thread' ? 'T1' : kind === 'dm' ? 'D1' : 'C1',
    isThread: () => kind === 'thread',
    isDMBased: () => kind === 'dm',
    parentId: kind === 'thread' ? 'C1' : null,
  };
}

function permissions(...granted: bigint[]) {
  return { has: (permission: bigint) => granted.includes(permission) };
}

function slash(
  options: SlashInteractionLike['options']['data'],
  overrides: Partial<SlashInteractionLike> = {},
) {
  return {
    user,
    guildId: 'G1',
    channelId: 'C1',
    channel: channel('text'),
    memberPermissions: permissions(),
    options: { data: options },
    ...overrides,
  } satisfies SlashInteractionLike;
}

describe('slashToInvocation', () => {
  it('names the subcommand and passes its options as typed', () => {
    const invocation = slashToInvocation(
      slash([
        {
          type: 1,
          name: 'ask',
          options: [
            { type: 3, name: 'question', value: 'Did Congress block DeepSeek?' },
            { type: 5, name: 'private', value: true },
          ],
        },
      ]),
    );
    expect(invocation).toEqual({
      platform: 'discord',
      source: 'slash',
      command: 'ask',
      text: '',
      options: { question: 'Did Congress block DeepSeek?', private: true },
      user: { id: '100', name: 'Reader', isAdmin: false },
      channelId: 'C1',
      scope: 'G1',
    });
  });

  it('names a grouped subcommand by its key', () => {
    const invocation = slashToInvocation(
      slash([
        {
          type: 2,
          name: 'schedule',
          options: [{ type: 1, name: 'add', options: [{ type: 3, name: 'when', value: 'daily 09:00' }] }],
        },
      ]),
    );
    expect(invocation.command).toBe('schedule add');
    expect(invocation.options).toEqual({ when: 'daily 09:00' });
  });

  it('reports a thread as threadId under its parent channel', () => {
    const invocation = slashToInvocation(
      slash([{ type: 1, name: 'summary' }], { channelId: 'T1', channel: channel('thread') }),
    );
    expect(invocation).toMatchObject({ channelId: 'C1', threadId: 'T1' });
  });

  it('has no scope in a DM, and uses the username when there is no display name', () => {
    const invocation = slashToInvocation(
      slash([{ type: 1, name: 'help' }], {
        guildId: null,
        channelId: 'D1',
        channel: channel('dm'),
        memberPermissions: null,
        user: { id: '100', username: 'reader', globalName: null },
      }),
    );
    expect(invocation.scope).toBeUndefined();
    expect(invocation.user).toEqual({ id: '100', name: 'reader', isAdmin: false });
  });

  it.each([
    ['Administrator', PermissionFlagsBits.Administrator, true],
    ['Manage Server', PermissionFlagsBits.ManageGuild, true],
    ['Manage Channels', PermissionFlagsBits.ManageChannels, true],
    ['Send Messages only', PermissionFlagsBits.SendMessages, false],
  ])('treats %s as admin: %s', (_name, permission, isAdmin) => {
    const invocation = slashToInvocation(
      slash([{ type: 1, name: 'summary' }], { memberPermissions: permissions(permission) }),
    );
    expect(invocation.user.isAdmin).toBe(isAdmin);
  });

  it('gives an empty command when no subcommand came (the router then helps)', () => {
    expect(slashToInvocation(slash([])).command).toBe('');
  });
});

describe('toAutocompleteRequest', () => {
  it('reads the focused option and the text typed so far', () => {
    const request = toAutocompleteRequest(
      slash([
        { type: 1, name: 'ask', options: [{ type: 3, name: 'question', value: 'nvid', focused: true }] },
      ]),
    );
    expect(request).toEqual({ command: 'ask', option: 'question', partial: 'nvid' });
  });

  it('reads grouped subcommands too', () => {
    const request = toAutocompleteRequest(
      slash([
        {
          type: 2,
          name: 'schedule',
          options: [
            { type: 1, name: 'remove', options: [{ type: 3, name: 'id', value: '', focused: true }] },
          ],
        },
      ]),
    );
    expect(request).toEqual({ command: 'schedule remove', option: 'id', partial: '' });
  });

  it('is undefined when nothing is focused', () => {
    expect(toAutocompleteRequest(slash([{ type: 1, name: 'ask', options: [] }]))).toBeUndefined();
  });
});

describe('buttonToInvocation', () => {
  const click = (customId: string, flags = 0): ButtonInteractionLike => ({
    ...slash([]),
    customId,
    message: { flags: { bitfield: flags } },
  });

  it('asks the question a suggestion button carries', () => {
    expect(buttonToInvocation(click('ask:Who has banned DeepSeek?'))).toMatchObject({
      source: 'button',
      command: 'ask',
      options: { question: 'Who has banned DeepSeek?' },
    });
  });

  it('keeps the answer private when the button was on an ephemeral message', () => {
    expect(buttonToInvocation(click('ask:Who?', 64))?.options).toEqual({ question: 'Who?', private: true });
  });

  it('ignores buttons it does not know, and empty questions', () => {
    expect(buttonToInvocation(click('vote:yes'))).toBeUndefined();
    expect(buttonToInvocation(click('ask:  '))).toBeUndefined();
  });
});

describe('messageToInvocation', () => {
  const message = (content: string, overrides: Partial<MessageLike> = {}): MessageLike => ({
    content,
    author: { id: '100', username: 'reader', bot: false },
    channelId: 'C1',
    guildId: 'G1',
    channel: channel('text'),
    webhookId: null,
    ...overrides,
  });

  it('turns a mention into free text for the router, mention stripped', () => {
    expect(messageToInvocation(message(`<@${BOT}> topic bans`), BOT)).toEqual({
      platform: 'discord',
      source: 'mention',
      command: '',
      text: 'topic bans',
      options: {},
      user: { id: '100', name: 'reader', isAdmin: false },
      channelId: 'C1',
      scope: 'G1',
    });
  });

  it('accepts the nickname mention form and a mention mid-sentence', () => {
    expect(messageToInvocation(message(`hey <@!${BOT}>   who is yan qiao`), BOT)?.text).toBe(
      'hey who is yan qiao',
    );
  });

  it('answers in a thread as the thread of its parent channel', () => {
    const invocation = messageToInvocation(
      message(`<@${BOT}> help`, { channelId: 'T1', channel: channel('thread') }),
      BOT,
    );
    expect(invocation).toMatchObject({ channelId: 'C1', threadId: 'T1' });
  });

  it('takes DMs without a mention', () => {
    const invocation = messageToInvocation(
      message('summary', { guildId: null, channelId: 'D1', channel: channel('dm') }),
      BOT,
    );
    expect(invocation).toMatchObject({ source: 'dm', text: 'summary', channelId: 'D1' });
    expect(invocation?.scope).toBeUndefined();
  });

  it('ignores channel messages without a mention, other users’ mentions, bots, itself and webhooks', () => {
    expect(messageToInvocation(message('did congress block deepseek'), BOT)).toBeUndefined();
    expect(messageToInvocation(message('<@900000000000000002> hi'), BOT)).toBeUndefined();
    const mention = `<@${BOT}> summary`;
    expect(
      messageToInvocation(message(mention, { author: { id: '5', username: 'b', bot: true } }), BOT),
    ).toBeUndefined();
    expect(
      messageToInvocation(message(mention, { author: { id: BOT, username: 'ai-news' } }), BOT),
    ).toBeUndefined();
    expect(messageToInvocation(message(mention, { webhookId: '77' }), BOT)).toBeUndefined();
  });
});

describe('stripBotMention', () => {
  it('removes only the bot’s mentions', () => {
    expect(stripBotMention(`<@${BOT}> ask <@123> about <@!${BOT}>`, BOT)).toBe('ask <@123> about');
  });
});
