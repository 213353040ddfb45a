import { z } from 'zod';
import { optionalText, optionalUrl, type Pairing } from '../../core/env.ts';
import type { SharedSettings } from '../../core/platform.ts';

/** The argument that makes the bot's entry script run as one shard of a sharded Discord bot. */
export const SHARD_ARGUMENT = '--shard';

const snowflake = optionalText.pipe(
  z
    .string()
    .regex(/^\d{17,20}$/, 'expected a Discord id (17–20 digits)')
    .optional(),
);

/** "0-2,5" → [0, 1, 2, 5]: sorted, without repeats. */
function parseIdList(text: string): number[] {
  const ids = new Set<number>();
  for (const part of text.split(',')) {
    const [from = 0, to = from] = part.trim().split('-').map(Number);
    for (let id = from; id <= to && ids.size <= 10_000; id++) ids.add(id);
  }
  return [...ids].sort((a, b) => a - b);
}

/** The variables the Discord platform reads. */
export const DiscordEnvSchema = z.object({
  DISCORD_TOKEN: optionalText,
  DISCORD_CLIENT_ID: snowflake,
  DISCORD_PUBLIC_KEY: optionalText.pipe(
    z
      .string()
      .regex(/^[0-9a-fA-F]{64}$/, 'expected the application’s public key: 64 hexadecimal characters')
      .transform((v) => v.toLowerCase())
      .optional(),
  ),
  DISCORD_GUILD_ID: snowflake,
  DISCORD_API_URL: optionalUrl,
  DISCORD_SHARDS: optionalText.pipe(
    z
      .string()
      .regex(/^(auto|[1-9]\d{0,3})$/i, 'expected auto or a number of shards, 1–9999')
      .transform((v): number | 'auto' => (v.toLowerCase() === 'auto' ? 'auto' : Number(v)))
      .optional(),
  ),
  DISCORD_SHARD_IDS: optionalText.pipe(
    z
      .string()
      .regex(/^\d{1,4}(-\d{1,4})?(\s*,\s*\d{1,4}(-\d{1,4})?)*$/, 'expected shard ids such as 0-3 or 0,2,4')
      .refine(
        (v) =>
          v.split(',').every((part) => {
            const [from = 0, to = from] = part.trim().split('-').map(Number);
            return from <= to;
          }),
        'expected ranges from low to high, e.g. 1-3',
      )
      .transform(parseIdList)
      .optional(),
  ),
});

export const DISCORD_PAIRINGS: readonly Pairing[] = [
  ['DISCORD_TOKEN', 'DISCORD_CLIENT_ID'],
  ['DISCORD_PUBLIC_KEY', 'DISCORD_CLIENT_ID'],
  ['DISCORD_SHARDS', 'DISCORD_TOKEN'],
  ['DISCORD_SHARD_IDS', 'DISCORD_SHARDS'],
];

/**
 * The Discord settings: application id, and the bot token (the gateway, posting on its own) or the
 * public key (HTTP interactions) or both; optional dev server, REST base URL and shards.
 */
export interface DiscordConfig {
  /** The bot token: the gateway (mentions, DMs) and posting on its own (scheduled summaries). */
  token?: string;
  clientId: string;
  /** The application's public key (hex): slash commands arrive at POST /discord/interactions on `port`. */
  publicKey?: string;
  /** The bot's shared HTTP port (PORT), where the interactions endpoint listens. */
  port?: number;
  guildId?: string;
  apiUrl?: string;
  /** Run the gateway as this many shard processes ('auto': as many as Discord recommends); unset: one connection in this process. */
  shards?: number | 'auto';
  /** Which of the shards this host runs (shards spread over several hosts); all when unset. */
  shardIds?: number[];
}

/** DISCORD_SHARD_IDS picks shards out of a fixed total: every host must agree on that total. */
function shardProblems(shards: number | 'auto' | undefined, ids: number[] | undefined): string[] {
  if (!ids || shards === undefined) return [];
  if (shards === 'auto')
    return ['DISCORD_SHARD_IDS: needs DISCORD_SHARDS set to a number (the same on every host), not auto'];
  const outside = ids.filter((id) => id >= shards);
  return outside.length > 0
    ? [
        `DISCORD_SHARD_IDS: ${outside.join(', ')} not below DISCORD_SHARDS (${shards}); shard ids run from 0 to ${shards - 1}`,
      ]
    : [];
}

/** The settings of the gateway connection, which needs the bot token. */
export type GatewayConfig = DiscordConfig & { token: string };

/**
 * Discord is on when its application id is set with the bot token (the gateway), the public key
 * (HTTP interactions), or both.
 */
export function toDiscordConfig(
  values: Record<string, unknown>,
  shared: SharedSettings = { httpPort: undefined },
): {
  config?: DiscordConfig;
  problems?: string[];
} {
  const e = values as z.output<typeof DiscordEnvSchema>;
  const problems = shardProblems(e.DISCORD_SHARDS, e.DISCORD_SHARD_IDS);
  if (e.DISCORD_CLIENT_ID && !e.DISCORD_TOKEN && !e.DISCORD_PUBLIC_KEY)
    problems.push(
      'DISCORD_TOKEN: required when DISCORD_CLIENT_ID is set (or DISCORD_PUBLIC_KEY, for slash commands over HTTP interactions alone)',
    );
  if (problems.length > 0) return { problems };
  if (!e.DISCORD_CLIENT_ID || (!e.DISCORD_TOKEN && !e.DISCORD_PUBLIC_KEY)) return {};
  return {
    config: {
      ...(e.DISCORD_TOKEN ? { token: e.DISCORD_TOKEN } : {}),
      clientId: e.DISCORD_CLIENT_ID,
      ...(e.DISCORD_PUBLIC_KEY ? { publicKey: e.DISCORD_PUBLIC_KEY, port: shared.httpPort ?? 3000 } : {}),
      ...(e.DISCORD_GUILD_ID ? { guildId: e.DISCORD_GUILD_ID } : {}),
      ...(e.DISCORD_API_URL ? { apiUrl: e.DISCORD_API_URL } : {}),
      ...(e.DISCORD_SHARDS !== undefined ? { shards: e.DISCORD_SHARDS } : {}),
      ...(e.DISCORD_SHARD_IDS ? { shardIds: e.DISCORD_SHARD_IDS } : {}),
    },
  };
}
