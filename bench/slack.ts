/**
 * Slack benchmark: a burst of signed `/ai-news` slash commands (500 by default, BENCH_SLACK_N to
 * change) sent at once to the real Bolt app in HTTP mode. The app runs in its own process, so its
 * RSS and timings are its own; this process sends the commands and plays the Slack Web API on
 * 127.0.0.1, taking the answers at their response_urls. Prints p50 and p99 of the time to the HTTP
 * acknowledgement and to the answer arriving (for the burst, and for 100 commands one at a time), and
 * the app process's RSS.
 */

import { type ChildProcess, fork } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { commands } from '../commands/index.ts';
import { createSlackAdapter } from '../src/adapters/slack/app.ts';
import { createCore } from '../src/app.ts';
import { silentLogger } from '../src/core/logger.ts';
import {
  postSigned,
  slashCommandBody,
  slashCommandPayload,
  TEST_SIGNING_SECRET,
} from '../tests/fakes/slack-requests.ts';
import { startFakeSlackWebApi } from '../tests/fakes/slack-web-api.ts';
import { quantile } from './common.ts';

const BURST = Number(process.env.BENCH_SLACK_N ?? 500);
const WARM_UP = 50;
/** Commands sent one after the other first, for the latency of a single command on an idle app. */
const SEQUENTIAL = 100;
const COMMANDS = [
  'did congress block deepseek',
  'ask how much did nvidia stock drop',
  'summary',
  'topic bans',
  'who yan qiao',
  'private is alibaba investing in deepseek',
  'help',
  'has japan banned deepseek',
];

type AppMessage = { type: 'ready'; port: number } | { type: 'memory'; rss: number; maxRss: number };

/** The app process: the Slack adapter on 127.0.0.1, answering the parent's questions about itself. */
async function runApp(): Promise<void> {
  const { dispatcher } = createCore({ commands });
  const adapter = createSlackAdapter({
    config: {
      botToken: 'xoxb-bench',
      signingSecret: TEST_SIGNING_SECRET,
      apiUrl: process.env.BENCH_SLACK_API_URL as string,
      port: 0,
    },
    dispatcher,
    logger: silentLogger(),
    host: '127.0.0.1',
  });
  await adapter.start();
  process.on('message', (message: { type: string }) => {
    if (message.type === 'memory') {
      const memory: AppMessage = {
        type: 'memory',
        rss: process.memoryUsage().rss,
        maxRss: process.resourceUsage().maxRSS * 1024,
      };
      process.send?.(memory);
    }
    if (message.type === 'stop') void adapter.stop().then(() => process.disconnect());
  });
  process.send?.({ type: 'ready', port: adapter.port ?? 0 } satisfies AppMessage);
}

const ms = (n: number) => `${n.toFixed(1)} ms`;
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

async function nextMessage<T extends AppMessage['type']>(
  child: ChildProcess,
  type: T,
): Promise<Extract<AppMessage, { type: T }>> {
  for (;;) {
    const [message] = (await once(child, 'message')) as [AppMessage];
    if (message.type === type) return message as Extract<AppMessage, { type: T }>;
  }
}

async function runBench(): Promise<void> {
  const api = await startFakeSlackWebApi();
  const app = fork(fileURLToPath(import.meta.url), [], {
    env: { ...process.env, BENCH_SLACK_ROLE: 'app', BENCH_SLACK_API_URL: api.apiUrl },
    execArgv: ['--import', 'tsx'],
  });
  try {
    const { port } = await nextMessage(app, 'ready');
    const url = `http://127.0.0.1:${port}/slack/events`;
    app.send({ type: 'memory' });
    const idle = await nextMessage(app, 'memory');

    /** Sends `n` commands, all at once or one after the other; times each ack and each answer. */
    async function run(prefix: string, n: number, concurrent: boolean) {
      const sent: number[] = [];
      const send = async (i: number) => {
        const body = slashCommandBody(
          slashCommandPayload(COMMANDS[i % COMMANDS.length] as string, api.responseUrl(`${prefix}${i}`)),
        );
        sent[i] = performance.now();
        const { status } = await postSigned(url, body);
        if (status !== 200) throw new Error(`request ${i} answered ${status}`);
        const ack = performance.now() - (sent[i] as number);
        // One after the other means after the answer, so requests never overlap.
        if (!concurrent) await api.waitFor(1, (c) => c.responseId === `${prefix}${i}`);
        return ack;
      };
      const acks: number[] = [];
      if (concurrent) acks.push(...(await Promise.all(Array.from({ length: n }, (_, i) => send(i)))));
      else for (let i = 0; i < n; i++) acks.push(await send(i));
      const isOurs = (c: { responseId?: string }) => c.responseId?.startsWith(prefix) === true;
      await api.waitFor(n, isOurs, 60_000);
      const answers = api.calls
        .filter(isOurs)
        .map((c) => c.at - (sent[Number((c.responseId as string).slice(prefix.length))] as number));
      return { acks: acks.sort((a, b) => a - b), answers: answers.sort((a, b) => a - b) };
    }

    await run('warm-', WARM_UP, true);
    const alone = await run('alone-', SEQUENTIAL, false);
    const started = performance.now();
    const { acks, answers } = await run('burst-', BURST, true);
    const wall = performance.now() - started;
    app.send({ type: 'memory' });
    const after = await nextMessage(app, 'memory');

    console.log(
      `Slack adapter, HTTP mode: ${BURST} signed /ai-news commands sent at once (after ${WARM_UP} to warm up)`,
    );
    const row = (values: number[]) => ({
      p50: ms(quantile(values, 0.5)),
      p99: ms(quantile(values, 0.99)),
      max: ms(values.at(-1) ?? 0),
    });
    console.table({
      'HTTP ack': row(acks),
      'answer at response_url': row(answers),
      [`HTTP ack, ${SEQUENTIAL} one at a time`]: row(alone.acks),
      [`answer, ${SEQUENTIAL} one at a time`]: row(alone.answers),
    });
    console.log(
      `burst took ${ms(wall)} (${Math.round((BURST / wall) * 1000)} commands/s); app process RSS ` +
        `${mb(idle.rss)} idle, ${mb(after.rss)} after the burst, peak ${mb(after.maxRss)}`,
    );
  } finally {
    app.send({ type: 'stop' });
    await Promise.race([once(app, 'exit'), new Promise((resolve) => setTimeout(resolve, 5_000).unref())]);
    if (app.exitCode === null) app.kill();
    await api.close();
  }
}

(process.env.BENCH_SLACK_ROLE === 'app' ? runApp() : runBench()).catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
