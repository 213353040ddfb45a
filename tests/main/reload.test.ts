import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { consoleBotEnv, exitCode, freePort, until } from './bot-process.ts';

const dir = mkdtempSync(join(tmpdir(), 'ai-news-reload-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('SIGHUP', () => {
  it('reloads the story packs without a restart, and the bot keeps answering', async () => {
    const port = await freePort();
    let stderr = '';
    const bot = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', '--console'], {
      env: {
        ...process.env,
        LOG_LEVEL: 'debug',
        ...consoleBotEnv({ metricsPort: port, dbPath: join(dir, 'bot.db') }),
      },
      // Standard input stays open: the console bot runs until it ends.
      stdio: ['pipe', 'ignore', 'pipe'],
    });
    bot.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const healthy = async () =>
      (await fetch(`http://127.0.0.1:${port}/healthz`)).status === 200 ? true : undefined;
    await until(healthy, 'the bot to be up');
    // Ready too: its database answers and nothing has been lost.
    const ready = await fetch(`http://127.0.0.1:${port}/readyz`);
    expect(await ready.json()).toEqual({
      status: 'ready',
      parts: { console: 'connected', database: 'ok', deliveries: 'ok' },
    });
    bot.kill('SIGHUP');
    await until(
      async () => (stderr.includes('stories reloaded') ? true : undefined),
      'the reload to be logged',
    );
    expect(stderr).toMatch(/"stories":2[^\n]*stories reloaded/);
    expect(await healthy()).toBe(true);
    bot.kill('SIGTERM');
    expect(await exitCode(bot)).toBe(0);
  }, 40_000);
});
