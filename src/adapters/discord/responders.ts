import { createHash, randomBytes } from 'node:crypto';
import {
  type AttachmentPayload,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  DiscordAPIError,
  type InteractionReplyOptions,
  type Message,
  MessageFlags,
  type MessageMentionOptions,
  RESTJSONErrorCodes,
} from 'discord.js';
import type { Responder } from '../../core/dispatcher.ts';
import type { Invocation } from '../../core/invocation.ts';
import type { Logger } from '../../core/logger.ts';
import type { Reply } from '../../core/reply.ts';
import { type DiscordMessage, renderReply, renderReplyWithoutPicture } from './render.ts';

/** Nothing the bot says may notify anyone: not @everyone/@here, a role, a user, nor the author it replies to. */
export const NO_MENTIONS = { parse: [], repliedUser: false } as const satisfies MessageMentionOptions;

/** A message's picture as discord.js sends it: a file with its alt text. */
function attachments(message: DiscordMessage): AttachmentPayload[] {
  return message.files.map((f) => ({ attachment: f.data, name: f.name, description: f.description }));
}

function interactionReply(
  message: DiscordMessage,
): InteractionReplyOptions & { flags?: MessageFlags.Ephemeral } {
  return {
    embeds: message.embeds,
    components: message.components,
    allowedMentions: NO_MENTIONS,
    ...(message.files.length > 0 ? { files: attachments(message) } : {}),
    ...(message.ephemeral ? { flags: MessageFlags.Ephemeral } : {}),
  };
}

/**
 * A channel or DM message: sent with a nonce Discord enforces, so that a try repeated after a timeout
 * (it may have been taken) is shown once.
 */
function messageReply(message: DiscordMessage) {
  return {
    embeds: message.embeds,
    components: message.components,
    allowedMentions: NO_MENTIONS,
    nonce: newNonce(),
    enforceNonce: true,
    ...(message.files.length > 0 ? { files: attachments(message) } : {}),
  };
}

/**
 * A message nonce (Discord takes up to 25 characters): random, or derived from `key` so that every
 * try of the same post (a schedule's slot, retried) carries the same one.
 */
export function newNonce(key?: string): string {
  return key === undefined
    ? randomBytes(12).toString('base64url')
    : createHash('sha256').update(key).digest('base64url').slice(0, 25);
}

/** Discord refused a message for a missing permission, and it carried a picture: Attach Files, most likely. */
export function pictureRefused(error: unknown, message: DiscordMessage): boolean {
  return (
    message.files.length > 0 &&
    error instanceof DiscordAPIError &&
    error.code === RESTJSONErrorCodes.MissingPermissions
  );
}

/**
 * Sends a reply; when Discord refuses it for its picture (the bot lacks Attach Files there), logs the
 * missing permission and sends the answer again without the picture.
 */
export async function sendWithPicture(
  reply: Reply,
  send: (message: DiscordMessage) => Promise<unknown>,
  log: Logger | undefined,
): Promise<void> {
  const message = renderReply(reply);
  try {
    await send(message);
  } catch (error) {
    if (!pictureRefused(error, message)) throw error;
    log?.warn(
      { err: error, permission: 'Attach Files' },
      'Discord refused the chart: the bot lacks the Attach Files permission there; the answer goes without it',
    );
    await send(renderReplyWithoutPicture(reply));
  }
}

/**
 * Answers a slash command or a button click through its interaction: at once when the answer is
 * quick, else deferred (Discord drops an interaction not acknowledged within 3 s) and edited in.
 */
export function interactionResponder(
  interaction: ChatInputCommandInteraction | ButtonInteraction,
  invocation: Pick<Invocation, 'user'> | undefined,
  deferAfterMs: number,
  log?: Logger,
): Responder {
  let deferredPrivately = false;
  return {
    deferAfterMs,
    async defer(privately) {
      deferredPrivately = privately;
      await interaction.deferReply(privately ? { flags: MessageFlags.Ephemeral } : {});
    },
    async reply(reply: Reply) {
      if (interaction.deferred && !interaction.replied) {
        // A deferred reply keeps the visibility chosen when deferring; a private reply must go elsewhere.
        if (reply.visibility === 'ephemeral' && !deferredPrivately) {
          await interaction.deleteReply();
          await sendWithPicture(reply, (message) => interaction.followUp(interactionReply(message)), log);
        } else await sendWithPicture(reply, (message) => interaction.editReply(messageReply(message)), log);
        return;
      }
      if (interaction.replied || interaction.deferred)
        await sendWithPicture(reply, (message) => interaction.followUp(interactionReply(message)), log);
      else await sendWithPicture(reply, (message) => interaction.reply(interactionReply(message)), log);
    },
    // Interactions carry the member's permissions, read into the invocation.
    isAdmin: async () => invocation?.user.isAdmin === true,
  };
}

/**
 * Answers a mention or a DM with a message in the same channel (a thread's mention in its thread).
 * A channel message cannot be ephemeral, so a private answer to a mention goes by direct message.
 */
export function messageResponder(message: Message, log?: Logger): Responder {
  return {
    reply: async (reply) => {
      await sendWithPicture(reply, (shaped) => message.reply(messageReply(shaped)), log);
    },
    ...(message.guildId
      ? {
          replyPrivately: async (reply: Reply) => {
            await sendWithPicture(reply, (shaped) => message.author.send(messageReply(shaped)), log);
          },
        }
      : {}),
    // Message payloads carry no permission bits; admin-only actions are for slash commands, where they do.
    isAdmin: async () => false,
  };
}
