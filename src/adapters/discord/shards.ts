import { ConfigError } from '../../config.ts';
import { redactSecrets } from '../../core/logger.ts';
import type { Schedule } from '../../scheduler/store.ts';
import type { GatewayConfig } from './config.ts';

export { SHARD_ARGUMENT } from './config.ts';

const DEFAULT_API = 'https://discord.com/api';

/** The shard Discord sends a guild's events to: (guild_id >> 22) % shard count. */
export function shardForGuild(guildId: string, shardCount: number): number {
  return Number((BigInt(guildId) >> 22n) % BigInt(shardCount));
}

/**
 * Which Discord schedules a shard process posts: those of the guilds on its shards. A schedule made in
 * a DM has no guild; DMs arrive on shard 0, so shard 0 posts those.
 */
export function ownsDiscordSchedule(
  shardIds: readonly number[],
  shardCount: number,
): (schedule: Schedule) => boolean {
  const mine = new Set(shardIds);
  return (schedule) => {
    if (schedule.platform !== 'discord') return false;
    if (schedule.scope === null || !/^\d{1,20}$/.test(schedule.scope)) return mine.has(0);
    return mine.has(shardForGuild(schedule.scope, shardCount));
  };
}

/** The shards this process was started for, as discord.js's ShardingManager passes them. */
export function shardAssignment(env: Record<string, string | undefined>): {
  shardIds: number[];
  shardCount: number;
} {
  const count = Number(env.SHARD_COUNT);
  const ids = env.SHARDS === undefined ? [] : ([] as number[]).concat(JSON.parse(env.SHARDS) as number);
  if (
    !Number.isInteger(count) ||
    count < 1 ||
    ids.length === 0 ||
    ids.some((id) => !Number.isInteger(id) || id < 0 || id >= count)
  )
    throw new Error(
      `a shard process needs SHARDS and SHARD_COUNT from its manager (got ${env.SHARDS}/${env.SHARD_COUNT})`,
    );
  return { shardIds: ids, shardCount: count };
}

/** GET /gateway/bot: how many shards Discord recommends, and how many may identify at once. */
export async function fetchGatewayInfo(
  config: Pick<GatewayConfig, 'token' | 'apiUrl'>,
  timeoutMs = 10_000,
): Promise<{ shards: number; maxConcurrency: number }> {
  const base = (config.apiUrl ?? DEFAULT_API).replace(/\/+$/, '');
  let response: Response;
  try {
    response = await fetch(`${base}/v10/gateway/bot`, {
      headers: { authorization: `Bot ${config.token.replace(/^Bot\s+/i, '')}` },
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    const problem = `cannot reach Discord at ${new URL(base).host} (${redactSecrets((error as Error).message)})`;
    if (config.apiUrl) throw new ConfigError([`DISCORD_API_URL: ${problem}`]);
    throw new Error(`Discord sharding: ${problem}`);
  }
  if (response.status === 401)
    throw new ConfigError(['DISCORD_TOKEN: Discord rejected the token (401 Unauthorized)']);
  if (!response.ok)
    throw new Error(`Discord sharding: GET /gateway/bot answered ${response.status} ${response.statusText}`);
  const body = (await response.json()) as {
    shards?: unknown;
    session_start_limit?: { max_concurrency?: unknown };
  };
  const shards = Number(body.shards);
  const maxConcurrency = Number(body.session_start_limit?.max_concurrency ?? 1);
  if (!Number.isInteger(shards) || shards < 1)
    throw new Error(`Discord sharding: GET /gateway/bot gave no shard count (${String(body.shards)})`);
  return {
    shards,
    maxConcurrency: Number.isInteger(maxConcurrency) && maxConcurrency > 0 ? maxConcurrency : 1,
  };
}
