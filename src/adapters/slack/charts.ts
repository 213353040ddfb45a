import { webApi } from '@slack/bolt';
import type { Invocation } from '../../core/invocation.ts';
import type { Logger } from '../../core/logger.ts';
import type { Reply, ReplyImage } from '../../core/reply.ts';
import { checkConversation } from './channels.ts';

/** Why a reply's picture cannot be shown where the reply goes. */
export type ChartHindrance = 'private' | 'not-in-channel';

/** What a Slack responder needs to show a reply's picture: whether it can, and the upload. */
export interface SlackCharts {
  /** Why the picture of a reply cannot be shown where it goes, or undefined when it can. */
  hindrance(reply: Reply): Promise<ChartHindrance | undefined>;
  /** Uploads the picture into the conversation (and thread), after the answer; never throws. */
  upload(image: ReplyImage): Promise<boolean>;
}

const UPLOAD_TIMEOUT_MS = 10_000;

/**
 * Shares a picture in a conversation by Slack's external upload: files.getUploadURLExternal (with the
 * alt text as `alt_txt`, the name Slack reads), the bytes POSTed to the URL it gives, then
 * files.completeUploadExternal into the channel and thread. The Web API client's filesUploadV2 helper
 * would send the alt text as `alt_text`, which Slack does not read. A refusal is logged, naming the
 * missing scope when Slack says which (files:write): the answer itself has been delivered already.
 */
export async function uploadChart(
  client: webApi.WebClient,
  image: ReplyImage,
  channelId: string,
  threadTs: string | undefined,
  log: Logger,
): Promise<boolean> {
  try {
    const { upload_url: uploadUrl, file_id: fileId } = (await client.apiCall('files.getUploadURLExternal', {
      filename: image.fileName,
      length: image.png.byteLength,
      alt_txt: image.alt,
    })) as { upload_url?: string; file_id?: string };
    if (!uploadUrl || !fileId) throw new Error('Slack gave no upload URL');
    const uploaded = await fetch(uploadUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/octet-stream' },
      body: image.png,
      signal: AbortSignal.timeout(UPLOAD_TIMEOUT_MS),
    });
    if (!uploaded.ok) throw new Error(`Slack's upload URL answered HTTP ${uploaded.status}`);
    await client.files.completeUploadExternal({
      files: [{ id: fileId, title: image.title }],
      channel_id: channelId,
      ...(threadTs ? { thread_ts: threadTs } : {}),
    });
    return true;
  } catch (error) {
    const data = error instanceof webApi.WebAPIPlatformError ? error.data : undefined;
    const missingScope =
      data?.error === 'missing_scope' ? ((data as { needed?: string }).needed ?? 'files:write') : undefined;
    log.warn(
      { err: error, channel: channelId, ...(missingScope ? { missingScope } : {}), slackError: data?.error },
      missingScope
        ? `Slack refused the chart upload: the app lacks the ${missingScope} scope; the answer went without it`
        : 'could not upload the chart to Slack; the answer went without it',
    );
    return false;
  }
}

/** The charts of one request: the hindrances Slack has, and the upload into its conversation and thread. */
export function slackCharts(client: webApi.WebClient, invocation: Invocation, log: Logger): SlackCharts {
  return {
    async hindrance(reply) {
      // Slack shares files with a conversation, never with one person in it.
      if (reply.visibility === 'ephemeral' && invocation.source !== 'dm') return 'private';
      if (invocation.source === 'dm' || invocation.source === 'mention') return undefined;
      // A slash command may come from a conversation the bot is not in, where it cannot share a file.
      const check = await checkConversation(client, invocation.channelId, log);
      return check.ok ? undefined : 'not-in-channel';
    },
    upload: (image) => uploadChart(client, image, invocation.channelId, invocation.threadId, log),
  };
}

/** A reply whose picture cannot be shown: without it, saying where to see it (in a DM with the bot). */
export function withChartNote(reply: Reply, hindrance: ChartHindrance): Reply {
  const { image, ...rest } = reply;
  if (!image) return reply;
  const why =
    hindrance === 'private'
      ? 'Slack can’t share a picture with only you'
      : 'the bot isn’t in this conversation, so it can’t share a picture here';
  const note = `There is a chart with this answer, but ${why}. To see it, send “${image.command}” to the bot in a direct message.`;
  return { ...rest, footer: rest.footer ? `${rest.footer} · ${note}` : note };
}
