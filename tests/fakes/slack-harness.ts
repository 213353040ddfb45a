import { createSlackAdapter, type SlackAdapter } from '../../src/adapters/slack/app.ts';
import type { Dispatcher } from '../../src/core/dispatcher.ts';
import type { Invocation } from '../../src/core/invocation.ts';
import { createLogger } from '../../src/core/logger.ts';
import type { BotMetrics } from '../../src/observability/metrics.ts';
import { testDispatcher } from '../helpers.ts';
import { TEST_SIGNING_SECRET } from './slack-requests.ts';
import { type FakeSocketModeServer, startFakeSocketModeServer } from './slack-socket-mode.ts';
import { type FakeSlackWebApi, startFakeSlackWebApi } from './slack-web-api.ts';

export const TEST_BOT_TOKEN = 'xoxb-test-bot-token-0001';
export const TEST_APP_TOKEN = 'xapp-test-app-token-0001';
/** A user the fake Web API reports as a workspace admin. */
export const WORKSPACE_ADMIN = 'U0ADMIN01';

/** The real Slack adapter (real Bolt) wired to fakes on 127.0.0.1, with what it handled and logged. */
export interface SlackHarness {
  adapter: SlackAdapter;
  /** The dispatcher the adapter hands requests to (its replies in flight: `pending()`). */
  dispatcher: Dispatcher;
  api: FakeSlackWebApi;
  socket?: FakeSocketModeServer;
  /** The app's /slack/events URL (HTTP mode). */
  eventsUrl: string;
  /** Every invocation that reached the core. */
  handled: Invocation[];
  /** Log lines (JSON) the adapter wrote. */
  logs: string[];
  /** How many times the adapter reported a reconnect. */
  reconnects: () => number;
  /** Stops the adapter and the fakes, each bounded in time. */
  stop(): Promise<void>;
}

function bounded(promise: Promise<unknown>, ms = 5_000): Promise<unknown> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise,
    new Promise((resolve) => {
      timer = setTimeout(resolve, ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

/** Starts the adapter in HTTP mode, or in Socket Mode against a fake socket server. */
export async function startSlackHarness(
  options: {
    socketMode?: boolean;
    /** The dispatcher the adapter hands requests to; a fresh one over the shared core's router by default. */
    dispatcher?: Dispatcher;
    adminUserIds?: string[];
    workspaceAdmins?: string[];
    /** Counts what the adapter and its dispatcher handle, as the bot's /metrics does. */
    metrics?: BotMetrics;
    /** How long one try of a reply through a response_url may take (10 s when unset). */
    replyTimeoutMs?: number;
  } = {},
): Promise<SlackHarness> {
  const socket = options.socketMode ? await startFakeSocketModeServer() : undefined;
  const api = await startFakeSlackWebApi({
    ...(socket ? { socketUrl: () => socket.url } : {}),
    workspaceAdmins: options.workspaceAdmins ?? [WORKSPACE_ADMIN],
  });
  const handled: Invocation[] = [];
  let reconnects = 0;
  const logs: string[] = [];
  const destination = {
    write: (line: string) => {
      logs.push(line);
    },
  };
  const logger = createLogger({ level: 'debug', destination });
  const { metrics } = options;
  const dispatcher =
    options.dispatcher ??
    testDispatcher({ logger, ...(metrics ? { onHandled: (...args) => metrics.observe(...args) } : {}) });
  // Every request the adapter hands over is recorded: what reached the core, as the adapter translated it.
  const dispatch = dispatcher.dispatch.bind(dispatcher);
  dispatcher.dispatch = (invocation, responder) => {
    handled.push(invocation);
    return dispatch(invocation, responder);
  };
  const adapter = createSlackAdapter({
    config: {
      botToken: TEST_BOT_TOKEN,
      signingSecret: TEST_SIGNING_SECRET,
      ...(socket ? { appToken: TEST_APP_TOKEN } : {}),
      apiUrl: api.apiUrl,
      port: 0,
      ...(options.adminUserIds ? { adminUserIds: options.adminUserIds } : {}),
    },
    dispatcher,
    logger,
    host: '127.0.0.1',
    onReconnect: () => {
      reconnects += 1;
    },
    ...(metrics
      ? { onReplyRetry: (source) => metrics.replies.inc({ platform: 'slack', source, outcome: 'retried' }) }
      : {}),
    ...(options.replyTimeoutMs !== undefined ? { replyTimeoutMs: options.replyTimeoutMs } : {}),
  });
  await adapter.start();
  return {
    adapter,
    dispatcher,
    api,
    ...(socket ? { socket } : {}),
    eventsUrl: `http://127.0.0.1:${adapter.port ?? 0}/slack/events`,
    handled,
    logs,
    reconnects: () => reconnects,
    async stop() {
      await bounded(adapter.stop());
      if (socket) await bounded(socket.waitForClose().catch(() => undefined));
      await bounded(api.close());
      if (socket) await bounded(socket.close());
    },
  };
}
