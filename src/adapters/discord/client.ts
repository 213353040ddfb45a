import {
  type AutocompleteInteraction,
  Client,
  Events,
  GatewayDispatchEvents,
  GatewayIntentBits,
  type Interaction,
  type Message,
  Partials,
  Status,
} from 'discord.js';
import type { Dispatcher } from '../../core/dispatcher.ts';
import type { Logger } from '../../core/logger.ts';
import type { Platform } from '../../core/platform.ts';
import { TIMED_OUT, within } from '../../core/timeouts.ts';
import { checkChannel, postToChannel } from './channels.ts';
import type { DiscordConfig, GatewayConfig } from './config.ts';
import { checkInteractionPayload, checkMessagePayload, type PayloadCheck } from './gateway-guard.ts';
import { renderAutocompleteChoices } from './render.ts';
import { interactionResponder, messageResponder, NO_MENTIONS } from './responders.ts';
import { createRestAgent } from './rest-agent.ts';
import { type ReplyKind, restOptions } from './rest-retries.ts';
import { configProblemAtStart } from './start-failure.ts';
import {
  buttonToInvocation,
  messageToInvocation,
  slashToInvocation,
  toAutocompleteRequest,
} from './to-invocation.ts';

export type { DiscordConfig };

export interface DiscordAdapterOptions {
  config: GatewayConfig;
  dispatcher: Dispatcher;
  logger: Logger;
  /**
   * How long a command may run before its interaction is deferred. Discord drops an interaction not
   * acknowledged within 3 s of being sent, and some of that goes on the network.
   */
  deferAfterMs?: number;
  /** How long stop() waits for replies in flight: the dispatcher's drain time (SHUTDOWN_GRACE_SECONDS) by default. */
  shutdownTimeoutMs?: number;
  /** Called each time the gateway connection is re-established (resumed or identified anew). */
  onReconnect?: () => void;
  /** Called before each retry of a reply Discord did not take (see rest-retries.ts). */
  onReplyRetry?: (kind: ReplyKind) => void;
  /** How long one REST try may take (10 s; shorter in tests). */
  restTryTimeoutMs?: number;
}

/** How long stop() waits for the gateway connection, then the REST connections, to close. */
const CLOSE_TIMEOUT_MS = 5000;

// Guild messages without MessageContent (privileged) still carry their text when they mention the bot.
const INTENTS = [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages, GatewayIntentBits.DirectMessages];

// An event name no discord.js handler listens for: a payload renamed to it is skipped, not parsed.
const DROPPED_EVENT = 'AI_NEWS_DROPPED_PAYLOAD';

/**
 * The Discord platform over the gateway: a discord.js client that turns `/ai-news` interactions,
 * buttons, autocomplete, mentions and DMs into invocations for the dispatcher, and posts scheduled
 * summaries over REST.
 */
