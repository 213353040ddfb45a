import type { ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  App,
  type Logger as BoltLogger,
  ExpressReceiver,
  LogLevel,
  type RespondArguments,
  type RespondFn,
  SocketModeReceiver,
  webApi,
} from '@slack/bolt';
import type { Config } from '../../config.ts';
import type { PlatformAdapter } from '../../core/adapter.ts';
import type { Invocation } from '../../core/invocation.ts';
import type { Logger } from '../../core/logger.ts';
import type { Reply } from '../../core/reply.ts';
import { type Router, requiresAdmin } from '../../core/router.ts';
import { TIMED_OUT, within } from '../../core/timeouts.ts';
import { createAdminCheck } from './admins.ts';
import { toPostError } from './post-error.ts';
import { BUTTON_ACTION_ID, renderReplyAsBlocks } from './render.ts';
import {
  buttonActionToInvocation,
  directMessageToInvocation,
  mentionToInvocation,
  slashCommandToInvocation,
  type Translation,
} from './to-invocation.ts';

/** The one path Slack posts slash commands, events and interactivity to (see slack-manifest.yaml). */
export const SLACK_EVENTS_PATH = '/slack/events';

/** Settings of the Slack adapter: the `slack` part of Config. */
export type SlackConfig = NonNullable<Config['slack']>;

export interface SlackAdapterOptions {
  config: SlackConfig;
  router: Router;
  logger: Logger;
  /** Interface to listen on in HTTP mode; every interface when unset (tests pass 127.0.0.1). */
  host?: string;
  /** Called each time the Socket Mode connection is re-established (e.g. to count reconnects). */
  onReconnect?: () => void;
}

