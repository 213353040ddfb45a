import {
  type AutocompleteInteraction,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  Client,
  Events,
  GatewayDispatchEvents,
  GatewayIntentBits,
  type Interaction,
  type InteractionReplyOptions,
  type Message,
  MessageFlags,
  type MessageMentionOptions,
  Partials,
  PermissionFlagsBits,
  type RESTPostAPIChannelMessageJSONBody,
  Routes,
  Status,
} from 'discord.js';
import type { Config } from '../../config.ts';
import type { PlatformAdapter } from '../../core/adapter.ts';
import { commandKey } from '../../core/command.ts';
import type { Invocation } from '../../core/invocation.ts';
import type { Logger } from '../../core/logger.ts';
import type { Reply } from '../../core/reply.ts';
import type { Router } from '../../core/router.ts';
import { TIMED_OUT, within } from '../../core/timeouts.ts';
import type { Scheduler } from '../../scheduler/scheduler.ts';
import { checkInteractionPayload, checkMessagePayload, type PayloadCheck } from './gateway-guard.ts';
import { describeDiscordFailure, toPostError } from './post-error.ts';
import { COMMAND_NAME } from './register-commands.ts';
import { type DiscordMessage, renderAutocompleteChoices, renderReply } from './render.ts';
import { createRestAgent } from './rest-agent.ts';
import { configProblemAtStart } from './start-failure.ts';
import {
  buttonToInvocation,
  messageToInvocation,
  slashToInvocation,
  toAutocompleteRequest,
} from './to-invocation.ts';

/** The Discord settings from config: bot token, application id, optional dev server and REST base URL. */
export type DiscordConfig = NonNullable<Config['discord']>;

export interface DiscordAdapterOptions {
  config: DiscordConfig;
  router: Router;
  logger: Logger;
  /** Lets autocomplete offer schedule ids; without it, those options suggest nothing. */
  scheduler?: Scheduler;
  /**
   * How long a command may run before its interaction is deferred. Discord drops an interaction not
   * acknowledged within 3 s of being sent, and some of that goes on the network.
   */
  deferAfterMs?: number;
  /** How long stop() waits for replies in flight, and then for the connection to close. */
  shutdownTimeoutMs?: number;
  /** How long autocomplete providers may take; Discord allows 3 s and offers no way to defer. */
  autocompleteTimeoutMs?: number;
  /** Called each time the gateway connection is re-established (resumed or identified anew). */
  onReconnect?: () => void;
}

// What a scheduled post needs in a guild channel; threads need their own send permission.
const POST_PERMISSIONS = [
  PermissionFlagsBits.ViewChannel,
  PermissionFlagsBits.SendMessages,
  PermissionFlagsBits.EmbedLinks,
] as const;

// Nothing the bot says may notify anyone: not @everyone/@here, a role, a user, nor the author it replies to.
const NO_MENTIONS = { parse: [], repliedUser: false } as const satisfies MessageMentionOptions;

// Guild messages without MessageContent (privileged) still carry their text when they mention the bot.
const INTENTS = [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages, GatewayIntentBits.DirectMessages];

// An event name no discord.js handler listens for: a payload renamed to it is skipped, not parsed.
const DROPPED_EVENT = 'AI_NEWS_DROPPED_PAYLOAD';

const APOLOGY: Reply = {
  kind: 'error',
  body: 'Sorry — something went wrong while answering that. It has been logged; please try again.',
  visibility: 'ephemeral',
};
const STALE_BUTTON: Reply = {
  kind: 'error',
  body: 'That button no longer does anything. Try /ai-news help.',
  visibility: 'ephemeral',
};
const UNKNOWN_COMMAND: Reply = {
  kind: 'error',
  body: `I only answer /${COMMAND_NAME}. Try /${COMMAND_NAME} help.`,
  visibility: 'ephemeral',
};

function interactionReply(
  message: DiscordMessage,
): InteractionReplyOptions & { flags?: MessageFlags.Ephemeral } {
  return {
    embeds: message.embeds,
    components: message.components,
    allowedMentions: NO_MENTIONS,
    ...(message.ephemeral ? { flags: MessageFlags.Ephemeral } : {}),
  };
}

function messageReply(message: DiscordMessage) {
  return { embeds: message.embeds, components: message.components, allowedMentions: NO_MENTIONS };
}

/**
 * The Discord adapter: a discord.js client that routes `/ai-news` interactions, suggestion buttons,
 * mentions and DMs through the router and renders the replies as embeds and buttons.
 */
