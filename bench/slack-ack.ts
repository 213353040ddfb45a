/**
 * Fast acks from cold: the compiled bot, as production runs it (`npm run start:prod`'s command), is
 * started fresh in Slack HTTP mode, and the moment its port answers, 3,000 signed slash commands
 * (BENCH_ACK_N) are sent with 200 in flight at a time (BENCH_ACK_CONCURRENCY), each from its own user.
 * Then, on the same process, now warm, the same again. Prints p50/p95/p99/max of the time to Slack's
 * HTTP acknowledgement (Slack gives up after 3 s; the target is p99 < 1 s from cold) and how many
 * answers reached their response_url. The floor, measured in the same run, is the same burst against
 * a bare node HTTP server that answers 200 at once: what this client and machine take with no bot at
 * all. A second fresh bot gets the burst over connections opened just before it, which separates TCP
 * connection set-up under the first burst from the handling of the requests. Everything listens on 127.0.0.1; run `npm run build` first (`npm run bench:ack` does).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TEST_BOT_TOKEN } from '../tests/fakes/slack-harness.ts';
import {
  postSigned,
  slashCommandBody,
  slashCommandPayload,
  TEST_SIGNING_SECRET,
} from '../tests/fakes/slack-requests.ts';
import { startFakeSlackWebApi } from '../tests/fakes/slack-web-api.ts';
import { freePort } from '../tests/main/bot-process.ts';
import { productionArguments, quantile } from './common.ts';

const TOTAL = Number(process.env.BENCH_ACK_N ?? 3000);
const CONCURRENCY = Number(process.env.BENCH_ACK_CONCURRENCY ?? 200);
const TARGET_P99_MS = 1000;
const QUESTIONS = [
  'did congress block deepseek',
  'ask how much did nvidia stock drop',
  'summary',
  'topic bans',
  'who yan qiao',
  'is alibaba investing in deepseek',
  'help',
  'when did qwen 2.5-max come out',
];

const api = await startFakeSlackWebApi();
const port = await freePort();
const dir = mkdtempSync(join(tmpdir(), 'ai-news-ack-'));
let stderr = '';
let bot: ChildProcess | undefined;

/** Sends `count` signed commands to `target`'s port, CONCURRENCY at a time; the ack time of each, in ms. */
async function burst(
  label: string,
  count: number,
  target = port,
): Promise<{ acks: number[]; failed: number }> {
  const acks: number[] = [];
  let failed = 0;
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const i = next++;
      const id = `${label}-${i}`;
      const body = slashCommandBody(
        slashCommandPayload(QUESTIONS[i % QUESTIONS.length] as string, api.responseUrl(id), {
          user_id: `U${label.toUpperCase()}${i}`,
          trigger_id: id,
        }),
      );
      const started = performance.now();
      try {
        const { status } = await postSigned(`http://127.0.0.1:${target}/slack/events`, body);
        if (status === 200) acks.push(performance.now() - started);
        else failed++;
      } catch {
        failed++;
      }
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return { acks: acks.sort((a, b) => a - b), failed };
}

