import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

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

describe('the compiled bot (npm run build)', () => {
  // Built inside the package, as dist/ is: the compiled bot must find data/ and seeds/ from there.
  mkdirSync('var', { recursive: true });
  const dir = mkdtempSync(join('var', 'compiled-test-'));
  const outDir = join(dir, 'dist');

  beforeAll(async () => {
    await run(process.execPath, [
      'node_modules/typescript/bin/tsc',
      '-p',
      'tsconfig.build.json',
      '--outDir',
      outDir,
    ]);
  }, 60_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('runs under plain node, as npm run start:prod does, and answers exactly as npm start does', async () => {
    const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> };
    // start:prod's node options, with the entry point in this build.
    const [, ...options] = (pkg.scripts['start:prod'] as string).split(' ').slice(0, -1);
    const compiled = await askConsole([...options, join(outDir, 'src', 'main.js')], dir);
    expect(compiled).toContain('Yes — the U.S. bodies blocking DeepSeek include the U.S. Navy, Congress');
    expect(compiled).toContain('20% dip');
    expect(compiled).toBe(await askConsole(['--import', 'tsx', 'src/main.ts'], dir));
  });
});
