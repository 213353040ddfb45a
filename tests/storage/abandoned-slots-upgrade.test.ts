import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.ts';
import { createCore } from '../../src/app.ts';
import { DbScheduleStore } from '../../src/scheduler/store.ts';
import { MIGRATIONS, SCHEMA_VERSION } from '../../src/storage/migrations.ts';
import { invocation } from '../helpers.ts';

const dir = mkdtempSync(join(tmpdir(), 'ai-news-abandoned-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a database from before abandoned slots', () => {
  it('upgrades an interrupted slot stored as "unknown" to abandoned, listed as missed', async () => {
    const path = join(dir, 'v8.db');
    const old = new BetterSqlite3(path);
    for (const migration of MIGRATIONS.sqlite.slice(0, 8)) old.exec(migration);
    old.pragma('user_version = 8');
    old.exec(`INSERT INTO schedules (id, platform, channel_id, scope, spec, cron, timezone, created_by,
                created_at, cursor, last_slot, last_outcome)
              VALUES ('old123', 'console', 'console', NULL, 'daily 09:00', '0 9 * * *', 'UTC', 'admin',
                '2026-11-01T00:00:00.000Z', '2026-11-29T09:00:00.000Z', '2026-11-29T09:00:00.000Z',
                'unknown: its post was interrupted (process p1 stopped); whether it was posted is unknown')`);
    old.exec(`INSERT INTO schedule_slots (schedule_id, slot, owner, status, detail, claimed_at, finished_at)
              VALUES ('old123', '2026-11-29T09:00:00.000Z', 'p1', 'unknown', 'interrupted',
                '2026-11-29T09:00:00.000Z', '2026-11-29T11:00:00.000Z')`);
    old.close();

    const store = new DbScheduleStore(path);
    try {
      expect(SCHEMA_VERSION).toBeGreaterThan(8);
      expect(await store.slots('old123')).toEqual([
        expect.objectContaining({ slot: '2026-11-29T09:00:00.000Z', status: 'abandoned', owner: 'p1' }),
      ]);
      const { dispatcher } = createCore({ commands, schedules: { store } });
      const list = await dispatcher.answer(
        invocation({
          platform: 'console',
          channelId: 'console',
          text: 'schedule list',
          user: { id: 'admin', isAdmin: true },
        }),
      );
      const shown = JSON.stringify(list);
      expect(shown).toContain('missed: the bot stopped while posting');
      expect(shown).not.toContain('unknown');
    } finally {
      await store.close();
    }
  });
});
