/**
 * Discord benchmark, in two parts. HTTP interactions (bench/discord-http.ts): a burst of signed
 * interactions POSTed to the endpoint, as a ratio to a bare signature-checking handler's floor
 * measured in the same run; target p99 ≤ 2× the floor. Then the gateway, reported with no target
 * (`--http` runs the HTTP part alone):
 *
 * a burst of `/ai-news` interactions (500 by default, BENCH_DISCORD_N to change)
 * dispatched through a fake gateway to the real discord.js client of the Discord adapter. The bot runs
 * in its own process, so its RSS is its own; this process plays Discord (gateway and REST on
 * 127.0.0.1) and times each interaction from its dispatch to its reply arriving at the fake REST
 * server. Prints p50 and p99 for the burst, for the same interactions one at a time, and for a paced
 * stream, with the bot process's RSS. For scale, it also times the same number of bare HTTP requests
 * sent at once from the bot process to the same fake, and reports how busy the bot's one JavaScript
 * thread was during the burst: together they show how much of a burst's latency is the work itself.
 */

import { type ChildProcess, fork } from 'node:child_process';
import { once } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { commands } from '../commands/index.ts';
import { createDiscordAdapter } from '../src/adapters/discord/client.ts';
import { createRestAgent } from '../src/adapters/discord/rest-agent.ts';
import { createCore } from '../src/app.ts';
import { silentLogger } from '../src/core/logger.ts';
import {
  APPLICATION_ID,
  autocompleteInteraction,
  BOT_TOKEN,
  FakeDiscord,
  type RecordedRequest,
  slashInteraction,
  snowflake,
} from '../tests/fakes/discord-fake.ts';
import { quantile } from './common.ts';
import { benchHttp } from './discord-http.ts';

const BURST = Number(process.env.BENCH_DISCORD_N ?? 500);
const WARM_UP = 50;
/** Interactions sent one after the other, for the latency of one interaction on an idle bot. */
const SEQUENTIAL = 200;
/** A steady stream: one interaction every PACE_MS, i.e. 1,000 a second. */
const PACE_MS = 1;
/** How long a run may wait for its last reply before the bench gives up. */
const RUN_LIMIT_MS = 60_000;

const INTERACTIONS = [
  () => slashInteraction('ask', { question: 'Did Congress block DeepSeek?' }),
  () => slashInteraction('ask', { question: 'how much did nvidia stock drop' }),
  () => slashInteraction('ask', { question: 'what is the valuation of deepseek in japan' }),
  () => slashInteraction('ask', { question: 'is alibaba investing in deepseek', private: true }),
  () => slashInteraction('summary'),
  () => slashInteraction('topic', { name: 'bans' }),
  () => slashInteraction('who', { name: 'Yan Qiao' }),
  () => autocompleteInteraction('ask', 'question', 'nvidia'),
];

/** Bare HTTP requests from the bot process: where each goes, and the body to send. */
interface HttpBurst {
  type: 'http';
  origin: string;
  paths: string[];
  body: string;
}

type ParentMessage = { type: 'memory' | 'busy-start' | 'busy' | 'stop' } | HttpBurst;

type BotMessage =
  | { type: 'ready' }
  | { type: 'memory'; rss: number; maxRss: number }
  /** When each bare request was handed to the HTTP client, by path, in ms since the epoch. */
  | { type: 'http'; sentAt: Record<string, number> }
  /** How long the bot's event loop was busy since `busy-start`, and its CPU time (all threads). */
  | { type: 'busy'; activeMs: number; cpuMs: number };

/** Milliseconds since the epoch, comparable between the two processes. */
const epochNow = () => performance.timeOrigin + performance.now();

