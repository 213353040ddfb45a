/**
 * The HTTP interactions part of `npm run bench:discord`: a burst of signed interactions (500 by
 * default, BENCH_DISCORD_N) POSTed at the same instant to the bot's /discord/interactions, against
 * the same number of POSTs to a bare node:http handler in the same bot process that verifies the same
 * signature and returns a fixed JSON: the floor, measured in the same run. Target: p99 ≤ 2× the
 * floor with DATABASE_URL unset. Then the same with the stores on a shared PostgreSQL, for scale
 * (BENCH_DATABASE_URL, else a server started for the run). Each bot runs in its own process, so its
 * RSS and event-loop busy time are its own.
 */

import { type ChildProcess, fork } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { Agent, request } from 'undici';
import { commands } from '../commands/index.ts';
import { messageData } from '../src/adapters/discord/http-responder.ts';
import {
  createInteractionsEndpoint,
  DISCORD_INTERACTIONS_PATH,
} from '../src/adapters/discord/interactions-endpoint.ts';
import { renderReply } from '../src/adapters/discord/render.ts';
import { checkSignature, publicKeyFromHex } from '../src/adapters/discord/signature.ts';
import { createCore } from '../src/app.ts';
import { SharedHttpServer } from '../src/core/http-server.ts';
import { silentLogger } from '../src/core/logger.ts';
import { openStores } from '../src/storage/open-stores.ts';
import {
  APPLICATION_ID,
  autocompleteInteraction,
  buttonInteraction,
  slashInteraction,
} from '../tests/fakes/discord-fake.ts';
import { signedHeaders, testKeyPair } from '../tests/fakes/discord-interactions.ts';
import { quantile } from './common.ts';

const BURST = Number(process.env.BENCH_DISCORD_N ?? 500);
const WARM_UP = 50;
/** Bursts of each kind, alternating; the median p99 is reported, so one unlucky burst does not decide. */
const ROUNDS = 5;
const TARGET_RATIO = 2;

const INTERACTIONS = [
  () => slashInteraction('ask', { question: 'Did Congress block DeepSeek?' }),
  () => slashInteraction('ask', { question: 'how much did nvidia stock drop' }),
  () => slashInteraction('ask', { question: 'what is the valuation of deepseek in japan' }),
  () => slashInteraction('ask', { question: 'is alibaba investing in deepseek', private: true }),
  () => slashInteraction('summary'),
  () => slashInteraction('topic', { name: 'bans' }),
  () => slashInteraction('who', { name: 'Yan Qiao' }),
  () => autocompleteInteraction('ask', 'question', 'nvidia'),
  () => buttonInteraction('ask:Did the Pentagon block DeepSeek?'),
];

type ParentMessage = { type: 'memory' | 'busy-start' | 'busy' | 'stop' };
type BotMessage =
  | { type: 'ready'; endpoint: string; floor: string }
  | { type: 'memory'; rss: number }
  /** Event-loop busy time and the process's CPU time (all its threads) since `busy-start`. */
  | { type: 'busy'; activeMs: number; cpuMs: number };

/** The bot process: the endpoint on the bot's core, and the bare floor handler beside it. */
export async function runHttpBot(): Promise<void> {
  const publicKey = process.env.BENCH_DISCORD_PUBLIC_KEY as string;
  const databaseUrl = process.env.BENCH_DATABASE_URL;
  const stores = databaseUrl
    ? await openStores({ dbPath: ':memory:', databaseUrl }, silentLogger())
    : undefined;
  const { dispatcher } = createCore({
    commands,
    ...(stores
      ? { ledger: stores.ledger, conversations: stores.conversations, channelStories: stores.channelStories }
      : {}),
  });
  const http = new SharedHttpServer(0, '127.0.0.1');
  const endpoint = createInteractionsEndpoint({
    config: { publicKey, clientId: APPLICATION_ID },
    dispatcher,
    logger: silentLogger(),
    http,
  });
  await endpoint.start();
  // The floor returns a real answer's body, rendered once: the same bytes, none of the work.
  const answer = await dispatcher.answer({
    platform: 'discord',
    source: 'slash',
    command: 'ask',
    text: '',
    options: { question: 'Did Congress block DeepSeek?' },
    user: { id: 'bench' },
    channelId: 'bench',
  });
  const fixed = JSON.stringify({ type: 4, data: messageData(renderReply(answer)) });
  const key = publicKeyFromHex(publicKey);
  const floor = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const bad = checkSignature(
        key,
        req.headers['x-signature-ed25519'],
        req.headers['x-signature-timestamp'],
        body,
      );
      if (bad) res.writeHead(401).end();
      else
        res
          .writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(fixed) })
          .end(fixed);
    });
  });
  await new Promise<void>((resolve) => floor.listen(0, '127.0.0.1', resolve));
  let busySince = { loop: performance.eventLoopUtilization(), cpu: process.cpuUsage() };
  process.on('message', (message: ParentMessage) => {
    const send = (reply: BotMessage) => process.send?.(reply);
    if (message.type === 'memory') send({ type: 'memory', rss: process.memoryUsage().rss });
    else if (message.type === 'busy-start')
      busySince = { loop: performance.eventLoopUtilization(), cpu: process.cpuUsage() };
    else if (message.type === 'busy') {
      const cpu = process.cpuUsage(busySince.cpu);
      send({
        type: 'busy',
        activeMs: performance.eventLoopUtilization(busySince.loop).active,
        cpuMs: (cpu.user + cpu.system) / 1000,
      });
    } else if (message.type === 'stop') {
      floor.close();
      void Promise.all([endpoint.stop(), stores?.close()]).then(() => process.disconnect());
    }
  });
  process.send?.({
    type: 'ready',
    endpoint: `http://127.0.0.1:${endpoint.port}${DISCORD_INTERACTIONS_PATH}`,
    floor: `http://127.0.0.1:${(floor.address() as AddressInfo).port}/`,
  } satisfies BotMessage);
}

