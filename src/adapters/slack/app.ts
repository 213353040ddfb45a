import { App, type RespondFn, type webApi } from '@slack/bolt';
import type { Dispatcher } from '../../core/dispatcher.ts';
import { SharedHttpServer } from '../../core/http-server.ts';
import type { Logger } from '../../core/logger.ts';
import type { Platform } from '../../core/platform.ts';
import { TIMED_OUT, within } from '../../core/timeouts.ts';
import { createAdminCheck } from './admins.ts';
import { checkConversation } from './channels.ts';
import { slackCharts, uploadChart } from './charts.ts';
import type { SlackConfig } from './config.ts';
import { toPostError } from './post-error.ts';
import { createHttpReceiver, createSocketReceiver, SLACK_EVENTS_PATH, toBoltLogger } from './receivers.ts';
import { BUTTON_ACTION_ID, renderReplyAsBlocks } from './render.ts';
import { messageResponder, responseUrlResponder } from './responders.ts';
import { responseUrlSenders } from './response-url.ts';
import {
  buttonActionToInvocation,
  directMessageToInvocation,
  mentionToInvocation,
  slashCommandToInvocation,
} from './to-invocation.ts';

export type { SlackConfig };
export { SLACK_EVENTS_PATH };

export interface SlackAdapterOptions {
  config: SlackConfig;
  dispatcher: Dispatcher;
  logger: Logger;
  /** Interface to listen on in HTTP mode; every interface when unset (tests pass 127.0.0.1). */
  host?: string;
  /** The bot's one HTTP server on PORT, shared with other platforms (Discord's interactions); Slack's own when unset. */
  http?: SharedHttpServer;
  /** Called each time the Socket Mode connection is re-established (e.g. to count reconnects). */
  onReconnect?: () => void;
  /** Called each time a reply is tried again because Slack did not take it (metrics). */
  onReplyRetry?: (source: 'slash' | 'button') => void;
  /** How long one try of a reply through a response_url may take (10 s, the delivery policy's, when unset). */
  replyTimeoutMs?: number;
}

/** The Slack platform; `port` is the HTTP port actually listened on (useful with PORT=0), unset in Socket Mode. */
export interface SlackAdapter extends Platform {
  readonly mode: 'http' | 'socket';
  readonly port: number | undefined;
}

// An answer that arrives minutes late is worse than none: a few quick retries, not the client's
// default of ten over thirty minutes. Every call is also bounded in time (the client has no timeout).
const WEB_API_CLIENT_OPTIONS = {
  retryConfig: { retries: 2, factor: 2, minTimeout: 250, maxTimeout: 1000, randomize: false },
  timeout: 10_000,
} satisfies webApi.WebClientOptions;

const STOP_TIMEOUT_MS = 10_000;

/**
 * The Slack platform: a Bolt app that turns `/ai-news`, @-mentions (answered in their thread), direct
 * messages and buttons into invocations for the dispatcher. HTTP mode on `config.port` unless
 * `config.appToken` is set, then Socket Mode.
 */
