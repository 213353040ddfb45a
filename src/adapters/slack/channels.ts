import { webApi } from '@slack/bolt';
import type { Logger } from '../../core/logger.ts';
import type { PostCheck } from '../../core/platform.ts';

/** Whether the bot can post in a Slack conversation: it exists, is not archived, and the bot is in it. */
export async function checkConversation(
  client: webApi.WebClient,
  channelId: string,
  log: Logger,
): Promise<PostCheck> {
  try {
    const { channel } = await client.conversations.info({ channel: channelId });
    if (channel?.is_archived) return { ok: false, reason: 'the channel is archived' };
    // A DM has no membership to check; a channel the bot has not joined refuses its posts.
    if (channel?.is_member === false && !channel.is_im) {
      return { ok: false, reason: 'the bot is not in that channel; invite it with /invite, then try again' };
    }
    return { ok: true };
  } catch (error) {
    if (error instanceof webApi.WebAPIPlatformError && error.data.error === 'channel_not_found') {
      return { ok: false, reason: 'there is no such channel, or the bot cannot see it' };
    }
    // Cannot tell (no scope to read this kind of conversation, Slack unreachable): let the post decide.
    log.warn(
      { err: error, channel: channelId },
      'could not check a Slack channel; assuming the bot can post',
    );
    return { ok: true };
  }
}
