import { z } from 'zod';
import type { Invocation } from '../../core/invocation.ts';
import { escapeRegExp } from '../../engine/normalise.ts';
import { FEEDBACK_ACTION_ID } from './render.ts';

/** An invocation, or why a payload was not turned into one (logged, never shown to anyone). */
export type Translation = { ok: true; invocation: Invocation } | { ok: false; reason: string };

/** What Bolt knows about the receiving app: its bot user (to strip and ignore) and the workspace. */
export interface EventContext {
  botUserId?: string;
  teamId?: string;
}

/** `isAdmin` is false here: payloads do not say; the adapter asks Slack when a command needs it. */
const NOT_KNOWN_ADMIN = false;

const id = z.string().trim().min(1);

// Only the fields the bot reads; Slack sends many more, and a payload missing one of these is malformed.
const SlashCommandSchema = z.object({
  text: z.string().optional(),
  user_id: id,
  user_name: z.string().optional(),
  channel_id: id,
  team_id: z.string().optional(),
});

const MessageEventSchema = z.object({
  type: z.string(),
  subtype: z.string().optional(),
  user: z.string().optional(),
  bot_id: z.string().optional(),
  text: z.string().optional(),
  ts: id,
  thread_ts: z.string().optional(),
  channel: id,
  channel_type: z.string().optional(),
});

const BlockActionSchema = z.object({
  type: z.literal('block_actions'),
  team: z.object({ id: z.string() }).nullish(),
  user: z.object({
    id,
    username: z.string().optional(),
    name: z.string().optional(),
    team_id: z.string().optional(),
  }),
  channel: z.object({ id }).optional(),
  container: z
    .object({
      channel_id: z.string().optional(),
      thread_ts: z.string().optional(),
      is_ephemeral: z.boolean().optional(),
    })
    .optional(),
  message: z.object({ thread_ts: z.string().optional() }).optional(),
  actions: z.array(z.object({ action_id: z.string(), value: z.string().optional() })).min(1),
});

