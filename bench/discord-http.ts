/**
 * The HTTP interactions part of `npm run bench:discord`: the compiled bot as production runs it
 * (`npm run start:prod`'s command) with Discord's endpoint on PORT, its stores on a SQLite file as
 * they are with DATABASE_URL unset, and its log lines read through a pipe. A burst of signed
 * interactions (500 by default, BENCH_DISCORD_N), each from its own person, is POSTed at the same
 * instant to /discord/interactions, against the same number of POSTs to a bare node:http handler in a
 * process of its own, run with the same node options, that verifies the same signature and returns a
 * fixed JSON (a real answer's bytes): the floor, measured in the same run. Target: p99 ≤ 2× the floor
 * with DATABASE_URL unset. Then the same with the stores on a shared PostgreSQL, for scale
 * (BENCH_DATABASE_URL, else a server started for the run). Run `npm run build` first
 * (`npm run bench:discord` does).
 */

import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Agent, request } from 'undici';
import { commands } from '../commands/index.ts';
import { messageData } from '../src/adapters/discord/http-responder.ts';
import { DISCORD_INTERACTIONS_PATH } from '../src/adapters/discord/interactions-endpoint.ts';
import { renderReply } from '../src/adapters/discord/render.ts';
import { checkSignature, publicKeyFromHex } from '../src/adapters/discord/signature.ts';
import { createCore } from '../src/app.ts';
import {
  APPLICATION_ID,
  autocompleteInteraction,
  buttonInteraction,
  slashInteraction,
} from '../tests/fakes/discord-fake.ts';
import { signedHeaders, testKeyPair } from '../tests/fakes/discord-interactions.ts';
import { endsWithThisProcess, freePort, until } from '../tests/main/bot-process.ts';
import { productionArguments, quantile } from './common.ts';

const BURST = Number(process.env.BENCH_DISCORD_N ?? 500);
const WARM_UP = 50;
/** Bursts of each kind, alternating; the median p99 is reported, so one unlucky burst does not decide. */
const ROUNDS = 7;
const TARGET_RATIO = 2;
/** Linux counts a process's CPU time in ticks of 1/100 s. */
const TICKS_PER_SECOND = 100;

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

