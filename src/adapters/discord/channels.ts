import { type Client, PermissionFlagsBits, type RESTPostAPIChannelMessageJSONBody, Routes } from 'discord.js';
import type { Logger } from '../../core/logger.ts';
import type { PostCheck } from '../../core/platform.ts';
import type { Reply } from '../../core/reply.ts';
import { describeDiscordFailure, toPostError } from './post-error.ts';
import { attachmentEntries, type DiscordMessage } from './render.ts';
import { newNonce, sendWithPicture } from './responders.ts';

// What a scheduled post needs in a guild channel; threads need their own send permission.
const POST_PERMISSIONS = [
  PermissionFlagsBits.ViewChannel,
  PermissionFlagsBits.SendMessages,
  PermissionFlagsBits.EmbedLinks,
] as const;

/**
 * Posts a reply into a channel on the bot's own account over REST, its picture attached (without it
 * where the bot may not attach files); throws PostError when it cannot.
 */
export async function postToChannel(
  client: Client,
  channelId: string,
  reply: Reply,
  log?: Logger,
  /** Names the post (a schedule's slot): every try of it, the scheduler's included, has one nonce. */
  key?: string,
): Promise<void> {
  // One nonce for the message, enforced: Discord keeps the first message sent with it, so a try
  // repeated after a timeout (it may have been taken) never posts twice.
  const nonce = newNonce(key);
  const post = (message: DiscordMessage) => {
    const body: RESTPostAPIChannelMessageJSONBody = {
      embeds: message.embeds,
      components: message.components,
      allowed_mentions: { parse: [] },
      nonce,
      enforce_nonce: true,
      ...(message.files.length > 0
        ? {
            attachments: attachmentEntries(message.files),
          }
        : {}),
    };
    const files = message.files.map((f) => ({ name: f.name, data: f.data, contentType: 'image/png' }));
    return client.rest.post(Routes.channelMessages(channelId), {
      body,
      ...(files.length > 0 ? { files } : {}),
    });
  };
  try {
    await sendWithPicture(reply, post, log);
  } catch (error) {
    throw toPostError(error, channelId);
  }
}

/** Whether the bot can post in a channel of the given server: it exists, is sendable, and the bot has the permissions. */
export async function checkChannel(client: Client, channelId: string, scope?: string): Promise<PostCheck> {
  if (!/^\d{17,20}$/.test(channelId)) {
    return { ok: false, reason: `“${channelId.slice(0, 40)}” is not a Discord channel id` };
  }
  try {
    const channel = await client.channels.fetch(channelId);
    if (!channel?.isSendable()) return { ok: false, reason: 'the bot cannot post messages there' };
    // A server's admins schedule into their own server only.
    if (scope && (channel.isDMBased() || channel.guildId !== scope)) {
      return { ok: false, reason: 'that channel is not in this server' };
    }
    if (channel.isDMBased() || !client.user) return { ok: true };
    // Unknown when the bot's own member is not cached; the post itself will then tell.
    const permissions = channel.permissionsFor(client.user);
    const needed = channel.isThread()
      ? [...POST_PERMISSIONS, PermissionFlagsBits.SendMessagesInThreads]
      : [...POST_PERMISSIONS];
    const missing = permissions?.missing(needed) ?? [];
    return missing.length === 0
      ? { ok: true }
      : { ok: false, reason: `the bot lacks ${missing.join(', ')} in that channel` };
  } catch (error) {
    return { ok: false, reason: describeDiscordFailure(error) };
  }
}
