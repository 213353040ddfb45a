import type { Platform } from '../../core/platform.ts';
import { PostError } from '../../core/platform.ts';
import type { InteractionsEndpoint } from './interactions-endpoint.ts';

/** Why Discord cannot post on its own when it runs with the public key alone. */
export const NO_TOKEN_REASON =
  'this bot runs without its bot token (DISCORD_TOKEN), which posting on its own (scheduled summaries) needs; it answers slash commands only';

/**
 * Discord with the interactions endpoint: slash commands, buttons and autocomplete answered over
 * HTTP, and, when the bot token is set too, the gateway for mentions, DMs and posting on its own.
 * Discord delivers each interaction to one place, the endpoint or the gateway, so each is answered once.
 */
export function withEndpoint(endpoint: InteractionsEndpoint, gateway: Platform | undefined): Platform {
  const parts = () => ({
    endpoint: endpoint.isListening(),
    ...(gateway ? { gateway: gateway.isConnected() } : {}),
  });
  return {
    id: 'discord',
    async start() {
      await Promise.all([endpoint.start(), gateway?.start()]);
    },
    async stop() {
      await Promise.all([endpoint.stop(), gateway?.stop()]);
    },
    async post(channelId, reply, options) {
      if (!gateway)
        throw new PostError(`Could not post to Discord channel ${channelId}: ${NO_TOKEN_REASON}`, true);
      await gateway.post(channelId, reply, options);
    },
    async canPost(channelId, scope) {
      if (!gateway) return { ok: false, reason: NO_TOKEN_REASON };
      return gateway.canPost ? gateway.canPost(channelId, scope) : { ok: true };
    },
    isConnected: () => Object.values(parts()).every(Boolean),
    parts,
    // Load balancers route only interactions, which the endpoint answers: the gateway being down
    // (reconnecting, shards starting) degrades mentions, DMs and scheduled posts, not the endpoint.
    requiredParts: ['endpoint'],
    details() {
      const states = parts();
      return {
        ...gateway?.details?.(),
        discordParts: {
          endpoint: states.endpoint ? 'listening' : 'stopped',
          gateway: gateway ? (states.gateway ? 'connected' : 'disconnected') : 'off (no DISCORD_TOKEN)',
        },
      };
    },
    // Without the gateway this process posts no Discord schedule (an instance with the token may).
    ownsSchedule: (schedule) => (gateway ? (gateway.ownsSchedule?.(schedule) ?? true) : false),
    ...(gateway?.metrics
      ? { metrics: () => (gateway.metrics as () => ReturnType<NonNullable<Platform['metrics']>>)() }
      : {}),
    ...(gateway?.instanceName ? { instanceName: gateway.instanceName } : {}),
    reloaded: () => gateway?.reloaded?.(),
    ...(gateway?.stopGraceMs !== undefined ? { stopGraceMs: gateway.stopGraceMs } : {}),
  };
}
