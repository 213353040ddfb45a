import { ApplicationCommandOptionType, MessageFlags, PermissionFlagsBits } from 'discord.js';
import type { Invocation } from '../../core/invocation.ts';
import { ASK_BUTTON_PREFIX, FEEDBACK_CUSTOM_ID } from './render.ts';

// The shapes below name only what this file reads, so discord.js objects fit them as they are and
// tests can pass plain objects.

/** A Discord user as this adapter reads it. */
export interface UserLike {
  id: string;
  username: string;
  globalName?: string | null;
  bot?: boolean;
}

/** A channel as this adapter reads it: a thread is a channel of its own with a parent. */
export interface ChannelLike {
  id: string;
  isThread(): boolean;
  isDMBased(): boolean;
  parentId?: string | null;
}

/** One option of a slash command interaction, as nested subcommand options arrive. */
export interface OptionLike {
  name: string;
  type: number;
  value?: string | number | boolean | undefined;
  focused?: boolean | undefined;
  options?: readonly OptionLike[] | undefined;
}

/** What every interaction this adapter answers carries: who, where, with which permissions. */
export interface InteractionLike {
  user: UserLike;
  guildId: string | null;
  channelId: string | null;
  channel: ChannelLike | null;
  memberPermissions: { has(permission: bigint): boolean } | null;
}

/** A `/ai-news <subcommand>` interaction (also an autocomplete request). */
export interface SlashInteractionLike extends InteractionLike {
  options: { readonly data: readonly OptionLike[] };
}

/** A click on a button of one of the bot's messages. */
export interface ButtonInteractionLike extends InteractionLike {
  customId: string;
  message: { flags: { bitfield: number } };
}

/** A message in a channel, thread or DM. */
export interface MessageLike {
  content: string;
  author: UserLike;
  channelId: string;
  guildId: string | null;
  channel: ChannelLike;
  webhookId?: string | null;
}

/** What an autocomplete request asks for: values of `option` of `command` matching `partial`. */
export interface AutocompleteRequest {
  /** The command's key: "ask", or "schedule remove" for a subcommand of a group. */
  command: string;
  option: string;
  partial: string;
}

// Manage Server and Manage Channels count as admin: they are what server owners give the people who
// set bots up, and posting into channels on a schedule is that kind of job.
const ADMIN_PERMISSIONS = [
  PermissionFlagsBits.Administrator,
  PermissionFlagsBits.ManageGuild,
  PermissionFlagsBits.ManageChannels,
];

function userOf(user: UserLike, permissions: InteractionLike['memberPermissions']): Invocation['user'] {
  const isAdmin = ADMIN_PERMISSIONS.some((permission) => permissions?.has(permission) === true);
  return { id: user.id, name: user.globalName ?? user.username, isAdmin };
}

/**
 * Where a request was made. A Discord thread is a channel of its own: like Slack's thread_ts, the
 * thread is reported as threadId and its parent as channelId.
 */
function placeOf(
  guildId: string | null,
  channelId: string,
  channel: ChannelLike | null,
): Pick<Invocation, 'channelId' | 'threadId' | 'scope'> {
  const scope = guildId ? { scope: guildId } : {};
  if (channel?.isThread())
    return { channelId: channel.parentId ?? channelId, threadId: channel.id, ...scope };
  return { channelId, ...scope };
}

/** The subcommand chosen, under its group if any, and the command key the router knows it by. */
function subcommandOf(options: readonly OptionLike[]): { key: string; subcommand: OptionLike } | undefined {
  const top = options.find(
    (o) =>
      o.type === ApplicationCommandOptionType.Subcommand ||
      o.type === ApplicationCommandOptionType.SubcommandGroup,
  );
  if (top?.type === ApplicationCommandOptionType.Subcommand) return { key: top.name, subcommand: top };
  const nested = top?.options?.find((o) => o.type === ApplicationCommandOptionType.Subcommand);
  return top && nested ? { key: `${top.name} ${nested.name}`, subcommand: nested } : undefined;
}

