import { type ChildProcess, spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { APPLICATION_ID, BOT_TOKEN } from '../fakes/discord-fake.ts';
import { TEST_BOT_TOKEN } from '../fakes/slack-harness.ts';
import { TEST_SIGNING_SECRET } from '../fakes/slack-requests.ts';

/** A TCP port free on 127.0.0.1 right now. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Polls `probe` until it gives a value (a throw counts as not yet), or fails naming `what`. */
export async function until<T>(
  probe: () => Promise<T | undefined>,
  what: string,
  timeoutMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Starts `src/main.ts` as `npm start` would run it, with `env` added, collecting its standard error. */
export function startBot(env: Record<string, string>): { bot: ChildProcess; stderr: () => string } {
  let text = '';
  const bot = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    env: { ...process.env, LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  bot.stderr?.on('data', (chunk: Buffer) => {
    text += chunk.toString();
  });
  // A test that times out never reaches its own stop: its bot still ends with the test process.
  endsWithThisProcess(bot);
  return { bot, stderr: () => text };
}

/** Kills `child` if this process exits first, so that no bot outlives the test or bench that started it. */
export function endsWithThisProcess(child: ChildProcess): void {
  const reap = () => child.kill('SIGKILL');
  process.once('exit', reap);
  child.once('exit', () => process.off('exit', reap));
}

/** The exit code of a bot process, once it has exited. */
export function exitCode(bot: ChildProcess): Promise<number | null> {
  // Ended by a signal (SIGKILL): exitCode stays null, and 'exit' has fired already.
  if (bot.exitCode !== null || bot.signalCode !== null) return Promise.resolve(bot.exitCode);
  return new Promise((resolve) => bot.once('exit', (code) => resolve(code)));
}

/** The environment that turns both platforms on against the fakes, with the health server on 127.0.0.1. */
export function bothPlatformsEnv(options: {
  discordApiUrl: string;
  slackApiUrl: string;
  slackPort: number;
  metricsPort: number;
  dbPath: string;
}): Record<string, string> {
  return {
    DISCORD_TOKEN: BOT_TOKEN,
    DISCORD_CLIENT_ID: APPLICATION_ID,
    DISCORD_API_URL: options.discordApiUrl,
    SLACK_BOT_TOKEN: TEST_BOT_TOKEN,
    SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
    SLACK_API_URL: options.slackApiUrl,
    SLACK_APP_TOKEN: '',
    PORT: String(options.slackPort),
    METRICS_PORT: String(options.metricsPort),
    METRICS_HOST: '127.0.0.1',
    DB_PATH: options.dbPath,
    DATABASE_URL: '',
  };
}

/** The processes of a process group still alive (Linux /proc). */
export function groupMembers(group: number): number[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .filter((pid) => {
      try {
        const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
        // Fields after the command's closing parenthesis: state, ppid, pgrp, …
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        return Number(fields[2]) === group && fields[0] !== 'Z';
      } catch {
        return false;
      }
    })
    .map(Number);
}

/**
 * The environment of a console bot on a SQLite file with its health server on 127.0.0.1, and no
 * platform or shared database a developer's environment might name.
 */
export function consoleBotEnv(options: { metricsPort: number; dbPath: string }): Record<string, string> {
  return {
    METRICS_PORT: String(options.metricsPort),
    METRICS_HOST: '127.0.0.1',
    DB_PATH: options.dbPath,
    DATABASE_URL: '',
    DISCORD_TOKEN: '',
    SLACK_BOT_TOKEN: '',
  };
}