/** Waits until `count` answers have reached their response_urls (or 120 s); how many did. */
async function answersArrived(prefix: string, count: number): Promise<number> {
  const arrived = () => api.calls.filter((c) => c.responseId?.startsWith(prefix)).length;
  const deadline = Date.now() + 120_000;
  while (arrived() < count && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
  return arrived();
}

/** A bare HTTP server in its own process that answers every request 200 at once: the floor. */
async function floorServer(): Promise<{ port: number; stop: () => void }> {
  const floorPort = await freePort();
  const child = spawn(
    process.execPath,
    [
      '-e',
      `require('node:http').createServer((q, s) => { q.resume(); q.on('end', () => s.end()); }).listen(${floorPort}, '127.0.0.1', () => console.log('up'))`,
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  await new Promise((resolve) => child.stdout?.once('data', resolve));
  return { port: floorPort, stop: () => child.kill() };
}

/** Starts the compiled bot fresh, as production runs it; resolves once its port answers at all. */
async function startBot(): Promise<{ bot: ChildProcess; readyMs: number }> {
  const started = performance.now();
  const child = spawn(process.execPath, productionArguments(), {
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? tmpdir(),
      NODE_ENV: 'production',
      // BENCH_ACK_LOG_LEVEL=info logs every request: standard error is a pipe to this process,
      // written synchronously, so a busy reader here can hold the bot up.
      LOG_LEVEL: process.env.BENCH_ACK_LOG_LEVEL ?? 'warn',
      DB_PATH: join(dir, `bot-${Date.now()}.db`),
      DISCORD_TOKEN: '',
      SLACK_APP_TOKEN: '',
      DATABASE_URL: '',
      METRICS_PORT: '',
      SLACK_BOT_TOKEN: TEST_BOT_TOKEN,
      SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
      SLACK_API_URL: api.apiUrl,
      PORT: String(port),
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  bot = child;
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-65_536);
  });
  // Cold means cold: the burst starts the moment the port answers at all.
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`the bot did not start: ${stderr}`);
    const answered = await fetch(`http://127.0.0.1:${port}/slack/events`).then(
      () => true,
      () => false,
    );
    if (answered) break;
    await new Promise((r) => setTimeout(r, 2));
  }
  return { bot: child, readyMs: performance.now() - started };
}

async function stopBot(child: ChildProcess): Promise<void> {
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

try {
  const floor = await floorServer();
  const floorRun = await burst('floor', TOTAL, floor.port);
  floor.stop();
  const first = await startBot();
  const readyMs = first.readyMs;
  const cold = await burst('cold', TOTAL);
  const coldAnswers = await answersArrived('cold-', cold.acks.length);
  const warm = await burst('warm', TOTAL);
  const warmAnswers = await answersArrived('warm-', warm.acks.length);
  await stopBot(first.bot);
  // A second fresh bot, its CONCURRENCY connections opened before the burst: what is left of the
  // cold figure once TCP connection set-up is out of it.
  const second = await startBot();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, () =>
      fetch(`http://127.0.0.1:${port}/slack/events`).then((r) => r.arrayBuffer()),
    ),
  );
  const connected = await burst('open', TOTAL);
  const connectedAnswers = await answersArrived('open-', connected.acks.length);
  await stopBot(second.bot);

  console.log(
    `\n## Slack acks: ${TOTAL} signed slash commands, ${CONCURRENCY} in flight, on a freshly started compiled bot (ready in ${(readyMs / 1000).toFixed(2)} s)\n`,
  );
  console.log('| run | p50 ms | p95 ms | p99 ms | max ms | acked | failed | answers delivered |');
  console.log('|---|---|---|---|---|---|---|---|');
  for (const [name, run, answers] of [
    ['floor (bare HTTP server, no bot)', floorRun, '–'],
    ['cold (first burst after start)', cold, coldAnswers],
    ['cold, connections opened first (another fresh bot)', connected, connectedAnswers],
    ['warm (same process, again)', warm, warmAnswers],
  ] as const) {
    const a = run.acks;
    console.log(
      `| ${name} | ${quantile(a, 0.5).toFixed(0)} | ${quantile(a, 0.95).toFixed(0)} | ${quantile(a, 0.99).toFixed(0)} | ${(a.at(-1) ?? Number.NaN).toFixed(0)} | ${a.length} | ${run.failed} | ${answers} |`,
    );
  }
  const coldP99 = quantile(cold.acks, 0.99);
  console.log(
    `\ncold p99 ${coldP99.toFixed(0)} ms against the ${TARGET_P99_MS} ms target: ${coldP99 < TARGET_P99_MS ? 'met' : 'MISSED'}; cold/warm p99 ×${(coldP99 / quantile(warm.acks, 0.99)).toFixed(2)}; cold/floor p99 ×${(coldP99 / quantile(floorRun.acks, 0.99)).toFixed(2)}`,
  );
} finally {
  bot?.kill('SIGTERM');
  await api.close();
  rmSync(dir, { recursive: true, force: true });
}