/** The floor process: a bare node:http handler that verifies the signature and returns `fixed`. */
function runFloor(): void {
  const key = publicKeyFromHex(process.env.BENCH_DISCORD_PUBLIC_KEY as string);
  const fixed = process.env.BENCH_FLOOR_BODY as string;
  const floor = createServer((req, res) => {
    // For the bench, not part of the floor's work: its event loop's busy time so far, in ms.
    if (req.method === 'GET') return void res.end(String(performance.eventLoopUtilization().active));
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
  floor.listen(0, '127.0.0.1', () => {
    process.stdout.write(`${(floor.address() as AddressInfo).port}\n`);
  });
}

/** The floor's body: a real answer, rendered once, so that it sends the same bytes with none of the work. */
async function fixedAnswer(): Promise<string> {
  const { dispatcher } = createCore({ commands });
  const answer = await dispatcher.answer({
    platform: 'discord',
    source: 'slash',
    command: 'ask',
    text: '',
    options: { question: 'Did Congress block DeepSeek?' },
    user: { id: 'bench' },
    channelId: 'bench',
  });
  return JSON.stringify({ type: 4, data: messageData(renderReply(answer)) });
}

/** A process's CPU time so far (all its threads), in ms; undefined where /proc does not tell. */
function cpuMs(pid: number): number | undefined {
  try {
    const fields = (readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1] ?? '').split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
  } catch {
    return undefined;
  }
}

/** A process's resident memory in bytes; undefined where /proc does not tell. */
function rssOf(pid: number): number | undefined {
  try {
    const kb = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb === undefined ? undefined : Number(kb) * 1024;
  } catch {
    return undefined;
  }
}

function median(values: number[]): number {
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;
}

/** What one run measured. */
export interface HttpFigures {
  burstP50: number;
  burstP99: number;
  floorP50: number;
  floorP99: number;
  /** Each round's bot p99 ÷ that round's floor p99. */
  ratios: number[];
  rssIdle: number | undefined;
  rssAfter: number | undefined;
  /** The bot process's CPU time per interaction (all threads). */
  cpuPerInteractionMs: number | undefined;
  floorCpuPerRequestMs: number | undefined;
  /** The bot's event loop's busy time per interaction (its /metrics), and the floor's per request. */
  busyPerInteractionMs: number;
  floorBusyPerRequestMs: number;
}

/** Starts `args` with `env` (its standard error read by the caller), killed if this process ends first. */
function started(args: string[], env: Record<string, string>): ChildProcess {
  const child = spawn(process.execPath, args, {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  endsWithThisProcess(child);
  return child;
}

async function stopped(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  await Promise.race([once(child, 'exit'), new Promise((resolve) => setTimeout(resolve, 15_000).unref())]);
  if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
}

/** Starts a compiled bot (on PostgreSQL when `databaseUrl`) and a floor, and times bursts to each. */
export async function measureHttp(databaseUrl?: string): Promise<HttpFigures> {
  const keys = testKeyPair();
  const dir = mkdtempSync(join(tmpdir(), 'ai-news-bench-discord-'));
  const options = productionArguments().filter((arg) => !arg.endsWith('.js'));
  const [port, metricsPort] = [await freePort(), await freePort()];
  const bot = started(
    [
      ...options,
      // BENCH_BOT_PROF=<dir>: the bot process writes a CPU profile there, to see where its time goes.
      ...(process.env.BENCH_BOT_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_BOT_PROF}`] : []),
      join('dist', 'src', 'main.js'),
    ],
    {
      DISCORD_PUBLIC_KEY: keys.publicKeyHex,
      DISCORD_CLIENT_ID: APPLICATION_ID,
      DISCORD_TOKEN: '',
      SLACK_BOT_TOKEN: '',
      SLACK_SIGNING_SECRET: '',
      PORT: String(port),
      METRICS_PORT: String(metricsPort),
      METRICS_HOST: '127.0.0.1',
      DB_PATH: join(dir, 'bot.db'),
      DATABASE_URL: databaseUrl ?? '',
      LOG_LEVEL: 'info',
    },
  );
  // Its log lines are read through a pipe, as a deployment's log collector reads them.
  let logBytes = 0;
  let logTail = '';
  bot.stderr?.on('data', (chunk: Buffer) => {
    logBytes += chunk.length;
    logTail = (logTail + chunk.toString()).slice(-2000);
  });
  bot.stdout?.resume();
  const floor = started([...options, '--import', 'tsx', fileURLToPath(import.meta.url)], {
    BENCH_DISCORD_ROLE: 'http-floor',
    BENCH_DISCORD_PUBLIC_KEY: keys.publicKeyHex,
    BENCH_FLOOR_BODY: await fixedAnswer(),
  });
  floor.stderr?.pipe(process.stderr);
  // Discord's side: many connections at once, as its edge opens them; the same for the floor.
  const agent = new Agent({ connections: 128 });
  let person = 0;
  try {
    const [floorPort] = ((await once(floor.stdout as NonNullable<typeof floor.stdout>, 'data')) as [Buffer])
      .toString()
      .split('\n');
    const floorUrl = `http://127.0.0.1:${floorPort}/`;
    const botUrl = `http://127.0.0.1:${port}${DISCORD_INTERACTIONS_PATH}`;
    await until(async () => {
      const response = await fetch(`http://127.0.0.1:${metricsPort}/readyz`);
      return response.status === 200 ? true : undefined;
    }, 'the bot to be ready').catch((error: Error) => {
      throw new Error(`${error.message}; it said:\n${logTail}`);
    });
    // Idle: started, ready, and a moment with nothing to do.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const rssIdle = rssOf(bot.pid as number);
    /** `n` requests POSTed at once, signed beforehand; each one's time until its response was read. */
    async function burst(url: string, n: number): Promise<number[]> {
      const requests = Array.from({ length: n }, (_, i) => {
        const interaction = (INTERACTIONS[i % INTERACTIONS.length] as () => Record<string, unknown>)();
        // Each from its own person, as 500 people asking at once would be (no one is rate limited).
        const member = interaction.member as { user: { id: string } };
        member.user = { ...member.user, id: String(200000000000000000n + BigInt(person++)) };
        const body = JSON.stringify(interaction);
        return { body, headers: signedHeaders(keys, body) };
      });
      const latencies = await Promise.all(
        requests.map(async ({ body, headers }) => {
          const started = performance.now();
          const response = await request(url, { method: 'POST', headers, body, dispatcher: agent });
          const text = await response.body.text();
          if (response.statusCode !== 200 || !text.startsWith('{"type":'))
            throw new Error(`${url} answered ${response.statusCode}: ${text.slice(0, 200)}`);
          return performance.now() - started;
        }),
      );
      return latencies.sort((a, b) => a - b);
    }
    /** The bot's event loop's busy time so far (its /metrics), in ms. */
    const botBusyMs = async () => {
      const text = await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text();
      return Number(/^ai_news_event_loop_busy_seconds_total (\S+)$/m.exec(text)?.[1]) * 1000;
    };
    const floorBusyMs = async () => Number(await (await fetch(floorUrl)).text());
    /** A burst, and the CPU and event-loop busy time `pid` spent while it ran. */
    async function timed(url: string, pid: number, busyMs: () => Promise<number>) {
      const [before, busyBefore] = [cpuMs(pid), await busyMs()];
      const latencies = await burst(url, BURST);
      const [after, busyAfter] = [cpuMs(pid), await busyMs()];
      return {
        latencies,
        cpu: before === undefined || after === undefined ? undefined : after - before,
        busy: busyAfter - busyBefore,
      };
    }
    await burst(floorUrl, WARM_UP);
    await burst(botUrl, WARM_UP);
    const floors: Awaited<ReturnType<typeof timed>>[] = [];
    const bursts: Awaited<ReturnType<typeof timed>>[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      floors.push(await timed(floorUrl, floor.pid as number, floorBusyMs));
      bursts.push(await timed(botUrl, bot.pid as number, botBusyMs));
    }
    const cpuPer = (runs: typeof bursts) =>
      runs.some((run) => run.cpu === undefined)
        ? undefined
        : runs.reduce((sum, run) => sum + (run.cpu as number), 0) / (ROUNDS * BURST);
    if (logBytes === 0) throw new Error('the bot wrote no log lines during the bursts');
    return {
      burstP50: median(bursts.map((b) => quantile(b.latencies, 0.5))),
      burstP99: median(bursts.map((b) => quantile(b.latencies, 0.99))),
      floorP50: median(floors.map((b) => quantile(b.latencies, 0.5))),
      floorP99: median(floors.map((b) => quantile(b.latencies, 0.99))),
      ratios: bursts.map(
        (b, i) =>
          quantile(b.latencies, 0.99) / quantile((floors[i] as (typeof floors)[number]).latencies, 0.99),
      ),
      rssIdle,
      rssAfter: rssOf(bot.pid as number),
      cpuPerInteractionMs: cpuPer(bursts),
      floorCpuPerRequestMs: cpuPer(floors),
      busyPerInteractionMs: bursts.reduce((sum, run) => sum + run.busy, 0) / (ROUNDS * BURST),
      floorBusyPerRequestMs: floors.reduce((sum, run) => sum + run.busy, 0) / (ROUNDS * BURST),
    };
  } finally {
    await Promise.all([stopped(bot), stopped(floor)]);
    await agent.close();
    rmSync(dir, { recursive: true, force: true });
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
const µs = (n: number | undefined) => (n === undefined ? 'n/a' : `${(n * 1000).toFixed(0)} µs`);
const mb = (bytes: number | undefined) =>
  bytes === undefined ? 'n/a' : `${(bytes / 1024 / 1024).toFixed(0)} MB`;

/** Measures and prints the HTTP rows. */
export async function benchHttp(): Promise<void> {
  const memory = await measureHttp();
  const pg = await postgres();
  const shared = pg ? await measureHttp(pg.url).finally(() => pg.stop()) : undefined;
  console.log(
    `\nDiscord HTTP interactions: ${BURST} signed interactions, each from its own person, POSTed at once ` +
      `to /discord/interactions of the compiled bot as production runs it (median of ${ROUNDS} bursts, ` +
      `after ${WARM_UP} to warm up), against ${BURST} POSTs to a bare node:http handler in a process of ` +
      'its own that verifies the same signature and returns a fixed JSON',
  );
  const row = (f: HttpFigures) => ({
    p50: ms(f.burstP50),
    p99: ms(f.burstP99),
    'floor p50': ms(f.floorP50),
    'floor p99': ms(f.floorP99),
    'p99 ÷ floor': `${median(f.ratios).toFixed(2)}×`,
    'busy per interaction': µs(f.busyPerInteractionMs),
    'floor busy': µs(f.floorBusyPerRequestMs),
    'CPU per interaction': µs(f.cpuPerInteractionMs),
    'floor CPU': µs(f.floorCpuPerRequestMs),
    RSS: `${mb(f.rssIdle)} idle, ${mb(f.rssAfter)} after`,
  });
  console.table({
    'DATABASE_URL unset': row(memory),
    ...(shared ? { 'shared PostgreSQL': row(shared) } : {}),
  });
  const ratio = median(memory.ratios);
  const within = memory.ratios.filter((r) => r <= TARGET_RATIO).length;
  console.log(
    `HTTP p99 is ${ratio.toFixed(2)}× its floor's, the median of ${ROUNDS} rounds ` +
      `(${memory.ratios.map((r) => r.toFixed(2)).join(', ')}; ${within} of ${ROUNDS} within ${TARGET_RATIO}×). ` +
      `Target ≤ ${TARGET_RATIO}×, DATABASE_URL unset: ${ratio <= TARGET_RATIO ? 'meets' : 'misses'}.` +
      (shared
        ? ` With the stores on a shared PostgreSQL: ${median(shared.ratios).toFixed(2)}× (no target).`
        : ''),
  );
  console.log(
    'A burst’s p99 is about the sum of its requests’ work on one thread, so the ratio follows busy per ' +
      'interaction ÷ the floor’s: busy is each process’s event-loop busy time per request during its ' +
      'bursts (the bot’s from its /metrics); CPU is its CPU time, all threads (garbage collection too).',
  );
}

if (process.env.BENCH_DISCORD_ROLE === 'http-floor') runFloor();
