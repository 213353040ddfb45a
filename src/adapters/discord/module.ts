import type { PlatformModule } from '../../core/platform.ts';
import {
  DISCORD_PAIRINGS,
  type DiscordConfig,
  DiscordEnvSchema,
  SHARD_ARGUMENT,
  toDiscordConfig,
} from './config.ts';

/**
 * Discord: slash commands, buttons, autocomplete, mentions and DMs over the gateway; with
 * DISCORD_SHARDS, the gateway runs as shard processes that this process manages.
 */
export const discordModule = {
  id: 'discord' as const,
  traits: {
    id: 'discord',
    tenantNoun: 'server',
    whoIsAdmin: 'members with Manage Server or Manage Channels',
  },
  configSchema: DiscordEnvSchema,
  pairings: DISCORD_PAIRINGS,
  toConfig: toDiscordConfig,
  workerArgument: SHARD_ARGUMENT,
  async create(context) {
    // The SDK is loaded only here: a bot without Discord never imports discord.js.
    if (context.worker) return (await import('./shard-process.ts')).createShardProcessPlatform(context);
    if (context.config.shards !== undefined) {
      const { ShardFleet } = await import('./sharding.ts');
      return new ShardFleet({
        config: { ...context.config, shards: context.config.shards },
        logger: context.logger,
        // The same entry script, run with the same Node options (e.g. a TypeScript loader).
        entryScript: process.argv[1] as string,
        execArgv: process.execArgv,
        registry: context.metrics.registry,
        // A shard whose configuration Discord refuses (it printed why): the bot cannot run as set up.
        onFatal: () => context.stopBot('a Discord shard stopped on a configuration problem', 2),
        onReloadRequest: () => context.reloadStories(),
      });
    }
    const { createDiscordAdapter } = await import('./client.ts');
    return createDiscordAdapter({
      config: context.config,
      dispatcher: context.dispatcher,
      logger: context.logger,
      ...(context.onReconnect ? { onReconnect: context.onReconnect } : {}),
    });
  },
} satisfies PlatformModule<DiscordConfig>;
