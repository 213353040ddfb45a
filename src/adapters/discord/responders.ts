import {
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type InteractionReplyOptions,
  type Message,
  MessageFlags,
  type MessageMentionOptions,
} from 'discord.js';
import type { Responder } from '../../core/dispatcher.ts';
import type { Invocation } from '../../core/invocation.ts';
import type { Reply } from '../../core/reply.ts';
import { type DiscordMessage, renderReply } from './render.ts';

/** Nothing the bot says may notify anyone: not @everyone/@here, a role, a user, nor the author it replies to. */
export const NO_MENTIONS = { parse: [], repliedUser: false } as const satisfies MessageMentionOptions;

function interactionReply(
  message: DiscordMessage,
): InteractionReplyOptions & { flags?: MessageFlags.Ephemeral } {
  return {
    embeds: message.embeds,
    components: message.components,
    allowedMentions: NO_MENTIONS,
    ...(message.ephemeral ? { flags: MessageFlags.Ephemeral } : {}),
  };
}

function messageReply(message: DiscordMessage) {
  return { embeds: message.embeds, components: message.components, allowedMentions: NO_MENTIONS };
}

/**
 * Answers a slash command or a button click through its interaction: at once when the answer is
 * quick, else deferred (Discord drops an interaction not acknowledged within 3 s) and edited in.
 */
export function interactionResponder(
  interaction: ChatInputCommandInteraction | ButtonInteraction,
  invocation: Pick<Invocation, 'user'> | undefined,
  deferAfterMs: number,
): Responder {
  let deferredPrivately = false;
  return {
    deferAfterMs,
    async defer(privately) {
      deferredPrivately = privately;
      await interaction.deferReply(privately ? { flags: MessageFlags.Ephemeral } : {});
    },
    async reply(reply: Reply) {
      const message = renderReply(reply);
      if (interaction.deferred && !interaction.replied) {
        // A deferred reply keeps the visibility chosen when deferring; a private reply must go elsewhere.
        if (message.ephemeral && !deferredPrivately) {
          await interaction.deleteReply();
          await interaction.followUp(interactionReply(message));
        } else await interaction.editReply(messageReply(message));
        return;
      }
      if (interaction.replied || interaction.deferred) await interaction.followUp(interactionReply(message));
      else await interaction.reply(interactionReply(message));
    },
    // Interactions carry the member's permissions, read into the invocation.
    isAdmin: async () => invocation?.user.isAdmin === true,
  };
}

/**
 * Answers a mention or a DM with a message in the same channel (a thread's mention in its thread).
 * A channel message cannot be ephemeral, so a private answer to a mention goes by direct message.
 */
export function messageResponder(message: Message): Responder {
  return {
    reply: async (reply) => {
      await message.reply(messageReply(renderReply(reply)));
    },
    ...(message.guildId
      ? {
          replyPrivately: async (reply: Reply) => {
            await message.author.send(messageReply(renderReply(reply)));
          },
        }
      : {}),
    // Message payloads carry no permission bits; admin-only actions are for slash commands, where they do.
    isAdmin: async () => false,
  };
}