export function createDiscordAdapter({
  config,
  dispatcher,
  logger,
  deferAfterMs = 1500,
  shutdownTimeoutMs,
  onReconnect,
  onReplyRetry,
  restTryTimeoutMs,
}: DiscordAdapterOptions): Platform {
  const log = logger.child({ platform: 'discord' });
  const restAgent = createRestAgent();
  const client = new Client({
    intents: INTENTS,
    // DM channels are never in the cache; without this, discord.js drops messages sent in them.
    partials: [Partials.Channel],
    // The default for anything sent without its own setting; each send sets it explicitly too.
    allowedMentions: NO_MENTIONS,
    // A mention deleted before the answer is ready still gets its answer, as a plain message.
    failIfNotExists: false,
    // Replies go over a bounded pool of kept-alive connections, not a new connection each in a burst.
    // Each try gets 10 s and is retried only when Discord did not take it (rest-retries.ts).
    rest: {
      agent: restAgent,
      ...(config.apiUrl ? { api: config.apiUrl } : {}),
      ...restOptions(log, onReplyRetry, restTryTimeoutMs),
    },
  });
  let stopping = false;
  let started = false;

  /**
   * The one shim over discord.js: a malformed payload is dropped before discord.js parses it (its
   * handlers would throw on it, outside any code of ours). discord.js hands the same packet object to
   * its handlers right after the raw event, so renaming its event skips them.
   */
  function guardPayload(packet: { t?: unknown; d?: unknown }): void {
    let check: PayloadCheck | undefined;
    if (packet.t === GatewayDispatchEvents.InteractionCreate) check = checkInteractionPayload(packet.d);
    else if (packet.t === GatewayDispatchEvents.MessageCreate) check = checkMessagePayload(packet.d);
    if (!check) return;
    if (check.ok) {
      Object.assign(packet.d as object, check.defaults);
      return;
    }
    log.warn(
      { event: packet.t, id: check.id, problems: check.problems },
      'dropped a malformed Discord payload',
    );
    // discord.js hands this same packet object to its handlers right after the raw event.
    packet.t = DROPPED_EVENT;
  }

  async function answerAutocomplete(interaction: AutocompleteInteraction): Promise<void> {
    const request = toAutocompleteRequest(interaction);
    const values = request
      ? await dispatcher.complete({
          platform: 'discord',
          ...request,
          ...(interaction.guildId ? { scope: interaction.guildId } : {}),
          ...(interaction.channelId ? { channelId: interaction.channelId } : {}),
        })
      : [];
    await interaction.respond(renderAutocompleteChoices(values));
  }

  function onInteraction(interaction: Interaction): void {
    if (stopping) return;
    if (interaction.isAutocomplete()) {
      answerAutocomplete(interaction).catch((error: unknown) =>
        log.error({ err: error, interactionId: interaction.id }, 'autocomplete failed'),
      );
    } else if (interaction.isChatInputCommand()) {
      const responder = interactionResponder(interaction, undefined, deferAfterMs, log);
      if (interaction.commandName !== dispatcher.commandName) {
        void dispatcher.decline('discord', responder, 'unknown-command');
        return;
      }
      // An interaction is delivered once, to one place: no redelivery check (and no wait on a shared database).
      const invocation = slashToInvocation(interaction);
      void dispatcher.dispatch(invocation, interactionResponder(interaction, invocation, deferAfterMs, log));
    } else if (interaction.isButton()) {
      const invocation = buttonToInvocation(interaction);
      const responder = interactionResponder(interaction, invocation, deferAfterMs, log);
      if (invocation) void dispatcher.dispatch(invocation, responder);
      else void dispatcher.decline('discord', responder, 'stale-button');
    }
  }

  function onMessage(message: Message): void {
    if (stopping || !client.user) return;
    const invocation = messageToInvocation(message, client.user.id);
    if (!invocation) return;
    void dispatcher.dispatch(
      { ...invocation, eventId: `message:${message.id}` },
      messageResponder(message, log),
    );
  }

  client.on(Events.Raw, (packet: { t?: unknown; d?: unknown }) => {
    try {
      guardPayload(packet);
    } catch (error) {
      log.error({ err: error }, 'payload check failed');
    }
  });
  client.on(Events.InteractionCreate, onInteraction);
  client.on(Events.MessageCreate, onMessage);
  client.on(Events.ClientReady, (ready) =>
    log.info({ user: ready.user.tag, guilds: ready.guilds.cache.size }, 'Discord connected'),
  );
  client.on(Events.ShardReconnecting, (shardId) => {
    // Closing the connection in stop() reports a reconnect too; only an unexpected one is worth a warning.
    if (!stopping) log.warn({ shardId }, 'Discord gateway reconnecting');
  });
  client.on(Events.ShardResume, (shardId, replayed) => {
    log.info({ shardId, replayed }, 'Discord gateway resumed');
    onReconnect?.();
  });
  const readyShards = new Set<number>();
  client.on(Events.ShardReady, (shardId) => {
    // The first READY of a shard is the start; a later one is a new session after a failed resume.
    if (readyShards.has(shardId)) {
      log.info({ shardId }, 'Discord gateway identified again');
      onReconnect?.();
    }
    readyShards.add(shardId);
  });
  client.on(Events.ShardDisconnect, (event, shardId) =>
    log.error({ shardId, code: event.code }, 'Discord gateway closed and will not reconnect'),
  );
  client.on(Events.ShardError, (error, shardId) =>
    log.error({ err: error, shardId }, 'Discord gateway error'),
  );
  client.on(Events.Error, (error) => log.error({ err: error }, 'Discord client error'));
  client.on(Events.Warn, (message) => log.warn({ detail: message }, 'Discord client warning'));
  client.rest.on('rateLimited', (info) =>
    log.warn({ route: info.route, retryAfter: info.retryAfter, global: info.global }, 'Discord rate limit'),
  );

  return {
    id: 'discord',

    async start() {
      if (started) throw new Error('The Discord adapter has already been started');
      started = true;
      // Discord closing the gateway for good before the bot is ready: say which setting is wrong.
      let refusal: Error | undefined;
      const ready = new Promise<void>((resolve, reject) => {
        client.once(Events.ClientReady, () => resolve());
        client.on(Events.ShardDisconnect, (event) => {
          if (client.isReady()) return;
          refusal ??=
            configProblemAtStart(event) ?? new Error(`Discord closed the gateway (code ${event.code})`);
          reject(refusal);
        });
      });
      ready.catch(() => {}); // login() may fail first; the failure is thrown below either way
      try {
        await client.login(config.token);
        await ready;
      } catch (error) {
        await client.destroy().catch(() => {});
        throw refusal ?? configProblemAtStart(error as { code?: unknown }) ?? error;
      }
    },

    async stop() {
      stopping = true;
      await dispatcher.drain('discord', shutdownTimeoutMs);
      if ((await within(client.destroy(), CLOSE_TIMEOUT_MS)) === TIMED_OUT) {
        log.warn('the Discord connection did not close in time');
      }
      // The kept-alive REST connections, once requests still under way (a scheduled post) have ended.
      if ((await within(restAgent.close(), CLOSE_TIMEOUT_MS).catch(() => undefined)) === TIMED_OUT) {
        await restAgent.destroy().catch(() => {});
      }
    },

    post: (channelId, reply, options) => postToChannel(client, channelId, reply, log, options?.key),
    canPost: (channelId, scope) => checkChannel(client, channelId, scope),
    isConnected() {
      return client.isReady() && client.ws.shards.every((shard) => shard.status === Status.Ready);
    },
  };
}