export function createSlackAdapter({
  config,
  dispatcher,
  logger,
  host,
  http,
  onReconnect,
  onReplyRetry,
  replyTimeoutMs,
}: SlackAdapterOptions): SlackAdapter {
  const log = logger.child({ platform: 'slack' });
  const clientOptions: webApi.WebClientOptions = {
    ...WEB_API_CLIENT_OPTIONS,
    ...(config.apiUrl
      ? { slackApiUrl: config.apiUrl.endsWith('/') ? config.apiUrl : `${config.apiUrl}/` }
      : {}),
  };
  const mode = config.appToken ? 'socket' : 'http';
  const socketReceiver = config.appToken
    ? createSocketReceiver({ ...config, appToken: config.appToken }, clientOptions, log)
    : undefined;
  const httpReceiver = socketReceiver ? undefined : createHttpReceiver(config, log);
  // On the shared server, /slack/events is one route among others; Bolt's own server is not started.
  // HTTP mode: /slack/events on the bot's shared server (PORT), or on one of its own when none is given.
  const server = httpReceiver ? (http ?? new SharedHttpServer(config.port, host)) : undefined;
  if (httpReceiver) server?.route(SLACK_EVENTS_PATH, httpReceiver.app);
  const app = new App({
    token: config.botToken,
    receiver: socketReceiver ?? httpReceiver,
    logger: toBoltLogger(log),
    clientOptions,
    // auth.test runs in start(), not in the constructor: a bad token fails start, loudly.
    deferInitialization: true,
    // Bolt's per-conversation store is unused here; skipping it saves a lookup on every request.
    convoStore: false,
  });
  // Payloads do not say who is a workspace admin: users.info is asked, by the dispatcher, only for admin-only commands.
  const isAdmin = createAdminCheck({
    adminUserIds: config.adminUserIds ?? [],
    lookUpRole: async (user) => (await app.client.users.info({ user })).user,
    onLookupFailure: (user, error) => log.warn({ err: error, user }, 'could not look up a Slack user’s role'),
  });
  const adminCheckOf = (userId: string) => () => isAdmin(userId);
  let started = false;
  let stopping = false;
  /** Socket Mode: between 'reconnecting' and 'connected', while the client's own start() is pending. */
  let reconnecting = false;
  let socketConnected = false;
  let port: number | undefined;

  /** Bolt only provides respond() when a payload has a response_url; without one no answer can go anywhere. */
  function hasResponseUrl(respond: RespondFn | undefined, kind: string): respond is RespondFn {
    if (typeof respond === 'function') return true;
    log.warn({ kind }, 'payload without a response_url ignored');
    return false;
  }

  const sendTo = responseUrlSenders(log, onReplyRetry, replyTimeoutMs);

  // Slack only sends the commands declared in the manifest; matching any name lets a staging copy of
  // the app rename its command (/ai-news-staging) without a code change.
  app.command(/.*/, async ({ ack, body, respond, client }) => {
    if (!hasResponseUrl(respond, 'slash command')) return void (await ack());
    const translation = slashCommandToInvocation(body);
    const isAdmin = adminCheckOf(translation.ok ? translation.invocation.user.id : '');
    const charts = translation.ok ? slackCharts(client, translation.invocation, log) : undefined;
    const fallback = translation.ok
      ? messageResponder(client, translation.invocation, isAdmin, charts)
      : undefined;
    const send = sendTo(body.response_url, 'slash');
    const responder = responseUrlResponder(() => ack(), send, isAdmin, {}, fallback, charts);
    // Stopping: acked and told to ask again, never acked and left without an answer.
    if (stopping) void dispatcher.decline('slack', responder, 'stopping');
    else if (!translation.ok) {
      log.warn({ reason: translation.reason }, 'malformed slash command');
      void dispatcher.decline('slack', responder, 'unreadable');
    } else void dispatcher.dispatch(translation.invocation, responder);
  });

  const button = { type: 'block_actions', action_id: BUTTON_ACTION_ID } as const;
  app.action(button, async ({ ack, body, respond, client }) => {
    if (!hasResponseUrl(respond, 'button') || stopping) return void (await ack());
    const translation = buttonActionToInvocation(body);
    const extra = { replace_original: false };
    if (!translation.ok) {
      log.warn({ reason: translation.reason }, 'malformed button click');
      const noAdmin = async () => false;
      const responder = responseUrlResponder(
        () => ack(),
        sendTo(body.response_url, 'button'),
        noAdmin,
        extra,
      );
      return void dispatcher.decline('slack', responder, 'unreadable');
    }
    const { invocation } = translation;
    const isAdmin = adminCheckOf(invocation.user.id);
    const thread = invocation.threadId ? { thread_ts: invocation.threadId } : {};
    const charts = slackCharts(client, invocation, log);
    const fallback = messageResponder(client, invocation, isAdmin, charts);
    const send = sendTo(body.response_url, 'button');
    void dispatcher.dispatch(
      invocation,
      responseUrlResponder(() => ack(), send, isAdmin, { ...extra, ...thread }, fallback, charts),
    );
  });

  for (const [event, translate] of [
    ['app_mention', mentionToInvocation],
    ['message', directMessageToInvocation],
  ] as const) {
    app.event(event, async ({ event: payload, body, context, client }) => {
      if (stopping) return;
      const translation = translate(payload as never, {
        botUserId: context.botUserId,
        teamId: context.teamId,
      });
      if (!translation.ok) {
        log.debug({ kind: event, reason: translation.reason }, 'Slack payload ignored');
        return;
      }
      const eventId = (body as { event_id?: unknown }).event_id;
      const invocation = { ...translation.invocation, ...(typeof eventId === 'string' ? { eventId } : {}) };
      void dispatcher.dispatch(
        invocation,
        messageResponder(
          client,
          invocation,
          adminCheckOf(invocation.user.id),
          slackCharts(client, invocation, log),
        ),
      );
    });
  }

  app.error(async (error) => {
    log.error({ err: error }, 'unhandled error in a Slack listener');
  });

  if (socketReceiver) {
    const { client } = socketReceiver;
    client.on('connected', () => {
      socketConnected = true;
      if (reconnecting) {
        reconnecting = false;
        log.info('Socket Mode connection re-established');
        onReconnect?.();
      }
    });
    // Slack recycles Socket Mode connections (a `disconnect` message, then a new URL); the client reconnects.
    client.on('reconnecting', () => {
      socketConnected = false;
      reconnecting = true;
    });
    for (const state of ['disconnected', 'disconnecting']) client.on(state, () => (socketConnected = false));
  }

  async function closeSocket(receiver: NonNullable<typeof socketReceiver>): Promise<void> {
    // Disconnecting while the client reconnects rejects its pending start(), which nothing catches:
    // let the reconnect finish first (bounded).
    if (reconnecting) {
      const connected = new Promise<void>((resolve) => receiver.client.once('connected', () => resolve()));
      await within(connected, STOP_TIMEOUT_MS);
    }
    // The receiver's stop() returns before the socket closes; the client's disconnect() waits for it.
    if ((await within(receiver.client.disconnect(), STOP_TIMEOUT_MS)) === TIMED_OUT)
      log.warn('Socket Mode connection did not close in time');
  }

  return {
    id: 'slack',
    mode,
    get port() {
      return port;
    },
    async start() {
      if (started) return;
      await app.init();
      if (server) {
        port = await server.open();
        log.info({ mode, port, path: SLACK_EVENTS_PATH }, 'Slack adapter listening');
      } else {
        await app.start();
        log.info({ mode }, 'Slack adapter connected (Socket Mode)');
      }
      started = true;
    },
    async stop() {
      if (!started) return;
      started = false;
      stopping = true;
      if (socketReceiver) await closeSocket(socketReceiver);
      else if (server) {
        // Requests already received are read and answered; each connection then closes
        // (`Connection: close`), so no keep-alive client is reset in the middle of a request.
        const cut = await server.release(STOP_TIMEOUT_MS);
        if (cut > 0) log.warn({ requests: cut }, 'Slack HTTP requests still open at shutdown were cut off');
        port = undefined;
      }
      // Answers go out over the Web API and response_url, which outlive the listener.
      await dispatcher.drain('slack');
    },
    async post(channelId, reply) {
      const { image, ...answer } = reply;
      try {
        await app.client.chat.postMessage({ channel: channelId, ...renderReplyAsBlocks(answer) });
      } catch (error) {
        throw toPostError(error, channelId);
      }
      // The summary is posted: a chart that cannot follow it is logged, not a reason to post again.
      if (image) await uploadChart(app.client, image, channelId, undefined, log);
    },
    isConnected() {
      return started && (socketReceiver ? socketConnected : true);
    },
    canPost: (channelId) => checkConversation(app.client, channelId, log),
  };
}
