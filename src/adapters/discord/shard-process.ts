import { randomUUID } from 'node:crypto';
import type { Platform, PlatformContext } from '../../core/platform.ts';
import { createDiscordAdapter } from './client.ts';
import type { GatewayConfig } from './config.ts';
import { answerMetricsRequests } from './shard-metrics.ts';
import { ownsDiscordSchedule, shardAssignment } from './shards.ts';
import { DiscordRefusedError, REFUSED_EXIT_CODE } from './start-failure.ts';

/**
 * One shard process of a sharded Discord bot: the gateway connection of its shards (discord.js reads
 * which from the environment its manager set), the scheduled posts of those shards' guilds, and its
 * metrics answered to the manager, each series labelled with the shard.
 */
export function createShardProcessPlatform(context: PlatformContext<GatewayConfig>): Platform {
  const shards = shardAssignment(process.env);
  const label = shards.shardIds.join('+');
  const logger = context.logger.child({ shard: shards.shardIds });
  context.metrics.registry.setDefaultLabels({ shard: label });
  const stopAnswering = answerMetricsRequests(context.metrics.registry);
  // discord.js reports its last state to the manager while closing; once the manager has gone, that
  // send fails with an 'error' event on the process, which must not crash the shutdown.
  process.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'ERR_IPC_CHANNEL_CLOSED') logger.error({ err: error }, 'process error');
  });
  // The manager is gone (killed, crashed): a shard must not live on unsupervised.
  process.once('disconnect', () => context.stopBot('shard manager went away', 0));
  const client = createDiscordAdapter({
    config: context.config,
    dispatcher: context.dispatcher,
    logger,
    ...(context.onReconnect ? { onReconnect: context.onReconnect } : {}),
    onReplyRetry: (kind) =>
      context.metrics.replies.inc({ platform: 'discord', source: kind, outcome: 'retried' }),
  });
  const owns = ownsDiscordSchedule(shards.shardIds, shards.shardCount);
  return {
    ...client,
    instanceName: `discord-shard-${label}-${randomUUID().slice(0, 8)}`,
    async start() {
      try {
        await client.start();
      } catch (error) {
        // Discord refused this shard for good: the manager must stop the bot rather than restart it.
        if (error instanceof DiscordRefusedError) error.exitCode = REFUSED_EXIT_CODE;
        throw error;
      }
    },
    async stop() {
      stopAnswering();
      await client.stop();
    },
    ownsSchedule: owns,
  };
}
