import type { Platform, PlatformContext, PlatformModule } from '../../core/platform.ts';
import {
  DISCORD_PAIRINGS,
  type DiscordConfig,
  DiscordEnvSchema,
  type GatewayConfig,
  SHARD_ARGUMENT,
  toDiscordConfig,
} from './config.ts';

/**
 * Discord: slash commands, buttons, autocomplete, mentions and DMs over the gateway (DISCORD_TOKEN);
 * with DISCORD_SHARDS, the gateway runs as shard processes that this process manages. With
 * DISCORD_PUBLIC_KEY, interactions are POSTed to the bot's HTTP endpoint and answered in the response.
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
  // The interactions endpoint receives Discord's requests on PORT; the gateway listens on nothing.
  listensOnHttpPort: (config) => config.publicKey !== undefined,
  async create(context) {
    // The SDK is loaded only here: a bot without Discord never imports discord.js.
    const { config } = context;
    const gateway = config.token
      ? await createGateway({ ...context, config: { ...config, token: config.token } })
      : undefined;
    // A shard process runs its gateway connection only; the endpoint is its manager's.
    if (!config.publicKey || context.worker) return gateway as Platform;
    const { createInteractionsEndpoint } = await import('./interactions-endpoint.ts');
    const { SharedHttpServer } = await import('../../core/http-server.ts');
    const { withEndpoint } = await import('./combined.ts');
    const endpoint = createInteractionsEndpoint({
      config: { ...config, publicKey: config.publicKey },
      dispatcher: context.dispatcher,
      logger: context.logger,
      http: context.http ?? new SharedHttpServer(config.port ?? 3000),
      onReplyRetry: () =>
        context.metrics.replies.inc({ platform: 'discord', source: 'interaction', outcome: 'retried' }),
    });
    return withEndpoint(endpoint, gateway);
  },
} satisfies PlatformModule<DiscordConfig>;

/** The gateway: one connection in this process, shard processes managed from it, or one shard process. */
async function createGateway(context: PlatformContext<GatewayConfig>): Promise<Platform> {
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
    onReplyRetry: (kind) =>
      context.metrics.replies.inc({ platform: 'discord', source: kind, outcome: 'retried' }),
  });
}