export function createDiscordAdapter({
  config,
  router,
  logger,
  scheduler,
  deferAfterMs = 1500,
  shutdownTimeoutMs = 5000,
  autocompleteTimeoutMs = 2000,
  onReconnect,
}: DiscordAdapterOptions): PlatformAdapter {
  const log = logger.child({ platform: 'discord' });
  const restAgent = createRestAgent();
  const client = new Client({
    intents: INTENTS,
    // DM channels are never in the cache; without this, discord.js drops messages sent in them.
    partials: [Partials.Channel],
    // The default for anything sent without its own setting; each send below sets it explicitly too.
    allowedMentions: NO_MENTIONS,
    // A mention deleted before the answer is ready still gets its answer, as a plain message.
    failIfNotExists: false,
    // Replies go over a bounded pool of kept-alive connections, not a new connection each in a burst.
    rest: { agent: restAgent, ...(config.apiUrl ? { api: config.apiUrl } : {}) },
  });
  const inFlight = new Set<Promise<void>>();
  let stopping = false;
  let started = false;

  function track(work: Promise<void>): void {
    const settled = work.catch((error: unknown) =>
      log.error({ err: error }, 'unhandled error in a Discord handler'),
    );
    inFlight.add(settled);
    void settled.finally(() => inFlight.delete(settled));
  }

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
    const command = request && router.commands.find((c) => commandKey(c) === request.command);
    const provider = request && command?.autocomplete?.[request.option];
    let values: string[] = [];
    try {
      if (provider) {
        const extras = {
          platform: 'discord' as const,
          ...(scheduler ? { scheduler } : {}),
          ...(interaction.guildId ? { scope: interaction.guildId } : {}),
        };
        const found = await within(
          Promise.resolve(provider(request.partial, router.engine, extras)),
          autocompleteTimeoutMs,
        );
        if (found === TIMED_OUT)
          log.warn({ command: request.command, option: request.option }, 'autocomplete too slow');
        else values = found;
      }
    } catch (error) {
      log.error({ err: error, command: request?.command, option: request?.option }, 'autocomplete failed');
    }
    await interaction.respond(renderAutocompleteChoices(values));
  }

  async function answerCommand(
    interaction: ChatInputCommandInteraction | ButtonInteraction,
    invocation: Invocation,
  ): Promise<void> {
    const handling = router.handle(invocation);
    const quick = await within(handling, deferAfterMs);
    if (quick !== TIMED_OUT) {
      await interaction.reply(interactionReply(renderReply(quick)));
      return;
    }
    // Slow: acknowledge now so the interaction stays valid (15 minutes), then fill in the answer.
    const privateRequested = invocation.options.private === true;
    await interaction.deferReply(privateRequested ? { flags: MessageFlags.Ephemeral } : {});
    const late = renderReply(await handling);
    if (late.ephemeral && !privateRequested) {
      // A deferred reply keeps the visibility chosen when deferring; a private reply must go elsewhere.
      await interaction.deleteReply();
      await interaction.followUp(interactionReply(late));
      return;
    }
    await interaction.editReply(messageReply(late));
  }

  async function apologise(interaction: Interaction): Promise<void> {
    if (!interaction.isRepliable()) return;
    try {
      const apology = interactionReply(renderReply(APOLOGY));
      if (interaction.replied || interaction.deferred) await interaction.followUp(apology);
      else await interaction.reply(apology);
    } catch (error) {
      log.error({ err: error, interactionId: interaction.id }, 'could not send the apology either');
    }
  }

  async function onInteraction(interaction: Interaction): Promise<void> {
    if (stopping) return;
    try {
      if (interaction.isAutocomplete()) {
        await answerAutocomplete(interaction);
      } else if (interaction.isChatInputCommand()) {
        if (interaction.commandName !== COMMAND_NAME) {
          await interaction.reply(interactionReply(renderReply(UNKNOWN_COMMAND)));
          return;
        }
        await answerCommand(interaction, slashToInvocation(interaction));
      } else if (interaction.isButton()) {
        const invocation = buttonToInvocation(interaction);
        if (invocation) await answerCommand(interaction, invocation);
        else await interaction.reply(interactionReply(renderReply(STALE_BUTTON)));
      }
    } catch (error) {
      log.error({ err: error, interactionId: interaction.id, type: interaction.type }, 'interaction failed');
      await apologise(interaction);
    }
  }

  /**
   * A channel message cannot be ephemeral: a private answer to a mention ("@bot private …") goes by
   * direct message, with a short note in the channel; if DMs are closed, the channel is told how to
   * ask privately instead of the answer being shown to everyone.
   */
  async function answerPrivately(message: Message, reply: Reply): Promise<void> {
    try {
      await message.author.send(messageReply(renderReply(reply)));
      await message.reply({
        content: 'I sent you the answer by direct message.',
        allowedMentions: NO_MENTIONS,
      });
    } catch (error) {
      log.warn({ err: error, messageId: message.id }, 'could not send a private answer by DM');
      await message.reply({
        content:
          'I couldn’t send you a direct message. For an answer only you can see, use /ai-news ask with private:true.',
        allowedMentions: NO_MENTIONS,
      });
    }
  }

  async function onMessage(message: Message): Promise<void> {
    if (stopping || !client.user) return;
    const invocation = messageToInvocation(message, client.user.id);
    if (!invocation) return;
    try {
      const reply = await router.handle(invocation);
      if (reply.requestedPrivate && message.guildId) {
        await answerPrivately(message, reply);
        return;
      }
      // message.reply posts in the message's own channel, so a mention in a thread is answered there.
      await message.reply(messageReply(renderReply(reply)));
    } catch (error) {
      log.error({ err: error, messageId: message.id }, 'message reply failed');
      await message
        .reply(messageReply(renderReply(APOLOGY)))
        .catch((again: unknown) => log.error({ err: again, messageId: message.id }, 'could not apologise'));
    }
  }

  client.on(Events.Raw, (packet: { t?: unknown; d?: unknown }) => {
    try {
      guardPayload(packet);
    } catch (error) {
      log.error({ err: error }, 'payload check failed');
    }
  });
  client.on(Events.InteractionCreate, (interaction) => track(onInteraction(interaction)));
  client.on(Events.MessageCreate, (message) => track(onMessage(message)));
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
    platform: 'discord',

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
      if ((await within(Promise.allSettled([...inFlight]), shutdownTimeoutMs)) === TIMED_OUT) {
        log.warn({ pending: inFlight.size }, 'stopping with Discord replies still in flight');
      }
      if ((await within(client.destroy(), shutdownTimeoutMs)) === TIMED_OUT) {
        log.warn('the Discord connection did not close in time');
      }
      // The kept-alive REST connections, once requests still under way (a scheduled post) have ended.
      if ((await within(restAgent.close(), shutdownTimeoutMs).catch(() => undefined)) === TIMED_OUT) {
        await restAgent.destroy().catch(() => {});
      }
    },

    async post(channelId: string, reply: Reply) {
      const message = renderReply(reply);
      const body: RESTPostAPIChannelMessageJSONBody = {
        embeds: message.embeds,
        components: message.components,
        allowed_mentions: { parse: [] },
      };
      try {
        await client.rest.post(Routes.channelMessages(channelId), { body });
      } catch (error) {
        throw toPostError(error, channelId);
      }
    },

    async canPost(channelId: string, scope?: string) {
      if (!/^\d{17,20}$/.test(channelId)) {
        return { ok: false as const, reason: `“${channelId.slice(0, 40)}” is not a Discord channel id` };
      }
      try {
        const channel = await client.channels.fetch(channelId);
        if (!channel?.isSendable())
          return { ok: false as const, reason: 'the bot cannot post messages there' };
        // A server's admins schedule into their own server only.
        if (scope && (channel.isDMBased() || channel.guildId !== scope)) {
          return { ok: false as const, reason: 'that channel is not in this server' };
        }
        if (channel.isDMBased() || !client.user) return { ok: true as const };
        // Unknown when the bot's own member is not cached; the post itself will then tell.
        const permissions = channel.permissionsFor(client.user);
        const needed = channel.isThread()
          ? [...POST_PERMISSIONS, PermissionFlagsBits.SendMessagesInThreads]
          : [...POST_PERMISSIONS];
        const missing = permissions?.missing(needed) ?? [];
        return missing.length === 0
          ? { ok: true as const }
          : { ok: false as const, reason: `the bot lacks ${missing.join(', ')} in that channel` };
      } catch (error) {
        return { ok: false as const, reason: describeDiscordFailure(error) };
      }
    },

    isConnected() {
      return client.isReady() && client.ws.shards.every((shard) => shard.status === Status.Ready);
    },
  };
}