/** `/ai-news [group] <subcommand> [options]` → an Invocation naming the command, options as typed. */
export function slashToInvocation(interaction: SlashInteractionLike): Invocation {
  const chosen = subcommandOf(interaction.options.data);
  const options: Record<string, unknown> = {};
  for (const option of chosen?.subcommand.options ?? []) {
    if (option.value !== undefined) options[option.name] = option.value;
  }
  return {
    platform: 'discord',
    source: 'slash',
    command: chosen?.key ?? '',
    text: '',
    options,
    user: userOf(interaction.user, interaction.memberPermissions),
    ...placeOf(interaction.guildId, interaction.channelId ?? '', interaction.channel),
  };
}

/** The option being typed in an autocomplete interaction, or undefined when none is focused. */
export function toAutocompleteRequest(interaction: SlashInteractionLike): AutocompleteRequest | undefined {
  const chosen = subcommandOf(interaction.options.data);
  const focused = chosen?.subcommand.options?.find((o) => o.focused);
  if (!chosen || !focused) return undefined;
  return { command: chosen.key, option: focused.name, partial: String(focused.value ?? '') };
}

/**
 * A click on a "did you mean" button → an `ask` Invocation for the question it carries, private when
 * the message it was on was private; undefined for a button this bot does not know.
 */
export function buttonToInvocation(interaction: ButtonInteractionLike): Invocation | undefined {
  const feedback = FEEDBACK_CUSTOM_ID.exec(interaction.customId);
  if (feedback) {
    return {
      platform: 'discord',
      source: 'button',
      command: 'feedback',
      text: '',
      options: { vote: feedback[1], fact: feedback[2] },
      user: userOf(interaction.user, interaction.memberPermissions),
      ...placeOf(interaction.guildId, interaction.channelId ?? '', interaction.channel),
    };
  }
  if (!interaction.customId.startsWith(ASK_BUTTON_PREFIX)) return undefined;
  const question = interaction.customId.slice(ASK_BUTTON_PREFIX.length).trim();
  if (!question) return undefined;
  const wasPrivate = (interaction.message.flags.bitfield & MessageFlags.Ephemeral) !== 0;
  return {
    platform: 'discord',
    source: 'button',
    command: 'ask',
    text: '',
    options: { question, ...(wasPrivate ? { private: true } : {}) },
    user: userOf(interaction.user, interaction.memberPermissions),
    ...placeOf(interaction.guildId, interaction.channelId ?? '', interaction.channel),
  };
}

/** Every form of a mention of the bot: `<@id>` and the legacy nickname form `<@!id>`. */
function mentionPattern(botUserId: string): RegExp {
  return new RegExp(`<@!?${botUserId.replace(/\D/g, '')}>`, 'g');
}

/** The message text with every mention of the bot removed and spaces tidied. */
export function stripBotMention(content: string, botUserId: string): string {
  return content.replace(mentionPattern(botUserId), ' ').replace(/\s+/g, ' ').trim();
}

/**
 * A message → an Invocation with command '' and the text for the router to parse ("help",
 * "topic bans", a bare question), or undefined when the bot should stay silent: messages from any
 * bot (itself included) or webhook, and channel messages that do not mention it. DMs need no mention.
 */
export function messageToInvocation(message: MessageLike, botUserId: string): Invocation | undefined {
  if (message.author.bot || message.author.id === botUserId || message.webhookId) return undefined;
  const isDm = message.guildId === null || message.channel.isDMBased();
  if (!isDm && !mentionPattern(botUserId).test(message.content)) return undefined;
  return {
    platform: 'discord',
    source: isDm ? 'dm' : 'mention',
    command: '',
    text: stripBotMention(message.content, botUserId),
    options: {},
    // Message payloads carry no permission bits; admin-only actions are for slash commands, where they do.
    user: userOf(message.author, null),
    ...placeOf(message.guildId, message.channelId, message.channel),
  };
}
