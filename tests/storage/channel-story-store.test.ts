import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DbChannelStoryStore, OTHERS_CHECKED_EVERY_MS } from '../../src/storage/channel-story-store.ts';
import { type Database, openSqlite } from '../../src/storage/database.ts';

const opened: Database[] = [];
const folders: string[] = [];

function file(): string {
  const folder = mkdtempSync(join(tmpdir(), 'channel-stories-'));
  folders.push(folder);
  return join(folder, 'bot.db');
}

function open(path: string): Database {
  const database = openSqlite(path);
  opened.push(database);
  return database;
}

afterEach(async () => {
  await Promise.all(opened.splice(0).map((database) => database.close()));
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

describe("channels' choices of story on SQLite, kept in memory", () => {
  it('sees its own choice at once, and a channel that chose none uses the default', async () => {
    const store = new DbChannelStoryStore(open(file()));
    expect(await store.storyOf('discord:g1:c1')).toBeUndefined();
    await store.choose('discord:g1:c1', 'tram-story', 'u1');
    expect(await store.storyOf('discord:g1:c1')).toBe('tram-story');
    await store.choose('discord:g1:c1', 'default-story', 'u2');
    expect(await store.storyOf('discord:g1:c1')).toBe('default-story');
    expect(await store.storyOf('discord:g1:c2')).toBeUndefined();
  });

  it("sees a choice another process's connection wrote to the file, though it read the old one before", async () => {
    const path = file();
    const here = new DbChannelStoryStore(open(path), 0);
    const elsewhere = new DbChannelStoryStore(open(path), 0);
    expect(await here.storyOf('slack:T1:C1')).toBeUndefined();
    await elsewhere.choose('slack:T1:C1', 'tram-story', 'u1');
    expect(await here.storyOf('slack:T1:C1')).toBe('tram-story');
    await elsewhere.choose('slack:T1:C1', 'default-story', 'u1');
    expect(await here.storyOf('slack:T1:C1')).toBe('default-story');
  });

  it('asks the file about other connections at most every so often, and sees their choice after that', async () => {
    const path = file();
    // A long interval, so that nothing this test waits on outlasts it before it means to.
    const everyMs = 1500;
    const here = new DbChannelStoryStore(open(path), everyMs);
    const elsewhere = new DbChannelStoryStore(open(path));
    expect(OTHERS_CHECKED_EVERY_MS).toBeLessThanOrEqual(1000);
    expect(await here.storyOf('slack:T1:C1')).toBeUndefined();
    await elsewhere.choose('slack:T1:C1', 'tram-story', 'u1');
    // Within the interval, what was read stands (another process's choice is a moment late)...
    expect(await here.storyOf('slack:T1:C1')).toBeUndefined();
    await new Promise((resolve) => setTimeout(resolve, everyMs + 100));
    // ...after it, the file is asked again.
    expect(await here.storyOf('slack:T1:C1')).toBe('tram-story');
  });

  it('never keeps what a read found when a choice was written while it was under way', async () => {
    // A database whose reads answer when the test says: the first read found the old choice, and
    // comes back only after the new one was written.
    let stored = 'old-story';
    const answers: ((story: string) => void)[] = [];
    const query = {
      select: () => query,
      where: () => query,
      executeTakeFirst: () => {
        const found = stored;
        return new Promise((resolve) => answers.push(() => resolve({ story: found })));
      },
    };
    const write = {
      values: (row: { story: string }) => {
        stored = row.story;
        return write;
      },
      onConflict: () => write,
      execute: async () => [],
    };
    const database = {
      dialect: 'sqlite',
      othersChanges: () => 7,
      kysely: { selectFrom: () => query, insertInto: () => write },
      close: async () => {},
    } as unknown as Database;
    const store = new DbChannelStoryStore(database);
    const slowRead = store.storyOf('discord:g1:c1');
    await store.choose('discord:g1:c1', 'new-story', 'u1');
    answers.shift()?.('');
    expect(await slowRead).toBe('old-story');
    const next = store.storyOf('discord:g1:c1');
    answers.shift()?.('');
    expect(await next).toBe('new-story');
    // Now kept: no query at all.
    expect(await store.storyOf('discord:g1:c1')).toBe('new-story');
    expect(answers).toHaveLength(0);
  });
});
