import { GatewayCloseCodes } from 'discord.js';
import { ConfigError } from '../../config.ts';

/**
 * Discord refused the bot for good (token, sharding, intents). A shard process exits with
 * REFUSED_EXIT_CODE on it, so its manager stops the bot instead of restarting the shard; any other
 * failure of a shard (a database briefly unreachable) is worth a restart.
 */
export class DiscordRefusedError extends ConfigError {
  override name = 'DiscordRefusedError';
}

/** The exit code of a shard process Discord refused (EX_CONFIG). */
export const REFUSED_EXIT_CODE = 78;

/**
 * Why Discord refused the bot at start, as a configuration error naming the variable to fix (the bot
 * then exits with code 2), or undefined when the failure is not about configuration.
 */
export function configProblemAtStart(failure: {
  code?: unknown;
  status?: unknown;
}): DiscordRefusedError | undefined {
  const { code } = failure;
  if (code === 'TokenInvalid' || failure.status === 401 || code === GatewayCloseCodes.AuthenticationFailed)
    return new DiscordRefusedError([
      'DISCORD_TOKEN: Discord rejected the token (reset it in the Developer Portal → Bot)',
    ]);
  if (code === GatewayCloseCodes.ShardingRequired)
    return new DiscordRefusedError([
      'DISCORD_SHARDS: Discord requires this bot to be sharded (gateway close 4011); set DISCORD_SHARDS=auto',
    ]);
  if (code === GatewayCloseCodes.InvalidShard)
    return new DiscordRefusedError([
      'DISCORD_SHARDS: Discord refused the shard (gateway close 4010); use auto or at least the recommended count',
    ]);
  if (code === GatewayCloseCodes.DisallowedIntents || code === GatewayCloseCodes.InvalidIntents)
    return new DiscordRefusedError([
      `DISCORD_TOKEN: Discord refused this bot's gateway intents (close ${String(code)}); the bot needs no privileged intent, so check that the token belongs to this application`,
    ]);
  return undefined;
}