/** The bot process: the Discord adapter logged in to the parent's fake Discord. */
async function runBot(): Promise<void> {
  const { dispatcher } = createCore({ commands });
  const adapter = createDiscordAdapter({
    config: {
      token: BOT_TOKEN,
      clientId: APPLICATION_ID,
      apiUrl: process.env.BENCH_DISCORD_API_URL as string,
    },
    dispatcher,
    logger: silentLogger(),
  });
  await adapter.start();
  // Its own pool, built as the adapter builds its own: the bare requests share nothing with the bot's.
  const http = createRestAgent();
  let busySince = { loop: performance.eventLoopUtilization(), cpu: process.cpuUsage() };
  process.on('message', (message: ParentMessage) => {
    const send = (reply: BotMessage) => process.send?.(reply);
    if (message.type === 'memory') {
      send({ type: 'memory', rss: process.memoryUsage().rss, maxRss: process.resourceUsage().maxRSS * 1024 });
    } else if (message.type === 'busy-start') {
      busySince = { loop: performance.eventLoopUtilization(), cpu: process.cpuUsage() };
    } else if (message.type === 'busy') {
      const loop = performance.eventLoopUtilization(busySince.loop);
      const cpu = process.cpuUsage(busySince.cpu);
      send({ type: 'busy', activeMs: loop.active, cpuMs: (cpu.user + cpu.system) / 1000 });
    } else if (message.type === 'http') {
      const sentAt: Record<string, number> = {};
      const requests = message.paths.map((path) => {
        sentAt[path] = epochNow();
        return http
          .request({
            origin: message.origin,
            path,
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: `Bot ${BOT_TOKEN}` },
            body: message.body,
          })
          .then((response) => response.body.dump());
      });
      void Promise.all(requests).then(() => send({ type: 'http', sentAt }));
    } else if (message.type === 'stop') {
      void Promise.all([adapter.stop(), http.close()]).then(() => process.disconnect());
    }
  });
  process.send?.({ type: 'ready' } satisfies BotMessage);
}

const ms = (n: number) => `${n.toFixed(2)} ms`;
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

async function nextMessage<T extends BotMessage['type']>(
  child: ChildProcess,
  type: T,
): Promise<Extract<BotMessage, { type: T }>> {
  for (;;) {
    const [message] = (await once(child, 'message')) as [BotMessage];
    if (message.type === type) return message as Extract<BotMessage, { type: T }>;
  }
}

