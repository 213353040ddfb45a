/**
 * Discord benchmark: a burst of `/ai-news` interactions (500 by default, BENCH_DISCORD_N to change)
 * dispatched through a fake gateway to the real discord.js client of the Discord adapter. The bot runs
 * in its own process, so its RSS is its own; this process plays Discord (gateway and REST on
 * 127.0.0.1) and times each interaction from its dispatch to its reply arriving at the fake REST
 * server. Prints p50 and p99 for the burst, for the same interactions one at a time, and for a paced
 * stream, with the bot process's RSS.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { once } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { createDiscordAdapter } from '../src/adapters/discord/client.ts';
import { createCore } from '../src/app.ts';
import { silentLogger } from '../src/core/logger.ts';
import {
  APPLICATION_ID,
  autocompleteInteraction,
  BOT_TOKEN,
  FakeDiscord,
  slashInteraction,
} from '../tests/fakes/discord-fake.ts';

const BURST = Number(process.env.BENCH_DISCORD_N ?? 500);
const WARM_UP = 50;
/** Interactions sent one after the other, for the latency of one interaction on an idle bot. */
const SEQUENTIAL = 200;
/** A steady stream: one interaction every PACE_MS, i.e. 1,000 a second. */
const PACE_MS = 1;
const TARGET_P99_MS = 20;

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

type BotMessage = { type: 'ready' } | { type: 'memory'; rss: number; maxRss: number };

/** The bot process: the Discord adapter logged in to the parent's fake Discord. */
async function runBot(): Promise<void> {
  const { router } = createCore();
  const adapter = createDiscordAdapter({
    config: {
      token: BOT_TOKEN,
      clientId: APPLICATION_ID,
      apiUrl: process.env.BENCH_DISCORD_API_URL as string,
    },
    router,
    logger: silentLogger(),
  });
  await adapter.start();
  process.on('message', (message: { type: string }) => {
    if (message.type === 'memory') {
      const memory: BotMessage = {
        type: 'memory',
        rss: process.memoryUsage().rss,
        maxRss: process.resourceUsage().maxRSS * 1024,
      };
      process.send?.(memory);
    }
    if (message.type === 'stop') void adapter.stop().then(() => process.disconnect());
  });
  process.send?.({ type: 'ready' } satisfies BotMessage);
}

function quantile(sorted: number[], q: number): number {
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[index] as number;
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
  const bot = fork(fileURLToPath(import.meta.url), [], {
    env: { ...process.env, BENCH_DISCORD_ROLE: 'bot', BENCH_DISCORD_API_URL: fake.apiUrl },
    execArgv: ['--import', 'tsx'],
  });
  try {
    await nextMessage(bot, 'ready');
    bot.send({ type: 'memory' });
    const idle = await nextMessage(bot, 'memory');

    /** Dispatches `n` interactions (all at once, one at a time, or paced) and times each reply. */
    async function run(n: number, mode: 'burst' | 'sequential' | 'paced'): Promise<number[]> {
      const latencies: number[] = [];
      const replies: Promise<void>[] = [];
      for (let i = 0; i < n; i++) {
        const payload = (INTERACTIONS[i % INTERACTIONS.length] as () => { id: string; token: string })();
        const callback = `/interactions/${payload.id}/${payload.token}/callback`;
        const sentAt = performance.now();
        fake.dispatch('INTERACTION_CREATE', payload);
        const reply = fake
          .waitForRequest((r) => r.path === callback, `reply ${i}`)
          .then((request) => {
            latencies.push(request.receivedAt - sentAt);
          });
        if (mode === 'sequential') await reply;
        else replies.push(reply);
        if (mode === 'paced') await sleep(PACE_MS);
      }
      await Promise.all(replies);
      return latencies.sort((a, b) => a - b);
    }

    await run(WARM_UP, 'burst');
    const alone = await run(SEQUENTIAL, 'sequential');
    const paced = await run(BURST, 'paced');
    const started = performance.now();
    const burst = await run(BURST, 'burst');
    const wall = performance.now() - started;
    bot.send({ type: 'memory' });
    const after = await nextMessage(bot, 'memory');

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
    });
    const verdict = (values: number[]) =>
      `${ms(quantile(values, 0.99))} (${quantile(values, 0.99) < TARGET_P99_MS ? 'meets' : 'misses'})`;
    console.log(
      `burst took ${ms(wall)} (${Math.round((BURST / wall) * 1000)} interactions/s). p99 against the ` +
        `${TARGET_P99_MS} ms target: all at once ${verdict(burst)}, paced ${verdict(paced)}. ` +
        `Bot process RSS ${mb(idle.rss)} idle, ${mb(after.rss)} after the burst, peak ${mb(after.maxRss)}.`,
    );
  } finally {
    bot.send({ type: 'stop' });
    await Promise.race([once(bot, 'exit'), new Promise((resolve) => setTimeout(resolve, 5_000).unref())]);
    if (bot.exitCode === null) bot.kill();
    await fake.close();
  }
}

(process.env.BENCH_DISCORD_ROLE === 'bot' ? runBot() : runBench()).catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
