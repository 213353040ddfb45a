import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DbScheduleStore } from '../../src/scheduler/store.ts';

const dir = mkdtempSync(join(tmpdir(), 'ai-news-crash-'));
const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children) child.kill('SIGKILL');
});

function startChild(env: Record<string, string>): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', 'tests/scheduler/scheduler-child.ts'], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  children.push(child);
  return child;
}

async function waitFor(check: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

function outputOf(child: ChildProcess): () => string {
  let text = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    text += chunk.toString();
  });
  return () => text;
}

describe('a bot killed while posting', () => {
  it('never posts a slot twice and loses no schedule when restarted', async () => {
    const dbPath = join(dir, 'bot.db');
    const logPath = join(dir, 'posts.log');
    const store = new DbScheduleStore(dbPath);
    // One slot ten minutes ago (due, within the catch-up window) and the next a day later, so the
    // restarted bot can only ever see this one slot, whenever the test runs.
    const slot = new Date(Date.now() - 10 * 60_000);
    const cron = `${slot.getUTCMinutes()} ${slot.getUTCHours()} * * *`;
    const createdAt = new Date(slot.getTime() - 60_000).toISOString();
    const common = { platform: 'console' as const, scope: null, cron, timezone: 'UTC', createdBy: 't' };
    const due = await store.add({ ...common, channelId: 'due', spec: `cron ${cron}`, createdAt }, 10);
    const later = await store.add(
      {
        ...common,
        channelId: 'later',
        spec: 'daily 09:00',
        cron: '0 9 * * *',
        createdAt: new Date().toISOString(),
      },
      10,
    );
    await store.close();

    const env = { CHILD_DB_PATH: dbPath, CHILD_LOG_PATH: logPath };
    startChild({ ...env, POST_DELAY_MS: '5000' });
    await waitFor(
      () => existsSync(logPath) && readFileSync(logPath, 'utf8').includes('begin'),
      'the first post to start',
    );
    const crashed = children.at(-1) as ChildProcess;
    crashed.kill('SIGKILL');
    await new Promise((resolve) => crashed.once('exit', resolve));

    const restarted = startChild({ ...env, POST_DELAY_MS: '0' });
    const output = outputOf(restarted);
    await waitFor(() => output().includes('ticked'), 'the restarted bot to look for due slots');
    await new Promise((resolve) => setTimeout(resolve, 400)); // a few more polls
    restarted.kill('SIGKILL');

    const log = readFileSync(logPath, 'utf8').trim().split('\n');
    expect(log.filter((line) => line.startsWith('begin')).length).toBe(1);
    expect(log.filter((line) => line.startsWith('posted')).length).toBeLessThanOrEqual(1);

    const reopened = new DbScheduleStore(dbPath);
    try {
      expect((await reopened.list()).map((s) => s.id).sort()).toEqual([due.id, later.id].sort());
      const slots = await reopened.slots(due.id);
      expect(slots).toHaveLength(1);
      expect(slots[0]?.status).toBe('claimed'); // claimed by the killed process, never re-posted
    } finally {
      await reopened.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
