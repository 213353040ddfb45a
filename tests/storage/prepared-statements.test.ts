import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openSqlite } from '../../src/storage/database.ts';
import { withPreparedStatements } from '../../src/storage/sqlite-dialect.ts';

/** A database whose prepares are counted. */
function counted() {
  const db = new BetterSqlite3(':memory:');
  db.exec('CREATE TABLE t (n INTEGER)');
  let prepares = 0;
  const prepare = db.prepare.bind(db);
  db.prepare = ((sql: string) => {
    prepares += 1;
    return prepare(sql);
  }) as typeof db.prepare;
  return { db, prepares: () => prepares };
}

describe('SQLite statements prepared once', () => {
  it('reuses a statement for the same SQL, with the rows of each call its own', () => {
    const { db, prepares } = counted();
    const kept = withPreparedStatements(db);
    for (let n = 1; n <= 3; n++) kept.prepare('INSERT INTO t (n) VALUES (?)').run([n]);
    expect(kept.prepare('SELECT n FROM t WHERE n >= ? ORDER BY n').all([2])).toEqual([{ n: 2 }, { n: 3 }]);
    expect(kept.prepare('SELECT n FROM t WHERE n >= ? ORDER BY n').all([3])).toEqual([{ n: 3 }]);
    expect(prepares()).toBe(2);
    kept.close();
    expect(db.open).toBe(false);
  });

  it('prepares another for a caller while the kept one is still being read', () => {
    const { db, prepares } = counted();
    const kept = withPreparedStatements(db);
    for (let n = 1; n <= 3; n++) kept.prepare('INSERT INTO t (n) VALUES (?)').run([n]);
    const reading = kept.prepare('SELECT n FROM t ORDER BY n').iterate([]);
    expect(reading.next().value).toEqual({ n: 1 });
    // The kept statement is busy mid-iteration: a second caller gets its own, and both finish.
    expect(kept.prepare('SELECT n FROM t ORDER BY n').all([])).toHaveLength(3);
    expect([...reading]).toEqual([{ n: 2 }, { n: 3 }]);
    expect(prepares()).toBe(3);
  });

  it('serves the stores of a real database file the same way, its answers unchanged', async () => {
    const database = openSqlite(':memory:');
    await database.kysely
      .insertInto('channelStories')
      .values({ channel: 'c1', story: 's1', chosenBy: 'u1', chosenAt: '2026-01-01T00:00:00.000Z' })
      .execute();
    for (const channel of ['c1', 'c2', 'c1']) {
      const row = await database.kysely
        .selectFrom('channelStories')
        .select('story')
        .where('channel', '=', channel)
        .executeTakeFirst();
      expect(row?.story).toBe(channel === 'c1' ? 's1' : undefined);
    }
    await database.close();
  });
});

describe('a statement compiled once', () => {
  it('runs the same SQL with each call’s values in their places, constants kept, a value filling several', async () => {
    const { compiledOnce } = await import('../../src/storage/compiled-once.ts');
    const database = openSqlite(':memory:');
    const choose = compiledOnce(database, ['channel', 'story', 'at'] as const, (v) =>
      database.kysely
        .insertInto('channelStories')
        .values({ channel: v.channel, story: v.story, chosenBy: 'bench', chosenAt: v.at })
        .onConflict((oc) => oc.column('channel').doUpdateSet({ story: v.story, chosenAt: v.at })),
    );
    await choose({ channel: 'c1', story: 's1', at: '2026-01-01' });
    await choose({ channel: 'c2', story: 's2', at: '2026-01-02' });
    await choose({ channel: 'c1', story: 's3', at: '2026-01-03' });
    const rows = await database.kysely.selectFrom('channelStories').selectAll().orderBy('channel').execute();
    expect(rows).toEqual([
      { channel: 'c1', story: 's3', chosenBy: 'bench', chosenAt: '2026-01-03' },
      { channel: 'c2', story: 's2', chosenBy: 'bench', chosenAt: '2026-01-02' },
    ]);
    // A key the query does not use is a mistake, said at the first call.
    const wrong = compiledOnce(database, ['channel', 'unused'] as const, (v) =>
      database.kysely.deleteFrom('channelStories').where('channel', '=', v.channel),
    );
    await expect(wrong({ channel: 'c1', unused: 'x' })).rejects.toThrow(/unused is not a parameter/);
    await database.close();
  });
});
