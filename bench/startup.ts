/**
 * Start-up benchmark: the real bot process run four ways: through `npm start` (npm, the tsx command
 * and node: the RSS of all three), as node --import tsx src/main.ts, compiled (node dist/src/main.js,
 * after `npm run build`), and as production runs it (`npm run start:prod`: the compiled bot with its
 * Node options). In each mode: the console (questions piped to stdin), Slack in HTTP mode (signed
 * slash commands to /slack/events, answers at response_urls on a fake Slack Web API), Discord
 * (interactions through a fake gateway, replies at a fake REST API), and Slack and Discord together.
 * Everything listens on 127.0.0.1. It times the cold start to ready (the console's first answer; the
 * platforms' "ai-news bot running" log line) and reads the RSS when idle and after 1,000 questions.
 * Prints the medians of a few runs (BENCH_STARTUP_RUNS, 3 by default), the ratios to tsx, and the
 * compiled bot's figures against the targets. BENCH_STARTUP_MODES=console,slack and
 * BENCH_STARTUP_RUNTIMES=compiled,start:prod run only those modes and runtimes (and tsx, for the ratios).
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  APPLICATION_ID,
  BOT_TOKEN,
  FakeDiscord,
  type RecordedRequest,
  slashInteraction,
} from '../tests/fakes/discord-fake.ts';
import { TEST_BOT_TOKEN } from '../tests/fakes/slack-harness.ts';
import {
  postSigned,
  slashCommandBody,
  slashCommandPayload,
  TEST_SIGNING_SECRET,
} from '../tests/fakes/slack-requests.ts';
import { type FakeSlackWebApi, startFakeSlackWebApi } from '../tests/fakes/slack-web-api.ts';
import { freePort } from '../tests/main/bot-process.ts';
import { productionArguments } from './common.ts';

const RUNS = Number(process.env.BENCH_STARTUP_RUNS ?? 3);
const QUESTIONS = 1000;
/** Questions in flight at once on a platform (the console reads its input one line at a time). */
const IN_FLIGHT = 8;
/** A pause before each RSS reading, so that a reading does not catch work still under way. */
const SETTLE_MS = 500;
const START_LIMIT_MS = 30_000;
/** Replies that are not answers: a run with any of them measured something else and is refused. */
const NOT_ANSWERED = /something went wrong|Slow down a little/g;
const RUN_LIMIT_MS = 120_000;

const MODES = ['console', 'slack', 'discord', 'slack + discord'] as const;
type Mode = (typeof MODES)[number];
const modes = MODES.filter(
  (mode) => !process.env.BENCH_STARTUP_MODES || process.env.BENCH_STARTUP_MODES.split(',').includes(mode),
);

/** Each way of running the bot, as a command; start:prod only when it differs from compiled. */
const RUNTIMES: Record<string, { command: string; args: readonly string[] }> = {
  // Through the wrappers, as `npm start` runs it: npm, then the tsx command, then node.
  'npm start': { command: 'npm', args: ['start', '--silent', '--'] },
  tsx: { command: process.execPath, args: ['--import', 'tsx', 'src/main.ts'] },
  compiled: { command: process.execPath, args: ['dist/src/main.js'] },
};
if (productionArguments().join(' ') !== 'dist/src/main.js') {
  RUNTIMES[`start:prod (${productionArguments().slice(0, -1).join(' ')})`] = {
    command: process.execPath,
    args: productionArguments(),
  };
}
type Runtime = string;
/** BENCH_STARTUP_RUNTIMES=tsx,compiled runs only those (start:prod matches any start:prod row). */
const runtimeNames = Object.keys(RUNTIMES).filter(
  (name) =>
    name === 'tsx' || // every ratio is to tsx
    !process.env.BENCH_STARTUP_RUNTIMES ||
    process.env.BENCH_STARTUP_RUNTIMES.split(',').some((wanted) => name.split(' ')[0] === wanted),
);

/** Targets for the compiled bot: start-up in ms, idle RSS in MB, and growth over 1,000 questions in MB. */
const TARGETS = {
  startMs: 800,
  idleMb: { console: 100, slack: 120, discord: 120, 'slack + discord': 150 } satisfies Record<Mode, number>,
  growthMb: 20,
};

/** The evaluation questions, repeated to QUESTIONS: varied words fill the engine's caches as users would. */
const questions: string[] = (() => {
  const sets = ['tests/fixtures/eval-questions.json', 'tests/fixtures/holdout-questions.json'];
  const all = sets.flatMap((path) =>
    (JSON.parse(readFileSync(path, 'utf8')) as { q: string }[]).map((e) => e.q),
  );
  return Array.from({ length: QUESTIONS }, (_, i) => (all[i % all.length] as string).replace(/\s+/g, ' '));
})();

