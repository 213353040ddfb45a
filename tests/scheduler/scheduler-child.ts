/**
 * A bot process reduced to its scheduler, for the crash test: it posts by appending lines to a
 * log file, slowly (POST_DELAY_MS), so the test can kill it in the middle of a post.
 */

import { appendFileSync } from 'node:fs';
import { commands } from '../../commands/index.ts';
import { createCore } from '../../src/app.ts';
import type { Platform } from '../../src/core/platform.ts';
import type { Scheduler } from '../../src/scheduler/scheduler.ts';
import { DbScheduleStore } from '../../src/scheduler/store.ts';

const dbPath = process.env.CHILD_DB_PATH as string;
const logPath = process.env.CHILD_LOG_PATH as string;
const delay = Number(process.env.POST_DELAY_MS ?? 0);

const adapter: Platform = {
  id: 'console',
  async start() {},
  async stop() {},
  async post(channelId) {
    appendFileSync(logPath, `begin ${process.pid} ${channelId}\n`);
    await new Promise((resolve) => setTimeout(resolve, delay));
    appendFileSync(logPath, `posted ${process.pid} ${channelId}\n`);
  },
  isConnected: () => true,
};

const store = new DbScheduleStore(dbPath);
const { scheduler, dispatcher } = createCore({
  commands,
  schedules: { store, pollMs: 100, instanceId: `pid-${process.pid}` },
});
dispatcher.attach(adapter);
await (scheduler as Scheduler).tick();
process.stdout.write('ticked\n');
(scheduler as Scheduler).start();
