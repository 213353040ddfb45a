import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  fetchGatewayInfo,
  ownsDiscordSchedule,
  shardAssignment,
  shardForGuild,
} from '../../../src/adapters/discord/shards.ts';
import { ConfigError } from '../../../src/config.ts';
import type { Schedule } from '../../../src/scheduler/store.ts';
import { BOT_TOKEN, FakeDiscord } from '../../fakes/discord-fake.ts';

function schedule(platform: Schedule['platform'], scope: string | null): Schedule {
  return {
    id: 'abc123',
    platform,
    channelId: '1100000000000000004',
    scope,
    spec: 'hourly',
    cron: '0 * * * *',
    timezone: 'UTC',
    createdBy: 'admin',
    createdAt: '2025-01-01T00:00:00.000Z',
    cursor: '2025-01-01T00:00:00.000Z',
    status: 'active',
    consecutiveFailures: 0,
  } as Schedule;
}

describe('which shard a guild is on', () => {
  it("is (guild_id >> 22) % shard count, as Discord routes a guild's events", () => {
    // 41771983423143937 >> 22 = 9959216934 (Discord's documented example guild id).
    expect(shardForGuild('41771983423143937', 1)).toBe(0);
    expect(shardForGuild('41771983423143937', 2)).toBe(0);
    expect(shardForGuild('41771983423143937', 3)).toBe(9959216934 % 3);
    expect(shardForGuild('41771983423143937', 7)).toBe(9959216934 % 7);
    // Ids above 2^53 keep their precision.
    expect(shardForGuild('1100000000000000003', 2)).toBe(1);
    expect(shardForGuild((1100000000000000003n + (1n << 22n)).toString(), 2)).toBe(0);
  });

  it("gives each shard only its own guilds' Discord schedules, DM schedules to shard 0, and no Slack ones", () => {
    const onZero = '1100000000004194307';
    const onOne = '1100000000000000003';
    const zero = ownsDiscordSchedule([0], 2);
    const one = ownsDiscordSchedule([1], 2);
    expect([zero(schedule('discord', onZero)), one(schedule('discord', onZero))]).toEqual([true, false]);
    expect([zero(schedule('discord', onOne)), one(schedule('discord', onOne))]).toEqual([false, true]);
    expect([zero(schedule('discord', null)), one(schedule('discord', null))]).toEqual([true, false]);
    expect(zero(schedule('slack', 'T0001'))).toBe(false);
    // A process running several shards owns the guilds of each.
    expect(ownsDiscordSchedule([0, 1], 2)(schedule('discord', onOne))).toBe(true);
  });

  it('reads the shards a process runs from what the sharding manager passes it, and refuses nonsense', () => {
    expect(shardAssignment({ SHARDS: '1', SHARD_COUNT: '3' })).toEqual({ shardIds: [1], shardCount: 3 });
    expect(shardAssignment({ SHARDS: '[0,2]', SHARD_COUNT: '3' })).toEqual({
      shardIds: [0, 2],
      shardCount: 3,
    });
    expect(() => shardAssignment({})).toThrow(/needs SHARDS and SHARD_COUNT/);
    expect(() => shardAssignment({ SHARDS: '3', SHARD_COUNT: '3' })).toThrow(/needs SHARDS and SHARD_COUNT/);
  });
});

describe('asking Discord how to shard (GET /gateway/bot)', () => {
  let discord: FakeDiscord;
  beforeAll(async () => {
    discord = await FakeDiscord.start();
  });
  afterAll(async () => {
    await discord.close();
  });

  it('reads the recommended shard count and identify concurrency from DISCORD_API_URL, with the bot token', async () => {
    discord.gateway = { shards: 5, maxConcurrency: 16 };
    expect(await fetchGatewayInfo({ token: BOT_TOKEN, apiUrl: discord.apiUrl })).toEqual({
      shards: 5,
      maxConcurrency: 16,
    });
    const request = discord.requests.filter((r) => r.path === '/gateway/bot').at(-1);
    expect(request?.headers.authorization).toBe(`Bot ${BOT_TOKEN}`);
  });

  it('names DISCORD_TOKEN when the token is rejected, without printing it', async () => {
    discord.failNext((r) => r.path === '/gateway/bot', 401, { message: '401: Unauthorized', code: 0 });
    const failure = await fetchGatewayInfo({ token: 'secret-token', apiUrl: discord.apiUrl }).catch((e) => e);
    expect(failure).toBeInstanceOf(ConfigError);
    expect(failure.message).toContain('DISCORD_TOKEN: Discord rejected the token');
    expect(failure.message).not.toContain('secret-token');
  });

  it('names DISCORD_API_URL when nothing answers there', async () => {
    const failure = await fetchGatewayInfo({ token: BOT_TOKEN, apiUrl: 'http://127.0.0.1:9/api' }).catch(
      (e) => e,
    );
    expect(failure).toBeInstanceOf(ConfigError);
    expect(failure.message).toContain('DISCORD_API_URL: cannot reach Discord at 127.0.0.1:9');
  });

  it('fails plainly on a server error or a reply without a shard count', async () => {
    discord.failNext((r) => r.path === '/gateway/bot', 500, { message: 'oops', code: 0 });
    await expect(fetchGatewayInfo({ token: BOT_TOKEN, apiUrl: discord.apiUrl })).rejects.toThrow(
      'GET /gateway/bot answered 500',
    );
    discord.failNext((r) => r.path === '/gateway/bot', 200, { url: 'ws://x' });
    await expect(fetchGatewayInfo({ token: BOT_TOKEN, apiUrl: discord.apiUrl })).rejects.toThrow(
      'gave no shard count',
    );
  });
});
