import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exitCode, freePort, groupMembers, until } from './bot-process.ts';

describe('the bot process', () => {
  // Ctrl-C under `npm start` reaches the bot more than once: from the terminal, and relayed by the
  // wrappers above it. A repeated signal must not cut the graceful shutdown short.
  it.each([['SIGTERM'], ['SIGINT'], ['SIGINT', 'SIGINT'], ['SIGINT', 'SIGTERM']] as const)(
    'shuts down cleanly on %s (then %s) with exit code 0',
    async (...signals) => {
      const [signal] = signals;
      const dir = mkdtempSync(join(tmpdir(), 'ai-news-main-'));
      const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', '--console'], {
        env: {
          ...process.env,
          DB_PATH: join(dir, 'bot.db'),
          LOG_LEVEL: 'debug',
          METRICS_PORT: '0',
          METRICS_HOST: '127.0.0.1',
          DISCORD_TOKEN: '',
          SLACK_BOT_TOKEN: '',
        },
        stdio: ['pipe', 'pipe', 'pipe'],
      });
      let stderr = '';
      let stdout = '';
      child.stderr.on('data', (c: Buffer) => {
        stderr += c.toString();
      });
      child.stdout.on('data', (c: Buffer) => {
        stdout += c.toString();
      });
      try {
        child.stdin.write('Did Congress block DeepSeek?\n'); // stdin stays open: the bot keeps running
        const deadline = Date.now() + 15_000;
        while (!stdout.includes('Yes — ') || !stderr.includes('health and metrics listening')) {
          if (Date.now() > deadline) throw new Error(`bot did not start: ${stderr}`);
          await new Promise((resolve) => setTimeout(resolve, 25));
        }
        const exited = new Promise<number | null>((resolve) => child.once('close', (code) => resolve(code)));
        const [first, second] = signals;
        child.kill(first);
        if (second) {
          while (!stderr.includes('shutting down') && child.exitCode === null) {
            await new Promise((resolve) => setImmediate(resolve));
          }
          child.kill(second);
        }
        expect(await exited).toBe(0);
        expect(stderr).toContain(`"reason":"${signal}"`);
        expect(stderr).toContain('"msg":"stopped"');
      } finally {
        child.kill('SIGKILL');
        rmSync(dir, { recursive: true, force: true });
      }
    },
  );
});

describe('npm start in a terminal', () => {
  it('stops cleanly on Ctrl-C: SIGINT to the whole process group ends npm, its wrappers and the bot', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ai-news-npm-start-'));
    const port = await freePort();
    // Its own process group, as a terminal's foreground job: Ctrl-C sends SIGINT to every process in it.
    const npm = spawn('npm', ['start', '--silent', '--', '--console'], {
      detached: true,
      env: {
        ...process.env,
        DB_PATH: join(dir, 'bot.db'),
        LOG_LEVEL: 'debug',
        METRICS_PORT: String(port),
        METRICS_HOST: '127.0.0.1',
        DATABASE_URL: '',
        DISCORD_TOKEN: '',
        SLACK_BOT_TOKEN: '',
      },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stderr = '';
    npm.stderr.on('data', (c: Buffer) => {
      stderr += c.toString();
    });
    npm.stdout.resume();
    const group = npm.pid as number;
    try {
      await until(
        async () => ((await fetch(`http://127.0.0.1:${port}/healthz`)).ok ? true : undefined),
        'the bot to be up',
      );
      const pids = groupMembers(group);
      expect(pids.length).toBeGreaterThanOrEqual(2); // npm and the bot, at least
      process.kill(-group, 'SIGINT');
      // npm itself ends by the signal, as it does in a terminal; the bot shuts down gracefully.
      await exitCode(npm);
      // Nothing of the group is left running, and nothing serves the port.
      await until(
        async () => (groupMembers(group).length === 0 ? true : undefined),
        'the group to end',
        15_000,
      );
      // Everything the group wrote is read: the pipe ends once its last writer has gone.
      if (!npm.stderr.closed) await new Promise((resolve) => npm.stderr.once('close', resolve));
      expect(stderr).toContain('"reason":"SIGINT"');
      expect(stderr).toContain('"msg":"stopped"');
      expect(stderr).not.toMatch(/grace period over|cut off/);
      await expect(fetch(`http://127.0.0.1:${port}/healthz`)).rejects.toThrow();
    } finally {
      try {
        process.kill(-group, 'SIGKILL');
      } catch {
        // already gone
      }
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
