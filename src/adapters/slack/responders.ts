import type { RespondArguments, webApi } from '@slack/bolt';
import type { Responder } from '../../core/dispatcher.ts';
import type { Invocation } from '../../core/invocation.ts';
import type { Reply } from '../../core/reply.ts';
import { type SlackCharts, withChartNote } from './charts.ts';
import { renderReplyAsBlocks } from './render.ts';
import { ResponseUrlError } from './response-url.ts';

function responseType(reply: Reply): RespondArguments['response_type'] {
  return reply.visibility === 'ephemeral' ? 'ephemeral' : 'in_channel';
}

/**
 * A slash command or a button click, answered through its response_url: it works in every
 * conversation the command can be typed in, including private channels and DMs the bot is not a
 * member of, needs no extra scope, and in_channel shows the asker's command above the answer. A
 * button's answer is a new message (never a replacement of the one clicked), in its thread when it
 * is in one.
 */
export function responseUrlResponder(
  ack: () => Promise<void>,
  /** Posts to the payload's response_url (responseUrlSender: with a timeout and retries). */
  respond: (message: RespondArguments) => Promise<void>,
  isAdmin: () => Promise<boolean>,
  extra: RespondArguments = {},
  /** Another way to the asker (a message in the channel) when the response_url refused the reply. */
  fallback?: Responder,
  /** How a reply's picture is shown: uploaded after the answer, or a note where Slack cannot. */
  charts?: SlackCharts,
): Responder {
  return {
    // Empty ack within Slack's 3 s: nothing is shown until the answer arrives.
    ack,
    reply: async (reply) => {
      const hindrance = reply.image && charts ? await charts.hindrance(reply) : undefined;
      const shown = hindrance ? withChartNote(reply, hindrance) : reply;
      const { image: picture, ...answer } = shown;
      try {
        await respond({ response_type: responseType(reply), ...extra, ...renderReplyAsBlocks(answer) });
        // The picture follows the Block Kit answer, as a file shared in the conversation.
        if (picture && charts) await charts.upload(picture);
      } catch (error) {
        // Only a reply Slack surely did not show goes another way: after a timeout it may be on screen.
        if (!fallback || !(error instanceof ResponseUrlError) || error.outcome !== 'lost') throw error;
        try {
          // The fallback posts the answer in the conversation, and shares its picture after it.
          await fallback.reply(shown);
        } catch (again) {
          throw new ResponseUrlError(
            `${error.message}; posting it in the channel failed too (${(again as Error).message})`,
            'lost',
            { cause: again },
          );
        }
      }
    },
    isAdmin,
  };
}

/** A mention or a DM, answered with a message in its channel and thread; a private reply to a mention is ephemeral. */
export function messageResponder(
  client: webApi.WebClient,
  invocation: Invocation,
  isAdmin: () => Promise<boolean>,
  charts?: SlackCharts,
): Responder {
  const thread = invocation.threadId ? { thread_ts: invocation.threadId } : {};
  return {
    reply: async (withPicture) => {
      const hindrance = withPicture.image && charts ? await charts.hindrance(withPicture) : undefined;
      const { image: picture, ...reply } = hindrance ? withChartNote(withPicture, hindrance) : withPicture;
      const message = renderReplyAsBlocks(reply);
      // A DM is private already: ephemeral replies there are posted like any other.
      if (reply.visibility === 'ephemeral' && invocation.source !== 'dm') {
        await client.chat.postEphemeral({
          channel: invocation.channelId,
          user: invocation.user.id,
          ...thread,
          ...message,
        });
      } else {
        await client.chat.postMessage({ channel: invocation.channelId, ...thread, ...message });
        if (picture && charts) await charts.upload(picture);
      }
    },
    isAdmin,
  };
}
