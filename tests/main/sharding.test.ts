import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DbScheduleStore } from '../../src/scheduler/store.ts';
import { openSqlite } from '../../src/storage/database.ts';
import {
  APPLICATION_ID,
  BOT_TOKEN,
  CHANNEL_ID,
  DM_CHANNEL_ID,
  FakeDiscord,
  GUILD_ID,
  shardOf,
  slashInteraction,
} from '../fakes/discord-fake.ts';
import { exitCode, freePort, startBot, until } from './bot-process.ts';

// A second guild, on the other shard of two: its id differs from GUILD_ID by one in the bits that pick the shard.
const OTHER_GUILD_ID = (BigInt(GUILD_ID) + (1n << 22n)).toString();
const OTHER_CHANNEL_ID = '1100000000000000104';

/** `/ai-news ask` in a given guild and channel. */
function askIn(guildId: string, channelId: string, question: string) {
  const interaction = slashInteraction('ask', { question });
  return {
    ...interaction,
    guild_id: guildId,
    channel_id: channelId,
    channel: { id: channelId, type: 0, guild_id: guildId },
    authorizing_integration_owners: { '0': guildId },
  };
}

describe('DISCORD_SHARDS=auto: a shard manager and one process per shard', () => {
  let discord: FakeDiscord;
  let bot: ChildProcess;
  let stderr: () => string;
  let dir: string;
  let dbPath: string;
  let metricsPort: number;
  const scheduleIds: Record<'guild' | 'other' | 'dm', string> = { guild: '', other: '', dm: '' };

  beforeAll(async () => {
    discord = await FakeDiscord.start();
    // Discord recommends two shards, and lets 16 identify at once (so they start 344 ms apart).
    discord.gateway = { shards: 2, maxConcurrency: 16 };
    discord.addGuild(OTHER_GUILD_ID, 'Other newsroom', OTHER_CHANNEL_ID);
    dir = mkdtempSync(join(tmpdir(), 'ai-news-shards-'));
    dbPath = join(dir, 'bot.db');
    // Three hourly schedules whose last slot passed while the bot was down: one per guild, one in a DM.
    const store = new DbScheduleStore(dbPath);
    const twoHoursAgo = new Date(Date.now() - 2 * 3600_000).toISOString();
    const base = { platform: 'discord' as const, spec: 'hourly', cron: '0 * * * *', timezone: 'UTC' };
    const add = (channelId: string, scope: string | null) =>
      store.add({ ...base, channelId, scope, createdBy: 'admin', createdAt: twoHoursAgo }, 10);
    scheduleIds.guild = (await add(CHANNEL_ID, GUILD_ID)).id;
    scheduleIds.other = (await add(OTHER_CHANNEL_ID, OTHER_GUILD_ID)).id;
    scheduleIds.dm = (await add(DM_CHANNEL_ID, null)).id;
    await store.close();

    metricsPort = await freePort();
    ({ bot, stderr } = startBot({
      DISCORD_TOKEN: BOT_TOKEN,
      DISCORD_CLIENT_ID: APPLICATION_ID,
      DISCORD_API_URL: discord.apiUrl,
      DISCORD_SHARDS: 'auto',
      METRICS_PORT: String(metricsPort),
      METRICS_HOST: '127.0.0.1',
      DB_PATH: dbPath,
      SCHEDULE_CATCH_UP_MINUTES: '180',
    }));
    await until(async () => {
      const response = await fetch(`http://127.0.0.1:${metricsPort}/readyz`);
      return response.status === 200 ? true : undefined;
    }, 'both shards to be ready');
  }, 60_000);

  afterAll(async () => {
    bot?.kill('SIGKILL');
    await discord?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('asks Discord for the shard count and connects each shard from its own process', async () => {
    expect(shardOf(GUILD_ID, 2)).not.toBe(shardOf(OTHER_GUILD_ID, 2));
    expect(discord.requests.filter((r) => r.path === '/gateway/bot').length).toBeGreaterThanOrEqual(1);
    const identifies = discord.frames.filter((f) => f.op === 2);
    expect(identifies.map((f) => f.d.shard).sort()).toEqual([
      [0, 2],
      [1, 2],
    ]);
    expect(new Set(identifies.map((f) => f.connection)).size).toBe(2);
    expect(discord.liveShards).toEqual([0, 1]);
    const health = await (await fetch(`http://127.0.0.1:${metricsPort}/readyz`)).json();
    expect(health).toEqual({
      status: 'ready',
      parts: { discord: 'connected', database: 'ok', deliveries: 'ok' },
      discordShards: { '0': 'ready', '1': 'ready' },
    });
    // Two shard processes besides the manager.
    const pids = new Set(
      [...stderr().matchAll(/"shardPid":(\d+)[^\n]*shard process started/g)].map((m) => m[1]),
    );
    expect(pids.size).toBe(2);
  });

  it('answers a slash command in each guild from the shard that guild is on', async () => {
    const inGuild = askIn(GUILD_ID, CHANNEL_ID, 'Did Congress block DeepSeek?');
    const inOther = askIn(OTHER_GUILD_ID, OTHER_CHANNEL_ID, 'how much did nvidia stock drop');
    discord.dispatch('INTERACTION_CREATE', inGuild);
    discord.dispatch('INTERACTION_CREATE', inOther);
    const [first, second] = await Promise.all(
      [inGuild, inOther].map((i) =>
        discord.waitForRequest((r) => r.path === `/interactions/${i.id}/${i.token}/callback`, 'a reply'),
      ),
    );
    expect(first?.body.data.embeds[0].description).toContain('Yes — the U.S. bodies blocking DeepSeek');
    expect(second?.body.data.embeds[0].description).toMatch(/Nvidia/);
    expect(first?.body.data.allowed_mentions).toMatchObject({ parse: [] });
  });

  it("posts each guild's schedule once, from that guild's shard, and DM schedules from shard 0", async () => {
    const posts = (channelId: string) =>
      discord.requests.filter((r) => r.method === 'POST' && r.path === `/channels/${channelId}/messages`);
    await until(
      async () =>
        posts(CHANNEL_ID).length && posts(OTHER_CHANNEL_ID).length && posts(DM_CHANNEL_ID).length
          ? true
          : undefined,
      'the three scheduled posts',
    );
    // Give a wrong shard, or the manager, a moment in which it would post a second time.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    for (const channel of [CHANNEL_ID, OTHER_CHANNEL_ID, DM_CHANNEL_ID]) {
      expect(posts(channel)).toHaveLength(1);
      expect(posts(channel)[0]?.body.embeds[0].title).toMatch(/DeepSeek/);
    }
    const database = openSqlite(dbPath);
    try {
      const owner = async (id: string) =>
        (
          await database.kysely
            .selectFrom('scheduleSlots')
            .select('owner')
            .where('scheduleId', '=', id)
            .execute()
        ).map((row) => row.owner);
      expect(await owner(scheduleIds.guild)).toEqual([
        expect.stringMatching(new RegExp(`^discord-shard-${shardOf(GUILD_ID, 2)}-`)),
      ]);
      expect(await owner(scheduleIds.other)).toEqual([
        expect.stringMatching(new RegExp(`^discord-shard-${shardOf(OTHER_GUILD_ID, 2)}-`)),
      ]);
      expect(await owner(scheduleIds.dm)).toEqual([expect.stringMatching(/^discord-shard-0-/)]);
    } finally {
      await database.close();
    }
  });

  it("serves every shard's metrics from the manager's /metrics, each labelled with its shard", async () => {
    const metrics = await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text();
    // One question answered by each shard process; a series per shard, so a restarted shard is a reset
    // of its own series, never a total going down.
    for (const shard of ['0', '1']) {
      expect(metrics).toMatch(
        new RegExp(
          `ai_news_questions_total\\{platform="discord",command="ask",outcome="answer",shard="${shard}"\\} 1\\b`,
        ),
      );
    }
    const posted = [
      ...metrics.matchAll(
        /ai_news_schedule_posts_total\{platform="discord",outcome="posted",shard="(\d)"\} (\d+)/g,
      ),
    ];
    // Two schedules on shard 0 (its guild's and the DM one), one on shard 1.
    expect(Object.fromEntries(posted.map((m) => [m[1], Number(m[2])]))).toEqual({ '0': 2, '1': 1 });
    // Shard 1 handled its guild's question and its guild's scheduled summary, both through the dispatcher.
    expect(metrics).toMatch(/ai_news_answer_latency_seconds_count\{platform="discord",shard="1"\} 2\b/);
  });

  it('respawns a shard process that dies, waiting longer each time it dies again, and /readyz says so meanwhile', async () => {
    const pids = [...stderr().matchAll(/"shardPid":(\d+)[^\n]*shard process started/g)].map((m) =>
      Number(m[1]),
    );
    const victim = pids[1] as number; // shard 1's process: shards start in order
    const identifiesBefore = discord.frames.filter((f) => f.op === 2).length;
    process.kill(victim, 'SIGKILL');
    const unhealthy = await until(
      async () => {
        const response = await fetch(`http://127.0.0.1:${metricsPort}/readyz`);
        return response.status === 503 ? response.json() : undefined;
      },
      '/readyz to report the dead shard',
      10_000,
    );
    expect(unhealthy).toEqual({
      status: 'unavailable',
      parts: { discord: 'disconnected', database: 'ok', deliveries: 'ok' },
      failing: ['discord'],
      discordShards: { '0': 'ready', '1': 'not ready' },
    });
    await until(
      async () => (discord.frames.filter((f) => f.op === 2).length > identifiesBefore ? true : undefined),
      'the respawned shard to identify',
    );
    await until(async () => {
      const response = await fetch(`http://127.0.0.1:${metricsPort}/readyz`);
      return response.status === 200 ? true : undefined;
    }, 'health to come back');
    expect(stderr()).toMatch(/"deaths":1,"respawnInMs":1000,"msg":"shard process exited; respawning it"/);

    // Killed again at once: the next respawn waits twice as long.
    const again = [...stderr().matchAll(/"shard":1,"shardPid":(\d+)[^\n]*shard process started/g)].at(-1);
    expect(Number(again?.[1])).not.toBe(victim);
    process.kill(Number(again?.[1]), 'SIGKILL');
    await until(
      async () => (/"deaths":2,"respawnInMs":2000/.test(stderr()) ? true : undefined),
      'the second death to be logged',
      10_000,
    );
    await until(async () => {
      const response = await fetch(`http://127.0.0.1:${metricsPort}/readyz`);
      return response.status === 200 ? true : undefined;
    }, 'health to come back again');
  }, 60_000);

  it('stops the manager and every shard gracefully on SIGTERM', async () => {
    bot.kill('SIGTERM');
    expect(await exitCode(bot)).toBe(0);
    // The manager and the two shards each log that they stopped.
    await until(
      async () => ((stderr().match(/"msg":"stopped"/g) ?? []).length >= 3 ? true : undefined),
      'every process to stop',
      10_000,
    );
    await until(
      async () => (discord.liveShards.length === 0 ? true : undefined),
      'the gateway connections to close',
    );
  });
});

/** The bot against a fresh fake Discord and database file: what a test needs to drive and watch it. */
interface BotOnFakeDiscord {
  discord: FakeDiscord;
  bot: ChildProcess;
  stderr: () => string;
}

/**
 * Starts a fake Discord, lets `prepare` script it, starts the bot against it with `env` added, runs
 * `body`, then kills the bot and removes the fake and the database, whatever happened.
 */
async function withBotOnFakeDiscord(
  prepare: (discord: FakeDiscord) => void,
  env: Record<string, string>,
  body: (run: BotOnFakeDiscord) => Promise<void>,
): Promise<void> {
  const discord = await FakeDiscord.start();
  const dir = mkdtempSync(join(tmpdir(), 'ai-news-shards-'));
  try {
    prepare(discord);
    const { bot, stderr } = startBot({
      DISCORD_TOKEN: BOT_TOKEN,
      DISCORD_CLIENT_ID: APPLICATION_ID,
      DISCORD_API_URL: discord.apiUrl,
      DB_PATH: join(dir, 'bot.db'),
      ...env,
    });
    try {
      await body({ discord, bot, stderr });
    } finally {
      bot.kill('SIGKILL');
    }
  } finally {
    await discord.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const identifies = (discord: FakeDiscord) => discord.frames.filter((f) => f.op === 2);

describe('DISCORD_SHARD_IDS: shards spread over several hosts', () => {
  it('runs only the listed shards of the total, and is healthy when those are ready', async () => {
    const metricsPort = await freePort();
    await withBotOnFakeDiscord(
      (discord) => {
        discord.gateway = { shards: 1, maxConcurrency: 16 };
      },
      {
        DISCORD_SHARDS: '3',
        DISCORD_SHARD_IDS: '1-2',
        METRICS_PORT: String(metricsPort),
        METRICS_HOST: '127.0.0.1',
      },
      async ({ discord, bot }) => {
        await until(async () => {
          const response = await fetch(`http://127.0.0.1:${metricsPort}/readyz`);
          return response.status === 200 ? true : undefined;
        }, 'shards 1 and 2 to be ready');
        expect(identifies(discord).map((f) => f.d.shard)).toEqual(
          expect.arrayContaining([
            [1, 3],
            [2, 3],
          ]),
        );
        expect(identifies(discord)).toHaveLength(2);
        expect(discord.liveShards).toEqual([1, 2]);
        bot.kill('SIGTERM');
        expect(await exitCode(bot)).toBe(0);
      },
    );
  }, 60_000);
});

describe('a shard manager stopped while it is still starting shards', () => {
  it('exits 0 and starts no further shard', async () => {
    await withBotOnFakeDiscord(
      (discord) => {
        // Two identifies per 5 s: the manager waits 2.75 s between shards.
        discord.gateway = { shards: 3, maxConcurrency: 2 };
      },
      { DISCORD_SHARDS: 'auto' },
      async ({ discord, bot, stderr }) => {
        await until(async () => (discord.liveShards.includes(0) ? true : undefined), 'shard 0 to connect');
        bot.kill('SIGTERM');
        expect(await exitCode(bot)).toBe(0);
        expect(stderr()).not.toContain('could not start');
        // Longer than the pause before the next shard would have started.
        await new Promise((resolve) => setTimeout(resolve, 3500));
        expect(identifies(discord)).toHaveLength(1);
        expect(discord.liveShards).toEqual([]);
      },
    );
  }, 30_000);
});

describe('Discord refusing the bot at start: exit 2, naming the variable to fix', () => {
  async function run(env: Record<string, string>, prepare: (discord: FakeDiscord) => void) {
    let result = { code: null as number | string | null, stderr: '', identifies: 0 };
    await withBotOnFakeDiscord(
      (discord) => {
        discord.gateway = { shards: 2, maxConcurrency: 16 };
        prepare(discord);
      },
      env,
      async ({ discord, bot, stderr }) => {
        const code = await Promise.race([
          exitCode(bot),
          new Promise<string>((resolve) => setTimeout(() => resolve('still running'), 20_000)),
        ]);
        result = { code, stderr: stderr(), identifies: identifies(discord).length };
      },
    );
    return result;
  }

  it('one process: a rejected token names DISCORD_TOKEN, without printing it', async () => {
    const result = await run({ DISCORD_TOKEN: 'a-wrong-token' }, (discord) =>
      discord.failNext((r) => r.path === '/gateway/bot', 401, { message: '401: Unauthorized', code: 0 }),
    );
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('DISCORD_TOKEN: Discord rejected the token');
    expect(result.stderr).not.toContain('a-wrong-token');
  });

  it('one process: "sharding required" (close 4011) tells to set DISCORD_SHARDS', async () => {
    const result = await run({}, (discord) => {
      discord.refuseIdentify = { code: 4011 };
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('DISCORD_SHARDS: Discord requires this bot to be sharded');
  });

  it('sharded: a shard refused for good stops the whole bot with exit 2 instead of respawning it', async () => {
    const result = await run({ DISCORD_SHARDS: 'auto' }, (discord) => {
      discord.refuseIdentify = { code: 4014, shards: [1] };
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("DISCORD_TOKEN: Discord refused this bot's gateway intents");
    expect(result.stderr).toContain('not respawning it');
    expect(result.identifies).toBe(2);
  }, 30_000);

  it('sharded: a rejected token while counting shards names DISCORD_TOKEN, without printing it', async () => {
    const result = await run({ DISCORD_TOKEN: 'a-wrong-token', DISCORD_SHARDS: 'auto' }, (discord) =>
      discord.failNext((r) => r.path === '/gateway/bot', 401, { message: '401: Unauthorized', code: 0 }),
    );
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('DISCORD_TOKEN: Discord rejected the token');
    expect(result.stderr).not.toContain('a-wrong-token');
  });
});

describe('a single shard that dies, with nothing else open in the manager', () => {
  it('is restarted: the manager does not exit while the restart is pending', async () => {
    await withBotOnFakeDiscord(
      (discord) => {
        discord.gateway = { shards: 1, maxConcurrency: 16 };
      },
      // No METRICS_PORT and no Slack: the pending restart is all that keeps the manager alive.
      { DISCORD_SHARDS: 'auto' },
      async ({ discord, bot, stderr }) => {
        await until(async () => (discord.liveShards.length === 1 ? true : undefined), 'the shard');
        const pid = Number(/"shardPid":(\d+)/.exec(stderr())?.[1]);
        process.kill(pid, 'SIGKILL');
        await until(
          async () => (identifies(discord).length === 2 ? true : undefined),
          'the shard to be restarted',
        );
        expect(bot.exitCode).toBeNull();
        bot.kill('SIGTERM');
        expect(await exitCode(bot)).toBe(0);
      },
    );
  }, 40_000);
});

describe('a shard that hangs when asked to stop', () => {
  it('is killed when the grace period is over, and the manager still exits 0', async () => {
    await withBotOnFakeDiscord(
      (discord) => {
        discord.gateway = { shards: 2, maxConcurrency: 16 };
      },
      {
        DISCORD_SHARDS: 'auto',
        NODE_OPTIONS: `--import ${join(process.cwd(), 'tests/fixtures/shard-hangs-on-sigterm.mjs')}`,
      },
      async ({ discord, bot, stderr }) => {
        await until(async () => (discord.liveShards.length === 2 ? true : undefined), 'both shards');
        const pids = [...stderr().matchAll(/"shardPid":(\d+)/g)].map((m) => Number(m[1]));
        expect(pids).toHaveLength(2);
        bot.kill('SIGTERM');
        expect(await exitCode(bot)).toBe(0);
        expect(stderr()).toContain('Discord shards did not exit in time; killing them');
        const alive = (pid: number) => {
          try {
            process.kill(pid, 0);
            return true;
          } catch {
            return false;
          }
        };
        await until(
          async () => (pids.some(alive) ? undefined : true),
          'the shard processes to be gone',
          5000,
        );
      },
    );
  }, 40_000);
});

describe('DISCORD_SHARDS problems stop the bot with exit 2, naming the variable', () => {
  it('rejects a value that is neither auto nor a number', async () => {
    const { bot, stderr } = startBot({
      DISCORD_TOKEN: BOT_TOKEN,
      DISCORD_CLIENT_ID: APPLICATION_ID,
      DISCORD_SHARDS: 'two',
    });
    expect(await exitCode(bot)).toBe(2);
    expect(stderr()).toContain('DISCORD_SHARDS: expected auto or a number of shards');
  });

  it('refuses DISCORD_SHARD_IDS beyond the shard count, or with auto', async () => {
    const base = { DISCORD_TOKEN: BOT_TOKEN, DISCORD_CLIENT_ID: APPLICATION_ID };
    const beyond = startBot({ ...base, DISCORD_SHARDS: '2', DISCORD_SHARD_IDS: '1,2' });
    expect(await exitCode(beyond.bot)).toBe(2);
    expect(beyond.stderr()).toContain('DISCORD_SHARD_IDS: 2 not below DISCORD_SHARDS (2)');
    const auto = startBot({ ...base, DISCORD_SHARDS: 'auto', DISCORD_SHARD_IDS: '0' });
    expect(await exitCode(auto.bot)).toBe(2);
    expect(auto.stderr()).toContain('DISCORD_SHARD_IDS: needs DISCORD_SHARDS set to a number');
  });
});
