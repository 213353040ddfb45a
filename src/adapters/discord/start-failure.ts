import { GatewayCloseCodes } from 'discord.js';
import { ConfigError } from '../../config.ts';

/**
 * Why Discord refused the bot at start, as a configuration error naming the variable to fix (the bot
 * then exits with code 2), or undefined when the failure is not about configuration.
 */
export function configProblemAtStart(failure: { code?: unknown; status?: unknown }): ConfigError | undefined {
  const { code } = failure;
  if (code === 'TokenInvalid' || failure.status === 401 || code === GatewayCloseCodes.AuthenticationFailed)
    return new ConfigError([
      'DISCORD_TOKEN: Discord rejected the token (reset it in the Developer Portal → Bot)',
    ]);
  if (code === GatewayCloseCodes.ShardingRequired)
    return new ConfigError([
      'DISCORD_SHARDS: Discord requires this bot to be sharded (gateway close 4011); set DISCORD_SHARDS=auto',
    ]);
  if (code === GatewayCloseCodes.InvalidShard)
    return new ConfigError([
      'DISCORD_SHARDS: Discord refused the shard (gateway close 4010); use auto or at least the recommended count',
    ]);
  if (code === GatewayCloseCodes.DisallowedIntents || code === GatewayCloseCodes.InvalidIntents)
    return new ConfigError([
      `DISCORD_TOKEN: Discord refused this bot's gateway intents (close ${String(code)}); the bot needs no privileged intent, so check that the token belongs to this application`,
    ]);
  return undefined;
}