async function runBench(): Promise<void> {
  const fake = await FakeDiscord.start();
  // Each expected request's path → what to do when it arrives: one lookup per request, however many
  // are outstanding, so this process's bookkeeping does not grow with the burst.
  const expected = new Map<string, (request: RecordedRequest) => void>();
  const stopListening = fake.onRequestReceived((request) => {
    const arrived = expected.get(request.path);
    if (!arrived) return;
    expected.delete(request.path);
    arrived(request);
  });
  const bot = fork(fileURLToPath(import.meta.url), [], {
    env: { ...process.env, BENCH_DISCORD_ROLE: 'bot', BENCH_DISCORD_API_URL: fake.apiUrl },
    execArgv: ['--import', 'tsx'],
  });

  /** Resolves once a request has arrived at each path, with its arrival time, by path. */
  function arrivals(paths: string[], what: string): Promise<Map<string, number>> {
    return new Promise((resolve, reject) => {
      const arrived = new Map<string, number>();
      const timer = setTimeout(() => {
        for (const path of paths) expected.delete(path);
        reject(new Error(`no reply to ${paths.length - arrived.size} of ${paths.length} ${what}`));
      }, RUN_LIMIT_MS);
      for (const path of paths) {
        expected.set(path, (request) => {
          arrived.set(path, request.receivedAt);
          if (arrived.size === paths.length) {
            clearTimeout(timer);
            resolve(arrived);
          }
        });
      }
    });
  }

  try {
    await nextMessage(bot, 'ready');
    bot.send({ type: 'memory' });
    const idle = await nextMessage(bot, 'memory');

    /** Dispatches `n` interactions (all at once, one at a time, or paced) and times each reply. */
    async function run(n: number, mode: 'burst' | 'sequential' | 'paced'): Promise<number[]> {
      // Built beforehand, so that dispatching is all the loop below does.
      const payloads = Array.from({ length: n }, (_, i) =>
        (INTERACTIONS[i % INTERACTIONS.length] as () => { id: string; token: string })(),
      );
      const callbacks = payloads.map(({ id, token }) => `/interactions/${id}/${token}/callback`);
      const sentAt = new Map<string, number>();
      const latencies: number[] = [];
      const record = (arrived: Map<string, number>) => {
        for (const [path, at] of arrived) latencies.push(at - (sentAt.get(path) as number));
      };
      if (mode === 'burst') {
        const replies = arrivals(callbacks, 'interactions');
        for (const [i, payload] of payloads.entries()) {
          sentAt.set(callbacks[i] as string, performance.now());
          fake.dispatch('INTERACTION_CREATE', payload);
        }
        record(await replies);
      } else {
        const replies: Promise<void>[] = [];
        for (const [i, payload] of payloads.entries()) {
          const callback = callbacks[i] as string;
          const reply = arrivals([callback], 'interactions').then(record);
          sentAt.set(callback, performance.now());
          fake.dispatch('INTERACTION_CREATE', payload);
          if (mode === 'sequential') await reply;
          else replies.push(reply);
          if (mode === 'paced') await sleep(PACE_MS);
        }
        await Promise.all(replies);
      }
      return latencies.sort((a, b) => a - b);
    }

    /**
     * `n` bare POSTs sent at once from the bot process to the same fake route, over a pool built like
     * the adapter's, with the body of a real reply: the floor the HTTP hop alone puts under a burst.
     */
    async function bareHttp(n: number, body: string): Promise<number[]> {
      const paths = Array.from({ length: n }, () => {
        const id = snowflake();
        return `/interactions/${id}/bare-${id}/callback`;
      });
      const arrived = arrivals(paths, 'bare requests');
      bot.send({
        type: 'http',
        origin: new URL(fake.apiUrl).origin,
        paths: paths.map((p) => `/api/v10${p}`),
        body,
      });
      const [times, sent] = await Promise.all([arrived, nextMessage(bot, 'http')]);
      const latencies = paths.map(
        (path) =>
          performance.timeOrigin + (times.get(path) as number) - (sent.sentAt[`/api/v10${path}`] as number),
      );
      return latencies.sort((a, b) => a - b);
    }

    await run(WARM_UP, 'burst');
    const alone = await run(SEQUENTIAL, 'sequential');
    const paced = await run(BURST, 'paced');
    bot.send({ type: 'busy-start' });
    const started = performance.now();
    const burst = await run(BURST, 'burst');
    const wall = performance.now() - started;
    bot.send({ type: 'busy' });
    const busy = await nextMessage(bot, 'busy');
    bot.send({ type: 'memory' });
    const after = await nextMessage(bot, 'memory');
    // The body of a real reply (type 4: a message, not autocomplete choices).
    const replyBody = JSON.stringify(
      fake.requests.findLast((r) => r.path.endsWith('/callback') && r.body?.type === 4)?.body ?? {},
    );
    // Warmed up as much as the bot's own path was before its burst.
    await bareHttp(WARM_UP, replyBody);
    await bareHttp(BURST, replyBody);
    await bareHttp(BURST, replyBody);
    const bare = await bareHttp(BURST, replyBody);

    console.log(
      `Discord adapter, real discord.js client: ${BURST} /ai-news interactions through a fake gateway ` +
        `(after ${WARM_UP} to warm up); time from dispatch to the reply at the fake REST server`,
    );
    const row = (values: number[]) => ({
      p50: ms(quantile(values, 0.5)),
      p99: ms(quantile(values, 0.99)),
      max: ms(values.at(-1) ?? 0),
    });
    console.table({
      [`burst: ${BURST} dispatched at once`]: row(burst),
      [`paced: ${BURST}, one every ${PACE_MS} ms`]: row(paced),
      [`${SEQUENTIAL} one at a time`]: row(alone),
      [`floor: ${BURST} bare POSTs at once, no bot`]: row(bare),
    });
    const p99 = (values: number[]) => quantile(values, 0.99);
    const perInteraction = busy.activeMs / BURST;
    console.log(
      `burst took ${ms(wall)} (${Math.round((BURST / wall) * 1000)} interactions/s). Gateway burst p99 ` +
        `${ms(p99(burst))} is ${(p99(burst) / p99(bare)).toFixed(2)}× its bare-REST floor's ${ms(p99(bare))} ` +
        `(the floor row: ${BURST} bare POSTs at once from the bot process to this fake, with no gateway, ` +
        `discord.js or bot); paced ${(p99(paced) / p99(bare)).toFixed(2)}×. Reported, with no target: ` +
        'bursts belong on the HTTP interactions endpoint.',
    );
    console.log(
      `Bot process RSS ${mb(idle.rss)} idle, ${mb(after.rss)} after the burst, peak ${mb(after.maxRss)}. ` +
        `Its one JavaScript thread was busy ${ms(busy.activeMs)} during the burst: ` +
        `${(perInteraction * 1000).toFixed(0)} µs per interaction (${ms(busy.cpuMs)} of CPU in all threads).`,
    );
  } finally {
    stopListening();
    bot.send({ type: 'stop' });
    await Promise.race([once(bot, 'exit'), new Promise((resolve) => setTimeout(resolve, 5_000).unref())]);
    if (bot.exitCode === null) bot.kill();
    await fake.close();
  }
}

async function runAll(): Promise<void> {
  await benchHttp();
  if (!process.argv.includes('--http')) await runBench();
}

const role = process.env.BENCH_DISCORD_ROLE;
(role === 'bot' ? runBot() : role === undefined ? runAll() : Promise.resolve()).catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
