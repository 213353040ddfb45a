import { execFile, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeDiscord, slashInteraction } from '../fakes/discord-fake.ts';
import { postSigned, slashCommandBody, slashCommandPayload } from '../fakes/slack-requests.ts';
import { startFakeSlackWebApi } from '../fakes/slack-web-api.ts';
import { bothPlatformsEnv, exitCode, freePort, until } from './bot-process.ts';

const run = promisify(execFile);
const QUESTIONS = [
  'Did Congress block DeepSeek?',
  'how much did nvidia stok drop',
  'is alibaba funding deepseek',
];

/** Runs a console bot on `args`, questions piped to it; its output once the input has ended. */
async function askConsole(args: string[], dir: string): Promise<string> {
  const child = run(process.execPath, [...args, '--console'], {
    env: {
      ...process.env,
      // Plain node: no loader slipped in through the environment.
      NODE_OPTIONS: '',
      DB_PATH: join(dir, 'bot.db'),
      DATABASE_URL: '',
      DISCORD_TOKEN: '',
      SLACK_BOT_TOKEN: '',
    },
  });
  child.child.stdin?.end(`${QUESTIONS.join('\n')}\n`);
  return (await child).stdout;
}

// One build serves every test here: a package whose start:prod is the real one and whose dist/ is a
// fresh build of this one, inside the project as dist/ is.
mkdirSync('var', { recursive: true });
const dir = mkdtempSync(join('var', 'compiled-test-'));
const outDir = join(dir, 'dist');
const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> };

beforeAll(async () => {
  await run(process.execPath, [
    'node_modules/typescript/bin/tsc',
    '-p',
    'tsconfig.build.json',
    '--outDir',
    outDir,
  ]);
  await run(process.execPath, ['scripts/bundle.mjs', outDir]);
  // The bot finds data/ and seeds/ beside the package.json nearest its code: this one's.
  for (const folder of ['data', 'seeds']) symlinkSync(join(process.cwd(), folder), join(dir, folder));
  writeFileSync(
    join(dir, 'package.json'),
    JSON.stringify({
      name: 'start-prod-test',
      private: true,
      type: 'module',
      scripts: { 'start:prod': pkg.scripts['start:prod'] },
    }),
  );
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the compiled bot (npm run build)', () => {
  it('runs under plain node, as npm run start:prod does, and answers exactly as npm start does', async () => {
    // start:prod's node options, with the entry point in this build.
    const [, ...options] = (pkg.scripts['start:prod'] as string).split(' ').slice(0, -1);
    const compiled = await askConsole([...options, join(outDir, 'src', 'main.js')], dir);
    expect(compiled).toContain('Yes — the U.S. bodies blocking DeepSeek include the U.S. Navy, Congress');
    expect(compiled).toContain('20% dip');
    expect(compiled).toBe(await askConsole(['--import', 'tsx', 'src/main.ts'], dir));
  });
});

describe('the bundled entry point', () => {
  it('holds no comments, yet names its functions for stack traces', () => {
    // A doc comment with one character beyond ASCII makes V8 keep its whole file two bytes a character.
    const main = readFileSync(join(outDir, 'src', 'main.js'), 'utf8');
    expect(main).not.toContain('/**');
    expect(main).toMatch(/\bfunction coreQuestion\(/);
  });

  it('loads each platform from its own chunk and answers on Slack and Discord alike', async () => {
    const discord = await FakeDiscord.start();
    const slack = await startFakeSlackWebApi();
    const [slackPort, metricsPort] = [await freePort(), await freePort()];
    const [, ...options] = (pkg.scripts['start:prod'] as string).split(' ').slice(0, -1);
    const bot = spawn(process.execPath, [...options, join(outDir, 'src', 'main.js')], {
      env: {
        ...process.env,
        NODE_OPTIONS: '',
        ...bothPlatformsEnv({
          discordApiUrl: discord.apiUrl,
          slackApiUrl: slack.apiUrl,
          slackPort,
          metricsPort,
          dbPath: join(dir, 'platforms.db'),
        }),
      },
      stdio: ['ignore', 'ignore', 'ignore'],
    });
    try {
      await until(
        async () => ((await fetch(`http://127.0.0.1:${metricsPort}/readyz`)).ok ? true : undefined),
        'both platforms to be ready',
      );
      const interaction = slashInteraction('ask', { question: 'Did Congress block DeepSeek?' });
      discord.dispatch('INTERACTION_CREATE', interaction);
      const callback = await discord.waitForRequest(
        (r) => r.path === `/interactions/${interaction.id}/${interaction.token}/callback`,
        'the Discord reply',
      );
      expect(callback.body.data.embeds[0].description).toContain('the U.S. Navy, Congress');
      const sent = await postSigned(
        `http://127.0.0.1:${slackPort}/slack/events`,
        slashCommandBody(slashCommandPayload('Did Congress block DeepSeek?', slack.responseUrl('bundle-1'))),
      );
      expect(sent.status).toBe(200);
      await slack.waitFor(1, (c) => c.responseId === 'bundle-1');
      expect(JSON.stringify(slack.calls.find((c) => c.responseId === 'bundle-1')?.args)).toContain(
        'the U.S. Navy, Congress',
      );
      bot.kill('SIGTERM');
      expect(await exitCode(bot)).toBe(0);
    } finally {
      bot.kill('SIGKILL');
      await discord.close();
      await slack.close();
    }
  }, 60_000);
});

describe('npm run start:prod', () => {
  it('passes SIGTERM on to the bot: it shuts down, and nothing is left serving', async () => {
    const port = await freePort();
    const npm = spawn('npm', ['run', '--silent', 'start:prod', '--', '--console'], {
      cwd: dir,
      env: {
        ...process.env,
        NODE_OPTIONS: '',
        METRICS_PORT: String(port),
        METRICS_HOST: '127.0.0.1',
        DB_PATH: join(process.cwd(), dir, 'bot.db'),
        DATABASE_URL: '',
        DISCORD_TOKEN: '',
        SLACK_BOT_TOKEN: '',
      },
      stdio: ['pipe', 'ignore', 'ignore'],
    });
    const healthy = async () =>
      fetch(`http://127.0.0.1:${port}/healthz`).then(
        (r) => r.status === 200,
        () => false,
      );
    for (let waited = 0; !(await healthy()) && waited < 15_000; waited += 100)
      await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await healthy()).toBe(true);
    const exited = new Promise((resolve) => npm.once('exit', resolve));
    npm.kill('SIGTERM');
    await exited;
    for (let waited = 0; (await healthy()) && waited < 10_000; waited += 100)
      await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await healthy()).toBe(false);
  }, 40_000);
});