interface Sample {
  startMs: number;
  /** CPU time used until ready, when known. */
  startCpuMs: number | undefined;
  idleRss: number;
  afterRss: number;
}

/** A process and all its descendants (npm start runs three), each with its RSS in bytes. */
function processTree(root: number): { pid: number; rss: number }[] {
  const processes = execFileSync('ps', ['-A', '-o', 'pid=,ppid=,rss='], { encoding: 'utf8' })
    .trim()
    .split('\n')
    .map((line) => line.trim().split(/\s+/).map(Number) as [number, number, number]);
  const tree = new Set([root]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const [pid, ppid] of processes) {
      if (tree.has(ppid) && !tree.has(pid)) {
        tree.add(pid);
        grew = true;
      }
    }
  }
  return processes.filter(([pid]) => tree.has(pid)).map(([pid, , kb]) => ({ pid, rss: kb * 1024 }));
}

const rssOfTree = (root: number) => processTree(root).reduce((sum, { rss }) => sum + rss, 0);

/** Clock ticks a second, the unit of CPU times in /proc. */
const TICKS = existsSync('/proc/self/stat')
  ? Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim())
  : 0;

/**
 * The CPU time (user and system, all threads) a process tree has used, in ms, where the kernel tells
 * (Linux). Unlike the wall time, it hardly depends on what else the machine is running.
 */
function cpuOfTree(root: number): number | undefined {
  if (!TICKS) return undefined;
  let ticks = 0;
  for (const { pid } of processTree(root)) {
    try {
      // Fields after the command name (in parentheses): utime and stime are the 12th and 13th.
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // exited meanwhile
    }
  }
  return (ticks * 1000) / TICKS;
}

/** Resolves once `test` is true of the text so far, or rejects after `limitMs` naming `what`. */
function waitForText(read: () => string, test: (text: string) => boolean, what: string, limitMs: number) {
  return new Promise<void>((resolve, reject) => {
    const deadline = Date.now() + limitMs;
    const poll = () => {
      if (test(read())) resolve();
      else if (Date.now() > deadline) reject(new Error(`timed out waiting for ${what}`));
      else setTimeout(poll, 5);
    };
    poll();
  });
}

/** Runs `ask` for every question, IN_FLIGHT at a time. */
async function askAll(ask: (question: string, i: number) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < questions.length) {
      const i = next++;
      await ask(questions[i] as string, i);
    }
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
}

/** The platform side of one run: the fakes, the bot's environment, and how to ask it a question. */
interface Platforms {
  env: Record<string, string>;
  ask: (question: string, i: number) => Promise<void>;
  /** How many replies so far were errors or refusals instead of answers. */
  notAnswered: () => number;
  close: () => Promise<void>;
}

async function startPlatforms(mode: Exclude<Mode, 'console'>): Promise<Platforms> {
  const slack = mode.includes('slack') ? await startFakeSlackWebApi() : undefined;
  const discord = mode.includes('discord') ? await FakeDiscord.start() : undefined;
  const slackPort = await freePort();
  const env: Record<string, string> = {};
  if (slack) {
    Object.assign(env, {
      SLACK_BOT_TOKEN: TEST_BOT_TOKEN,
      SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
      SLACK_API_URL: slack.apiUrl,
      PORT: String(slackPort),
    });
  }
  if (discord) {
    Object.assign(env, {
      DISCORD_TOKEN: BOT_TOKEN,
      DISCORD_CLIENT_ID: APPLICATION_ID,
      DISCORD_API_URL: discord.apiUrl,
    });
  }
  let notAnswered = 0;
  // Replies by interaction callback path, so that each reply is found in O(1).
  const waiting = new Map<string, () => void>();
  const stopListening = discord?.onRequestReceived((request: RecordedRequest) => {
    const replied = waiting.get(request.path);
    if (!replied) return;
    waiting.delete(request.path);
    if (JSON.stringify(request.body).match(NOT_ANSWERED)) notAnswered++;
    replied();
  });
  const askSlack = async (api: FakeSlackWebApi, question: string, i: number) => {
    const id = `q${i}`;
    const answered = api.waitFor(1, (call) => call.responseId === id, RUN_LIMIT_MS);
    const body = slashCommandBody(slashCommandPayload(question, api.responseUrl(id)));
    const { status } = await postSigned(`http://127.0.0.1:${slackPort}/slack/events`, body);
    if (status !== 200) throw new Error(`Slack request ${i} answered ${status}`);
    await answered;
    const reply = api.calls.find((call) => call.responseId === id);
    if (JSON.stringify(reply?.args).match(NOT_ANSWERED)) notAnswered++;
  };
  const askDiscord = (fake: FakeDiscord, question: string) => {
    const interaction = slashInteraction('ask', { question });
    const replied = new Promise<void>((resolve) => {
      waiting.set(`/interactions/${interaction.id}/${interaction.token}/callback`, resolve);
    });
    fake.dispatch('INTERACTION_CREATE', interaction);
    return replied;
  };
  return {
    env,
    // Both platforms: every other question goes to each.
    ask: (question, i) =>
      slack && (!discord || i % 2 === 0)
        ? askSlack(slack, question, i)
        : askDiscord(discord as FakeDiscord, question),
    notAnswered: () => notAnswered,
    close: async () => {
      stopListening?.();
      await Promise.all([slack?.close(), discord?.close()]);
    },
  };
}