function problem(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.map(String).join('.') || 'payload'}: ${i.message}`).join('; ');
}

/**
 * Undoes Slack's escaping of user text (`&lt;` `&gt;` `&amp;`) so the router sees what was typed;
 * the renderer escapes again on the way out, so nothing is double-escaped and nothing slips through.
 */
export function decodeSlackText(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

/** Removes mentions of the bot (`<@U123>` or `<@U123|name>`), or a leading mention when its id is unknown. */
export function stripBotMention(text: string, botUserId: string | undefined): string {
  const mention = botUserId
    ? new RegExp(`<@${escapeRegExp(botUserId)}(?:\\|[^>]*)?>`, 'g')
    : /^\s*<@[A-Z0-9]+(?:\|[^>]*)?>/;
  return text.replace(mention, ' ').replace(/\s+/g, ' ').trim();
}

/** A slash command payload (`/ai-news private who jane doe`) → an invocation; the router parses the text. */
export function slashCommandToInvocation(payload: unknown): Translation {
  const parsed = SlashCommandSchema.safeParse(payload);
  if (!parsed.success) return { ok: false, reason: problem(parsed.error) };
  const command = parsed.data;
  return {
    ok: true,
    invocation: {
      platform: 'slack',
      source: 'slash',
      command: '',
      text: decodeSlackText(command.text ?? ''),
      options: {},
      user: {
        id: command.user_id,
        ...(command.user_name ? { name: command.user_name } : {}),
        isAdmin: NOT_KNOWN_ADMIN,
      },
      channelId: command.channel_id,
      ...(command.team_id ? { scope: command.team_id } : {}),
    },
  };
}

type MessageEvent = z.infer<typeof MessageEventSchema>;

/** Messages a person wrote that carry a subtype: a thread reply also sent to the channel, a file with a comment. */
const ANSWERED_SUBTYPES = new Set(['thread_broadcast', 'file_share']);

/** Why a message event must not be answered: bots (including this one) are never answered, to avoid loops. */
function whyIgnored(event: MessageEvent, botUserId: string | undefined): string | undefined {
  if (event.bot_id || event.subtype === 'bot_message') return 'sent by a bot';
  if (!event.user) return 'no user';
  if (botUserId && event.user === botUserId) return 'sent by this bot';
  // Edits, deletions, joins …: only what a person wrote is a question.
  if (event.subtype && !ANSWERED_SUBTYPES.has(event.subtype)) return `message subtype ${event.subtype}`;
  return undefined;
}

function messageInvocation(
  event: MessageEvent & { user: string },
  source: 'mention' | 'dm',
  context: EventContext,
  threadId: string | undefined,
): Invocation {
  return {
    platform: 'slack',
    source,
    command: '',
    text: decodeSlackText(stripBotMention(event.text ?? '', context.botUserId)),
    options: {},
    user: { id: event.user, isAdmin: NOT_KNOWN_ADMIN },
    channelId: event.channel,
    ...(threadId ? { threadId } : {}),
    ...(context.teamId ? { scope: context.teamId } : {}),
  };
}

/** An `app_mention` event → an invocation answered in the mention's thread (a new one if it was not in one). */
export function mentionToInvocation(event: unknown, context: EventContext): Translation {
  const parsed = MessageEventSchema.safeParse(event);
  if (!parsed.success) return { ok: false, reason: problem(parsed.error) };
  const mention = parsed.data;
  if (mention.type !== 'app_mention') return { ok: false, reason: `event type ${mention.type}` };
  const ignored = whyIgnored(mention, context.botUserId);
  if (ignored || !mention.user) return { ok: false, reason: ignored ?? 'no user' };
  const user = mention.user;
  return {
    ok: true,
    invocation: messageInvocation({ ...mention, user }, 'mention', context, mention.thread_ts ?? mention.ts),
  };
}

/** A `message.im` event (a direct message to the bot) → an invocation answered in the same conversation. */
export function directMessageToInvocation(event: unknown, context: EventContext): Translation {
  const parsed = MessageEventSchema.safeParse(event);
  if (!parsed.success) return { ok: false, reason: problem(parsed.error) };
  const message = parsed.data;
  if (message.type !== 'message' || message.channel_type !== 'im') {
    return {
      ok: false,
      reason: `not a direct message (${message.type}, ${message.channel_type ?? 'no channel type'})`,
    };
  }
  const ignored = whyIgnored(message, context.botUserId);
  if (ignored || !message.user) return { ok: false, reason: ignored ?? 'no user' };
  const user = message.user;
  // A DM is answered where it was written: in its thread if it is in one, else directly.
  return {
    ok: true,
    invocation: messageInvocation({ ...message, user }, 'dm', context, message.thread_ts),
  };
}

/**
 * A click on a suggestion button (`block_actions`) → an `ask` of the question in the button's value,
 * in the same channel and thread. A click on an ephemeral message is answered privately too, so a
 * private exchange never spills into the channel.
 */
export function buttonActionToInvocation(body: unknown): Translation {
  const parsed = BlockActionSchema.safeParse(body);
  if (!parsed.success) return { ok: false, reason: problem(parsed.error) };
  const action = parsed.data;
  const [clicked] = action.actions;
  const vote = FEEDBACK_ACTION_ID.exec(clicked?.action_id ?? '')?.[1];
  const question = clicked?.value?.trim();
  if (!question) return { ok: false, reason: 'button without a question' };
  const channelId = action.channel?.id ?? action.container?.channel_id;
  if (!channelId) return { ok: false, reason: 'no channel' };
  const threadId = action.container?.thread_ts ?? action.message?.thread_ts;
  const name = action.user.username ?? action.user.name;
  const scope = action.team?.id ?? action.user.team_id;
  return {
    ok: true,
    invocation: {
      platform: 'slack',
      source: 'button',
      // A 👍/👎 carries the fact id in its value; a suggestion carries its question.
      command: vote ? 'feedback' : 'ask',
      text: vote ? '' : question,
      options: vote ? { fact: question, vote } : action.container?.is_ephemeral ? { private: true } : {},
      user: { id: action.user.id, ...(name ? { name } : {}), isAdmin: NOT_KNOWN_ADMIN },
      channelId,
      ...(threadId ? { threadId } : {}),
      ...(scope ? { scope } : {}),
    },
  };
}