/** The Slack adapter; `port` is the HTTP port actually listened on (useful with PORT=0), unset in Socket Mode. */
export interface SlackAdapter extends PlatformAdapter {
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
/** Event ids remembered to drop Slack's redeliveries (HTTP retries, Socket Mode reconnects). */
const REMEMBERED_EVENT_IDS = 1000;

const UNREADABLE_REPLY: Reply = {
  kind: 'error',
  body: 'Sorry — I couldn’t read that request from Slack. Please try again, or type /ai-news help.',
  visibility: 'ephemeral',
};

/** Bolt logs through the bot's logger (JSON, secrets redacted); the level is LOG_LEVEL's, not Bolt's. */
function toBoltLogger(log: Logger): BoltLogger {
  const line = (msg: unknown[]) => msg.map((m) => (typeof m === 'string' ? m : String(m))).join(' ');
  const levels: Record<string, LogLevel> = {
    trace: LogLevel.DEBUG,
    debug: LogLevel.DEBUG,
    info: LogLevel.INFO,
  };
  return {
    debug: (...msg: unknown[]) => log.debug(line(msg)),
    info: (...msg: unknown[]) => log.info(line(msg)),
    warn: (...msg: unknown[]) => log.warn(line(msg)),
    error: (...msg: unknown[]) => log.error(line(msg)),
    getLevel: () => levels[log.level] ?? (log.level === 'warn' ? LogLevel.WARN : LogLevel.ERROR),
    setLevel: () => {},
    setName: () => {},
  };
}

function responseType(reply: Reply): RespondArguments['response_type'] {
  return reply.visibility === 'ephemeral' ? 'ephemeral' : 'in_channel';
}

/**
 * The Slack adapter: a Bolt app answering `/ai-news`, @-mentions (in their thread), direct messages
 * and suggestion buttons. HTTP mode (Express receiver on `config.port`, everything at /slack/events,
 * signatures always verified) unless `config.appToken` is set, then Socket Mode.
 */
export function createSlackAdapter({
  config,
  router,
  logger,
  host,
  onReconnect,
}: SlackAdapterOptions): SlackAdapter {
  const log = logger.child({ platform: 'slack' });
  const boltLogger = toBoltLogger(log);
  const clientOptions: webApi.WebClientOptions = {
    ...WEB_API_CLIENT_OPTIONS,
    ...(config.apiUrl
      ? { slackApiUrl: config.apiUrl.endsWith('/') ? config.apiUrl : `${config.apiUrl}/` }
      : {}),
  };
  const mode = config.appToken ? 'socket' : 'http';

  const socketReceiver = config.appToken
    ? new SocketModeReceiver({
        appToken: config.appToken,
        logger: boltLogger,
        // A copy: the Socket Mode client writes its own defaults into the options it is given.
        installerOptions: { clientOptions: { ...clientOptions } },
        processEventErrorHandler: async ({ error, event }) => {
          log.warn({ err: error, type: event.body?.type }, 'malformed Slack payload ignored');
          // Acknowledged, so Slack does not redeliver a payload that can never be handled.
          return true;
        },
      })
    : undefined;
  // ExpressReceiver rather than Bolt's default HTTPReceiver: that one reads `body.ssl_check` outside
  // its try, so a correctly signed JSON `null` body becomes an unhandled rejection and ends the process.
  const httpReceiver = socketReceiver
    ? undefined
    : new ExpressReceiver({
        signingSecret: config.signingSecret,
        // Never turned off: an unsigned, stale or tampered request gets 401 and reaches no listener.
        signatureVerification: true,
        endpoints: SLACK_EVENTS_PATH,
        logger: boltLogger,
        // Ack first: the HTTP 200 goes out as soon as a listener acks, before the answer is worked out.
        processBeforeResponse: false,
        // Bolt throws on signed bodies that are JSON but not a Slack payload (null, wrong types).
        processEventErrorHandler: async ({ error, response }) => {
          log.warn({ err: error }, 'malformed Slack payload rejected');
          if (response.headersSent) return false;
          response.writeHead(400).end();
          return true;
        },
        // A signed payload of a kind no listener takes (not a command, event or action of ours).
        unhandledRequestHandler: ({ response }) => {
          log.warn('request to the Slack endpoint was not acknowledged by any listener');
          if (!response.headersSent) response.writeHead(404).end();
        },
      });
  if (httpReceiver) {
    httpReceiver.app.disable('x-powered-by');
    // Last resort for anything thrown in the HTTP layer: a bare 400, never Express's HTML stack trace.
    httpReceiver.app.use((error: unknown, _req: unknown, res: ServerResponse, _next: unknown) => {
      log.warn({ err: error }, 'Slack request failed in the HTTP layer');
      if (!res.headersSent) res.writeHead(400).end();
    });
  }

  const app = new App({
    token: config.botToken,
    receiver: socketReceiver ?? httpReceiver,
    logger: boltLogger,
    clientOptions,
    // auth.test runs in start(), not in the constructor: a bad token fails start, loudly.
    deferInitialization: true,
    // Bolt's per-conversation store is unused here; skipping it saves a lookup on every request.
    convoStore: false,
  });

  const isAdmin = createAdminCheck({
    adminUserIds: config.adminUserIds ?? [],
    lookUpRole: async (user) => (await app.client.users.info({ user })).user,
    onLookupFailure: (user, error) => log.warn({ err: error, user }, 'could not look up a Slack user’s role'),
  });

  /**
   * Routes an invocation. Payloads do not say who is a workspace admin, so users.info is asked, but
   * only for admin-only commands: ordinary questions cost no extra Web API call.
   */
  async function route(invocation: Invocation): Promise<Reply> {
    const admin =
      requiresAdmin(invocation, router.commands, router.engine) && (await isAdmin(invocation.user.id));
    return router.handle({ ...invocation, user: { ...invocation.user, isAdmin: admin } });
  }

  const inFlight = new Set<Promise<void>>();
  /** Socket Mode: between 'reconnecting' and 'connected', while the client's own start() is pending. */
  let reconnecting = false;
  const seenEventIds = new Set<string>();
  let started = false;
  let socketConnected = false;
  let port: number | undefined;

  /** Runs the work after an ack, remembered so stop() can let it finish; failures are logged, never thrown. */
  function track(what: string, work: () => Promise<void>): Promise<void> {
    // Deferred past pending I/O: in a burst, reading and acking the next requests (3 s deadline)
    // comes before answering this one (response_url stays valid for 30 minutes).
    const running = new Promise<void>((resolve) => setImmediate(resolve))
      .then(work)
      .catch((error: unknown) => {
        log.error({ err: error, what }, 'Slack reply failed');
      })
      .finally(() => inFlight.delete(running));
    inFlight.add(running);
    return running;
  }

  function isRedelivery(body: unknown): boolean {
    const eventId = (body as { event_id?: unknown } | undefined)?.event_id;
    if (typeof eventId !== 'string') return false;
    if (seenEventIds.has(eventId)) return true;
    seenEventIds.add(eventId);
    if (seenEventIds.size > REMEMBERED_EVENT_IDS) {
      const oldest = seenEventIds.values().next().value;
      if (oldest !== undefined) seenEventIds.delete(oldest);
    }
    return false;
  }

  function logIgnored(kind: string, translation: Extract<Translation, { ok: false }>): void {
    log.debug({ kind, reason: translation.reason }, 'Slack payload ignored');
  }

  async function respondWith(respond: RespondFn, reply: Reply, extra: RespondArguments = {}) {
    await respond({ response_type: responseType(reply), ...extra, ...renderReplyAsBlocks(reply) });
  }

  /** Bolt only provides respond() when a payload has a response_url; without one no answer can go anywhere. */
  function hasResponseUrl(respond: RespondFn | undefined, kind: string): respond is RespondFn {
    if (typeof respond === 'function') return true;
    log.warn({ kind }, 'payload without a response_url ignored');
    return false;
  }

  // Slack only sends the commands declared in the manifest; matching any name lets a staging copy of
  // the app rename its command (/ai-news-staging) without a code change.
  app.command(/.*/, async ({ ack, body, respond }) => {
    // Empty ack within Slack's 3 s: nothing is shown until the answer arrives.
    await ack();
    if (!hasResponseUrl(respond, 'slash command')) return;
    await track('slash command', async () => {
      const translation = slashCommandToInvocation(body);
      if (!translation.ok) {
        log.warn({ reason: translation.reason }, 'malformed slash command');
        await respondWith(respond, UNREADABLE_REPLY);
        return;
      }
      // Answers go back through response_url (not chat.postMessage): it works in every conversation
      // the command can be typed in, including private channels and DMs the bot is not a member of,
      // needs no extra scope, and in_channel shows the asker's command above the answer.
      await respondWith(respond, await route(translation.invocation));
    });
  });

  app.event('app_mention', async ({ event, body, context, client }) => {
    if (isRedelivery(body)) return;
    await track('mention', async () => {
      const translation = mentionToInvocation(event, {
        botUserId: context.botUserId,
        teamId: context.teamId,
      });
      if (!translation.ok) return logIgnored('app_mention', translation);
      const { invocation } = translation;
      const reply = await route(invocation);
      const message = renderReplyAsBlocks(reply);
      const thread_ts = invocation.threadId;
      if (reply.visibility === 'ephemeral') {
        await client.chat.postEphemeral({
          channel: invocation.channelId,
          user: invocation.user.id,
          ...(thread_ts ? { thread_ts } : {}),
          ...message,
        });
      } else {
        await client.chat.postMessage({
          channel: invocation.channelId,
          ...(thread_ts ? { thread_ts } : {}),
          ...message,
        });
      }
    });
  });

  app.event('message', async ({ event, body, context, client }) => {
    if (isRedelivery(body)) return;
    await track('direct message', async () => {
      const translation = directMessageToInvocation(event, {
        botUserId: context.botUserId,
        teamId: context.teamId,
      });
      if (!translation.ok) return logIgnored('message', translation);
      const { invocation } = translation;
      const reply = await route(invocation);
      const thread_ts = invocation.threadId;
      // A DM is private already: ephemeral replies are posted like any other.
      await client.chat.postMessage({
        channel: invocation.channelId,
        ...(thread_ts ? { thread_ts } : {}),
        ...renderReplyAsBlocks(reply),
      });
    });
  });

  app.action({ type: 'block_actions', action_id: BUTTON_ACTION_ID }, async ({ ack, body, respond }) => {
    await ack();
    if (!hasResponseUrl(respond, 'button')) return;
    await track('button', async () => {
      const translation = buttonActionToInvocation(body);
      if (!translation.ok) {
        log.warn({ reason: translation.reason }, 'malformed button click');
        await respondWith(respond, UNREADABLE_REPLY, { replace_original: false });
        return;
      }
      const { invocation } = translation;
      const reply = await route(invocation);
      // response_url again, so a click works wherever the message with the button is; a new message,
      // in the clicked message's thread when it is in one.
      await respondWith(respond, reply, {
        replace_original: false,
        ...(invocation.threadId ? { thread_ts: invocation.threadId } : {}),
      });
    });
  });

  app.error(async (error) => {
    log.error({ err: error }, 'unhandled error in a Slack listener');
  });

  if (socketReceiver) {
    const { client } = socketReceiver;
    // The Socket Mode client handles each frame in an async listener whose rejections nobody catches:
    // an envelope without `payload.event` (only a faulty server sends one) would end the process.
    for (const listener of client.listeners('ws_message')) {
      client.removeListener('ws_message', listener as (...args: unknown[]) => void);
      client.on('ws_message', (...args: unknown[]) => {
        Promise.resolve(listener.apply(client, args)).catch((error: unknown) => {
          log.warn({ err: error }, 'malformed Socket Mode frame ignored');
        });
      });
    }
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
    for (const state of ['disconnected', 'disconnecting']) {
      client.on(state, () => {
        socketConnected = false;
      });
    }
  }

  return {
    platform: 'slack',
    mode,
    get port() {
      return port;
    },
    async start() {
      if (started) return;
      await app.init();
      if (httpReceiver) {
        const server = await app.start(host ? { port: config.port, host } : config.port);
        port = (server.address() as AddressInfo | null)?.port;
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
      if (socketReceiver) {
        // Disconnecting while the client reconnects rejects its pending start(), which nothing catches:
        // let the reconnect finish first (bounded).
        if (reconnecting) {
          const connected = new Promise<void>((resolve) =>
            socketReceiver.client.once('connected', () => resolve()),
          );
          await within(connected, STOP_TIMEOUT_MS);
        }
        // The receiver's stop() returns before the socket closes; the client's disconnect() waits for it.
        const closed = await within(socketReceiver.client.disconnect(), STOP_TIMEOUT_MS);
        if (closed === TIMED_OUT) log.warn('Socket Mode connection did not close in time');
      } else {
        await app.stop();
        port = undefined;
      }
      const settled = await within(Promise.allSettled([...inFlight]), STOP_TIMEOUT_MS);
      if (settled === TIMED_OUT)
        log.warn({ pending: inFlight.size }, 'Slack replies still in flight at stop');
    },
    async post(channelId: string, reply: Reply) {
      try {
        await app.client.chat.postMessage({ channel: channelId, ...renderReplyAsBlocks(reply) });
      } catch (error) {
        throw toPostError(error, channelId);
      }
    },
    isConnected() {
      return started && (socketReceiver ? socketConnected : true);
    },
    async canPost(channelId: string) {
      try {
        const { channel } = await app.client.conversations.info({ channel: channelId });
        if (channel?.is_archived) return { ok: false, reason: 'the channel is archived' };
        // A DM has no membership to check; a channel the bot has not joined refuses its posts.
        if (channel?.is_member === false && !channel.is_im) {
          return {
            ok: false,
            reason: 'the bot is not in that channel; invite it with /invite, then try again',
          };
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
    },
  };
}
