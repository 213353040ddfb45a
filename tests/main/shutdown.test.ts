import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

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
