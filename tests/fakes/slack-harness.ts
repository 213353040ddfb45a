import { createSlackAdapter, type SlackAdapter } from '../../src/adapters/slack/app.ts';
import type { Invocation } from '../../src/core/invocation.ts';
import { createLogger } from '../../src/core/logger.ts';
import type { Router } from '../../src/core/router.ts';
import { core } from '../helpers.ts';
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
  api: FakeSlackWebApi;
  socket?: FakeSocketModeServer;
  /** The app's /slack/events URL (HTTP mode). */
  eventsUrl: string;
  /** Every invocation that reached the router. */
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
    /** The router to wrap; the shared core's by default. */
    router?: Router;
    adminUserIds?: string[];
    workspaceAdmins?: string[];
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
  const realRouter = options.router ?? core().router;
  const router: Router = {
    engine: realRouter.engine,
    commands: realRouter.commands,
    handle(invocation) {
      handled.push(invocation);
      return realRouter.handle(invocation);
    },
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
    router,
    logger: createLogger({ level: 'debug', destination }),
    host: '127.0.0.1',
    onReconnect: () => {
      reconnects += 1;
    },
  });
  await adapter.start();
  return {
    adapter,
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