/** One run: starts the bot, waits until it is ready, reads its RSS, asks QUESTIONS questions, reads it again. */
async function measure(mode: Mode, runtime: Runtime): Promise<Sample> {
  const dir = mkdtempSync(join(tmpdir(), 'ai-news-startup-'));
  const platforms = mode === 'console' ? undefined : await startPlatforms(mode);
  let stdout = '';
  let stderr = '';
  let bot: ChildProcess | undefined;
  try {
    const started = performance.now();
    const { command, args } = RUNTIMES[runtime] as { command: string; args: readonly string[] };
    bot = spawn(command, [...args, ...(mode === 'console' ? ['--console'] : [])], {
      // A process group of its own: stopping the run stops npm's children too.
      detached: true,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? tmpdir(),
        NODE_ENV: 'production',
        LOG_LEVEL: 'info',
        DB_PATH: join(dir, 'bot.db'),
        // Set, so that a developer's .env cannot point the bot at a real platform or database.
        DISCORD_TOKEN: '',
        SLACK_BOT_TOKEN: '',
        SLACK_APP_TOKEN: '',
        DATABASE_URL: '',
        METRICS_PORT: '',
        // One fake user asks everything: the per-user limit must not turn answers into refusals.
        RATE_LIMIT_QUESTIONS: '9999',
        RATE_LIMIT_WINDOW_SECONDS: '1',
        ...platforms?.env,
      },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    bot.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString(); // some 600 KB for 1,000 answers
    });
    bot.stderr?.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString()).slice(-16_384);
    });
    const exited = new Promise<void>((_, reject) => {
      bot?.once('exit', (code) => reject(new Error(`the bot exited (${code}): ${stderr}`)));
    });
    exited.catch(() => {});
    const pid = bot.pid as number;
    let startMs: number;
    let startCpuMs: number | undefined;
    if (mode === 'console') {
      bot.stdin?.write('Did Congress block DeepSeek?\n');
      await Promise.race([
        waitForText(
          () => stdout,
          (t) => t.length > 0,
          'the first answer',
          START_LIMIT_MS,
        ),
        exited,
      ]);
      startMs = performance.now() - started;
      startCpuMs = cpuOfTree(pid);
    } else {
      await Promise.race([
        waitForText(
          () => stderr,
          (t) => t.includes('ai-news bot running'),
          'the bot to run',
          START_LIMIT_MS,
        ),
        exited,
      ]);
      startMs = performance.now() - started;
      startCpuMs = cpuOfTree(pid);
    }
    await sleep(SETTLE_MS);
    const idleRss = rssOfTree(pid);
    if (mode === 'console') {
      // The console answers one line after another; a last, unanswerable line marks the end.
      const end = `bench-end-${Date.now()}`;
      bot.stdin?.write(`${questions.join('\n')}\n${end}\n`);
      await Promise.race([
        waitForText(
          () => stdout,
          (t) => t.includes(`Q: ${end}`),
          'the answers',
          RUN_LIMIT_MS,
        ),
        exited,
      ]);
    } else {
      await Promise.race([askAll((platforms as Platforms).ask), exited]);
    }
    const notAnswered = platforms ? platforms.notAnswered() : (stdout.match(NOT_ANSWERED) ?? []).length;
    if (notAnswered > 0) throw new Error(`${notAnswered} questions got an error or a refusal, not an answer`);
    await sleep(SETTLE_MS);
    const afterRss = rssOfTree(pid);
    return { startMs, startCpuMs, idleRss, afterRss };
  } finally {
    if (bot?.pid !== undefined && bot.exitCode === null) {
      const group = -bot.pid;
      const gone = new Promise((resolve) => bot?.once('exit', resolve));
      process.kill(group, 'SIGTERM');
      await Promise.race([gone, sleep(15_000)]);
    }
    if (bot?.pid !== undefined) {
      try {
        process.kill(-bot.pid, 'SIGKILL'); // whatever of the group is left
      } catch {
        // the whole group has exited
      }
    }
    await platforms?.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

const mb = (bytes: number) => bytes / 1024 / 1024;
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const megabytes = (n: number) => `${n.toFixed(0)} MB`;
const times = (value: number, tsx: number) => `×${(value / tsx).toFixed(2)}`;
/** A figure of the compiled bot beside its target: ✓ when within it. */
const check = (value: string, ok: boolean, runtime: Runtime) =>
  runtime === 'compiled' || runtime.startsWith('start:prod') ? `${value} ${ok ? '✓' : '✗'}` : value;

async function main(): Promise<void> {
  if (!existsSync('dist/src/main.js')) throw new Error('no dist/src/main.js: run npm run build first');
  const runtimes = runtimeNames;
  const samples = new Map<string, Sample[]>();
  for (let run = 1; run <= RUNS; run++) {
    for (const mode of modes) {
      // Turn about which runtime goes first, so that a warm disk cache favours none of them.
      const order = runtimes.map((_, i) => runtimes[(i + run) % runtimes.length] as Runtime);
      for (const runtime of order) {
        const sample = await measure(mode, runtime);
        samples.set(`${mode}/${runtime}`, [...(samples.get(`${mode}/${runtime}`) ?? []), sample]);
        process.stderr.write(
          `run ${run}/${RUNS} ${mode}, ${runtime}: ${seconds(sample.startMs)}, ` +
            `${megabytes(mb(sample.idleRss))} idle, ${megabytes(mb(sample.afterRss))} after ${QUESTIONS}\n`,
        );
      }
    }
  }
  const header = [
    'mode',
    'runtime',
    'cold start',
    'CPU to ready',
    'idle RSS',
    `RSS after ${QUESTIONS}`,
    'growth',
    'start ÷ tsx',
    'idle RSS ÷ tsx',
  ];
  const lines = [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`];
  for (const mode of modes) {
    const of = (runtime: Runtime, pick: (s: Sample) => number) =>
      median((samples.get(`${mode}/${runtime}`) ?? []).map(pick));
    const tsxStart = of('tsx', (s) => s.startMs);
    const tsxIdle = of('tsx', (s) => s.idleRss);
    for (const runtime of runtimes) {
      const start = of(runtime, (s) => s.startMs);
      const idle = mb(of(runtime, (s) => s.idleRss));
      const growth = mb(of(runtime, (s) => s.afterRss - s.idleRss));
      const cells = [
        mode,
        runtime,
        check(seconds(start), start <= TARGETS.startMs, runtime),
        samples.get(`${mode}/${runtime}`)?.every((s) => s.startCpuMs !== undefined)
          ? seconds(of(runtime, (s) => s.startCpuMs as number))
          : '–',
        check(megabytes(idle), idle <= TARGETS.idleMb[mode], runtime),
        megabytes(mb(of(runtime, (s) => s.afterRss))),
        check(`+${megabytes(growth)}`, growth <= TARGETS.growthMb, runtime),
        runtime === 'tsx' ? '' : times(start, tsxStart),
        runtime === 'tsx' ? '' : times(idle, mb(tsxIdle)),
      ];
      lines.push(`| ${cells.join(' | ')} |`);
    }
  }
  console.log(
    `Cold start to ready (wall time, and the CPU time the process used until then) and RSS of the bot ` +
      `process: medians of ${RUNS} runs; RSS idle and after ${QUESTIONS} questions (growth: the median of ` +
      `each run's difference).`,
  );
  const commands = Object.entries(RUNTIMES).map(
    ([name, { command, args }]) =>
      `${name}: ${command === process.execPath ? 'node' : command} ${args.join(' ')}`,
  );
  console.log(`${commands.join('; ')} (npm start: the RSS of npm, tsx and node together)\n`);
  console.log(lines.join('\n'));
  console.log(
    `\nTargets (✓/✗, compiled): cold start ≤ ${seconds(TARGETS.startMs)}; idle RSS ≤ ` +
      `${TARGETS.idleMb.console} MB console, ${TARGETS.idleMb.slack} MB Slack or Discord, ` +
      `${TARGETS.idleMb['slack + discord']} MB both; growth ≤ ${TARGETS.growthMb} MB.`,
  );
}

await main();
