import { Writable } from 'node:stream';
import pino from 'pino';
import { createDiscordAdapter, type DiscordAdapterOptions } from '../../../src/adapters/discord/client.ts';
import type { Dispatcher } from '../../../src/core/dispatcher.ts';
import type { Logger } from '../../../src/core/logger.ts';
import type { Platform } from '../../../src/core/platform.ts';
import { APPLICATION_ID, BOT_TOKEN, FakeDiscord, type RecordedRequest } from '../../fakes/discord-fake.ts';

/** One parsed log line the adapter wrote. */
export interface LogLine {
  level: number;
  msg: string;
  [key: string]: unknown;
}

/** A debug-level logger whose every line is parsed into `logs`, for tests that read what was logged. */
export function capturingLogger(): { logger: Logger; logs: LogLine[] } {
  const logs: LogLine[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      logs.push(JSON.parse(String(chunk)) as LogLine);
      done();
    },
  });
  return { logger: pino({ level: 'debug' }, sink), logs };
}

/** A fake Discord with the real discord.js client of the adapter connected to it. */
export interface Harness {
  fake: FakeDiscord;
  adapter: Platform;
  logs: LogLine[];
  /** Dispatches an interaction and resolves with its first callback request. */
  interact(payload: { id: string; token: string }): Promise<RecordedRequest>;
  close(): Promise<void>;
}

const TEARDOWN_LIMIT_MS = 5000;

/** Starts a fake Discord and an adapter logged in to it; `close()` is bounded. */
export async function startHarness(
  /** The dispatcher, or how to make one that logs where the adapter does. */
  dispatcher: Dispatcher | ((logger: Logger) => Dispatcher),
  options: Pick<
    DiscordAdapterOptions,
    'deferAfterMs' | 'onReconnect' | 'onReplyRetry' | 'restTryTimeoutMs'
  > = {},
): Promise<Harness> {
  const fake = await FakeDiscord.start();
  const { logger, logs } = capturingLogger();
  const adapter = createDiscordAdapter({
    config: { token: BOT_TOKEN, clientId: APPLICATION_ID, apiUrl: fake.apiUrl },
    dispatcher: typeof dispatcher === 'function' ? dispatcher(logger) : dispatcher,
    logger,
    shutdownTimeoutMs: 2000,
    ...options,
  });
  await adapter.start();
  return {
    fake,
    adapter,
    logs,
    interact(payload) {
      fake.dispatch('INTERACTION_CREATE', payload);
      return fake.waitForRequest(
        (r) => r.path === `/interactions/${payload.id}/${payload.token}/callback`,
        `the callback of interaction ${payload.id}`,
      );
    },
    async close() {
      // client.destroy() can hang when a connection is half-open: never let teardown outlive its budget.
      await Promise.race([
        adapter.stop(),
        new Promise((resolve) => setTimeout(resolve, TEARDOWN_LIMIT_MS).unref()),
      ]);
      await fake.close();
    },
  };
}