async function nextMessage<T extends BotMessage['type']>(
  child: ChildProcess,
  type: T,
): Promise<Extract<BotMessage, { type: T }>> {
  for (;;) {
    const [message] = (await once(child, 'message')) as [BotMessage];
    if (message.type === type) return message as Extract<BotMessage, { type: T }>;
  }
}

function median(values: number[]): number {
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;
}

/** What one bot process measured. */
export interface HttpFigures {
  burstP50: number;
  burstP99: number;
  floorP50: number;
  floorP99: number;
  rssIdle: number;
  rssAfter: number;
  busyPerInteractionMs: number;
  /** The same for the floor handler's requests. */
  floorBusyPerRequestMs: number;
  /** The bot process's CPU time per interaction (all threads): steadier than busy time on a shared machine. */
  cpuPerInteractionMs: number;
  floorCpuPerRequestMs: number;
}

/** Starts a bot process (on PostgreSQL when `databaseUrl`), and times bursts to it and to its floor. */
export async function measureHttp(databaseUrl?: string): Promise<HttpFigures> {
  const keys = testKeyPair();
  const bot = fork(fileURLToPath(import.meta.url), [], {
    env: {
      ...process.env,
      BENCH_DISCORD_ROLE: 'http-bot',
      BENCH_DISCORD_PUBLIC_KEY: keys.publicKeyHex,
      BENCH_DATABASE_URL: databaseUrl ?? '',
    },
    // BENCH_BOT_PROF=<dir>: the bot process writes a CPU profile there, to see where its time goes.
    execArgv: [
      '--import',
      'tsx',
      ...(process.env.BENCH_BOT_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_BOT_PROF}`] : []),
    ],
  });
  // Discord's side: many connections at once, as its edge opens them; the same for the floor.
  const agent = new Agent({ connections: 128 });
  try {
    const ready = await nextMessage(bot, 'ready');
    bot.send({ type: 'memory' });
    const idle = await nextMessage(bot, 'memory');
    /** `n` requests POSTed at once, signed beforehand; each one's time until its response was read. */
    async function burst(url: string, n: number): Promise<number[]> {
      const requests = Array.from({ length: n }, (_, i) => {
        const body = JSON.stringify((INTERACTIONS[i % INTERACTIONS.length] as () => unknown)());
        return { body, headers: signedHeaders(keys, body) };
      });
      const latencies = await Promise.all(
        requests.map(async ({ body, headers }) => {
          const started = performance.now();
          const response = await request(url, { method: 'POST', headers, body, dispatcher: agent });
          const text = await response.body.text();
          if (response.statusCode !== 200 || !text.startsWith('{"type":'))
            throw new Error(`the bot answered ${response.statusCode}: ${text.slice(0, 200)}`);
          return performance.now() - started;
        }),
      );
      return latencies.sort((a, b) => a - b);
    }
    await burst(ready.floor, WARM_UP);
    await burst(ready.endpoint, WARM_UP);
    const floors: number[][] = [];
    const bursts: number[][] = [];
    let busyMs = 0;
    let floorBusyMs = 0;
    let cpuMs = 0;
    let floorCpuMs = 0;
    for (let round = 0; round < ROUNDS; round++) {
      bot.send({ type: 'busy-start' });
      floors.push(await burst(ready.floor, BURST));
      bot.send({ type: 'busy' });
      const floorBusy = await nextMessage(bot, 'busy');
      floorBusyMs += floorBusy.activeMs;
      floorCpuMs += floorBusy.cpuMs;
      bot.send({ type: 'busy-start' });
      bursts.push(await burst(ready.endpoint, BURST));
      bot.send({ type: 'busy' });
      const busy = await nextMessage(bot, 'busy');
      busyMs += busy.activeMs;
      cpuMs += busy.cpuMs;
    }
    bot.send({ type: 'memory' });
    const after = await nextMessage(bot, 'memory');
    return {
      burstP50: median(bursts.map((b) => quantile(b, 0.5))),
      burstP99: median(bursts.map((b) => quantile(b, 0.99))),
      floorP50: median(floors.map((b) => quantile(b, 0.5))),
      floorP99: median(floors.map((b) => quantile(b, 0.99))),
      rssIdle: idle.rss,
      rssAfter: after.rss,
      busyPerInteractionMs: busyMs / (ROUNDS * BURST),
      floorBusyPerRequestMs: floorBusyMs / (ROUNDS * BURST),
      cpuPerInteractionMs: cpuMs / (ROUNDS * BURST),
      floorCpuPerRequestMs: floorCpuMs / (ROUNDS * BURST),
    };
  } finally {
    bot.send({ type: 'stop' });
    await Promise.race([once(bot, 'exit'), new Promise((resolve) => setTimeout(resolve, 5_000).unref())]);
    if (bot.exitCode === null) bot.kill();
    await agent.close();
  }
}

/** A PostgreSQL to share: BENCH_DATABASE_URL, else a server started for the run (and its stop). */
async function postgres(): Promise<{ url: string; stop: () => Promise<void> } | undefined> {
  const given = process.env.BENCH_DATABASE_URL?.trim();
  if (given) return { url: given, stop: async () => {} };
  try {
    const { default: setup } = await import('../tests/postgres-setup.ts');
    const stop = await setup({ provide: () => {} } as never);
    return { url: process.env.TEST_DATABASE_URL as string, stop: stop ?? (async () => {}) };
  } catch (error) {
    console.log(`(no PostgreSQL row: ${(error as Error).message.split('\n')[0]})`);
    return undefined;
  }
}

const ms = (n: number) => `${n.toFixed(2)} ms`;
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

/** Measures and prints the HTTP rows. */
export async function benchHttp(): Promise<void> {
  const memory = await measureHttp();
  const pg = await postgres();
  const shared = pg ? await measureHttp(pg.url).finally(() => pg.stop()) : undefined;
  console.log(
    `\nDiscord HTTP interactions: ${BURST} signed interactions POSTed at once to /discord/interactions ` +
      `(median of ${ROUNDS} bursts, after ${WARM_UP} to warm up), against ${BURST} POSTs to a bare ` +
      'node:http handler in the same bot process that verifies the same signature and returns a fixed JSON',
  );
  const row = (f: HttpFigures) => ({
    p50: ms(f.burstP50),
    p99: ms(f.burstP99),
    'floor p50': ms(f.floorP50),
    'floor p99': ms(f.floorP99),
    'p99 ÷ floor': `${(f.burstP99 / f.floorP99).toFixed(2)}×`,
    'busy per interaction': `${(f.busyPerInteractionMs * 1000).toFixed(0)} µs`,
    'floor busy': `${(f.floorBusyPerRequestMs * 1000).toFixed(0)} µs`,
    'CPU per interaction': `${(f.cpuPerInteractionMs * 1000).toFixed(0)} µs`,
    'floor CPU': `${(f.floorCpuPerRequestMs * 1000).toFixed(0)} µs`,
    RSS: `${mb(f.rssIdle)} idle, ${mb(f.rssAfter)} after`,
  });
  console.table({
    'DATABASE_URL unset': row(memory),
    ...(shared ? { 'shared PostgreSQL': row(shared) } : {}),
  });
  const ratio = memory.burstP99 / memory.floorP99;
  console.log(
    `HTTP p99 ${ms(memory.burstP99)} is ${ratio.toFixed(2)}× its floor's ${ms(memory.floorP99)} ` +
      `(target ≤ ${TARGET_RATIO}×, DATABASE_URL unset): ${ratio <= TARGET_RATIO ? 'meets' : 'misses'}.` +
      (shared
        ? ` With the stores on a shared PostgreSQL: ${(shared.burstP99 / shared.floorP99).toFixed(2)}× (no target).`
        : ''),
  );
  console.log(
    'Busy is the bot process’s event loop time per request during the bursts: a burst’s p99 is about ' +
      'the sum of its requests’ work, so the ratio follows busy ÷ floor busy. CPU is the process’s CPU ' +
      'time per request (all threads), which other work on the machine inflates less than busy time.',
  );
}

if (process.env.BENCH_DISCORD_ROLE === 'http-bot') {
  runHttpBot().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
