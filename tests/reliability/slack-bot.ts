import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TEST_BOT_TOKEN } from '../fakes/slack-harness.ts';
import {
  postSigned,
  slashCommandBody,
  slashCommandPayload,
  TEST_SIGNING_SECRET,
} from '../fakes/slack-requests.ts';
import { type FakeSlackCall, type FakeSlackWebApi, startFakeSlackWebApi } from '../fakes/slack-web-api.ts';
import { exitCode, freePort, startBot, until } from '../main/bot-process.ts';

/** A real bot process (`src/main.ts`, Slack over HTTP) against a fake Slack Web API, with its database file. */
export interface SlackBot {
  process: ChildProcess;
  api: FakeSlackWebApi;
  /** Its standard error: the JSON log, or why it refused to start. */
  stderr: () => string;
  eventsUrl: string;
  /** Base URL of /healthz, /readyz and /metrics. */
  healthUrl: string;
  dbPath: string;
  /** Sends a signed `/ai-news <text>` whose response_url is the fake's `/respond/<id>`. */
  slash(text: string, id: string, fields?: Record<string, string>): Promise<{ status: number; text: string }>;
  /** The response_url POSTs received for `id`. */
  answers(id: string): FakeSlackCall[];
  /** A counter's value in /metrics (0 when absent), e.g. `ai_news_replies_total{platform="slack",source="slash",outcome="lost"}`. */
  metric(series: string): Promise<number>;
  /** Kills the process (SIGKILL unless told) and waits for it; the fake API stays up unless `close`. */
  kill(signal?: NodeJS.Signals): Promise<number | null>;
  /** Kills the process, closes the fake API and deletes the database's folder. */
  stop(): Promise<void>;
}

export interface SlackBotOptions {
  /** The database file; a new one in a folder of its own when unset. */
  dbPath?: string;
  /** A fake Web API to share (not closed by stop); a new one when unset. */
  api?: FakeSlackWebApi;
  env?: Record<string, string>;
  /** Resolve once /healthz answers (default), or at once (a bot expected to refuse to start). */
  waitUntilUp?: boolean;
}

/** Starts the bot as a process of its own, as `npm start` runs it, on Slack's HTTP mode with metrics. */
export async function startSlackBot(options: SlackBotOptions = {}): Promise<SlackBot> {
  const dir = options.dbPath ? undefined : mkdtempSync(join(tmpdir(), 'ai-news-faults-'));
  const dbPath = options.dbPath ?? join(dir as string, 'bot.db');
  const api = options.api ?? (await startFakeSlackWebApi());
  const [port, metricsPort] = [await freePort(), await freePort()];
  const { bot, stderr } = startBot({
    SLACK_BOT_TOKEN: TEST_BOT_TOKEN,
    SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
    SLACK_API_URL: api.apiUrl,
    SLACK_APP_TOKEN: '',
    DISCORD_TOKEN: '',
    DATABASE_URL: '',
    PORT: String(port),
    METRICS_PORT: String(metricsPort),
    METRICS_HOST: '127.0.0.1',
    DB_PATH: dbPath,
    // Bursts come from one test user: the per-user rate limit is not what these tests are about.
    RATE_LIMIT_QUESTIONS: '9999',
    RATE_LIMIT_WINDOW_SECONDS: '1',
    ...options.env,
  });
  const eventsUrl = `http://127.0.0.1:${port}/slack/events`;
  const healthUrl = `http://127.0.0.1:${metricsPort}`;
  const kill = async (signal: NodeJS.Signals = 'SIGKILL') => {
    if (bot.exitCode === null && bot.signalCode === null) bot.kill(signal);
    return exitCode(bot);
  };
  const handle: SlackBot = {
    process: bot,
    api,
    stderr,
    eventsUrl,
    healthUrl,
    dbPath,
    slash: (text, id, fields = {}) =>
      postSigned(eventsUrl, slashCommandBody(slashCommandPayload(text, api.responseUrl(id), fields))),
    answers: (id) => api.calls.filter((c) => c.responseId === id),
    async metric(series) {
      const text = await (await fetch(`${healthUrl}/metrics`)).text();
      const line = text.split('\n').find((l) => l.startsWith(`${series} `));
      return line ? Number(line.slice(series.length + 1)) : 0;
    },
    kill,
    async stop() {
      await kill();
      if (!options.api) await api.close();
      if (dir) rmSync(dir, { recursive: true, force: true });
    },
  };
  if (options.waitUntilUp ?? true) {
    const state = await until(
      async () => {
        if (bot.exitCode !== null) return 'exited';
        return (await fetch(`${healthUrl}/healthz`)).ok ? 'up' : undefined;
      },
      'the bot to be up',
      20_000,
    ).catch((error: Error) => error.message);
    if (state !== 'up') {
      await handle.stop();
      throw new Error(`the bot did not come up (${state}):\n${stderr()}`);
    }
  }
  return handle;
}

/** Runs `task` over `items` with at most `concurrency` at once; results in the items' order. */
export async function inBatches<T, R>(
  items: readonly T[],
  concurrency: number,
  task: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index] as T, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  return results;
}

/** The `ai_news_replies_total` series of Slack slash commands with this outcome. */
export const slashReplies = (outcome: 'delivered' | 'retried' | 'lost' | 'unknown') =>
  `ai_news_replies_total{platform="slack",source="slash",outcome="${outcome}"}`;
