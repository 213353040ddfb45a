import type { Registry } from 'prom-client';
import type { z } from 'zod';
import type { BotMetrics } from '../observability/metrics.ts';
import type { Schedule } from '../scheduler/store.ts';
import type { Dispatcher } from './dispatcher.ts';
import type { Pairing } from './env.ts';
import type { SharedHttpServer } from './http-server.ts';
import type { Logger } from './logger.ts';
import type { Reply } from './reply.ts';

/** What a reply to a command says about the platform it came from, so commands name no platform. */
export interface PlatformTraits {
  /** The platform's id, as in the registry ("discord", "slack", "console"). */
  id: string;
  /** What one tenant (a Discord server, a Slack workspace) is called in replies. */
  tenantNoun: string;
  /** Who counts as an admin there, completing "Only admins can use … : ". */
  whoIsAdmin: string;
  /** True for the operator's own local doors (console, CLI): no rate limit, every tenant visible. */
  operator?: boolean;
}

/** Settings of the bot that platforms share: the port of its one HTTP server for platform endpoints. */
export interface SharedSettings {
  httpPort: number | undefined;
}

/** A channel check's answer: the bot can post there, or why not. */
export type PostCheck = { ok: true } | { ok: false; reason: string };

/** One running platform: what the bot process starts, stops, posts through and reports on. */
export interface Platform {
  readonly id: string;
  /** Connects and starts passing the platform's requests to the dispatcher. */
  start(): Promise<void>;
  /** Stops taking requests, lets the dispatcher drain this platform's work in flight, then disconnects. */
  stop(): Promise<void>;
  /**
   * Posts a reply into a channel on the bot's own account (scheduled summaries). Throws PostError when
   * it cannot. `key` names the post (a schedule's slot): a platform that drops repeats (Discord's
   * enforced nonce) uses it, so a post tried again after a failure that may have been shown is shown once.
   */
  post(channelId: string, reply: Reply, options?: { key?: string }): Promise<void>;
  /** Whether the bot can post to a channel (of the given server or workspace, when known). Optional: assumed yes. */
  canPost?(channelId: string, scope?: string): Promise<PostCheck>;
  /** True while connected to the platform (for /readyz). */
  isConnected(): boolean;
  /** Finer detail for /readyz, e.g. each Discord shard's state. */
  details?(): Record<string, unknown>;
  /** When the platform runs as several parts (Discord's endpoint and gateway): whether each is up, for /readyz. */
  parts?(): Record<string, boolean>;
  /**
   * The parts without which the instance should leave the load balancer (/readyz 503); a part not
   * listed that is down makes it `degraded` only. All parts are required when absent.
   */
  requiredParts?: readonly string[];
  /** Whether this process posts a schedule of this platform (a shard posts only its own guilds'); all when absent. */
  ownsSchedule?(schedule: Schedule): boolean;
  /** When the platform runs in processes of its own (Discord shards): this process's metrics summed with theirs. */
  metrics?(): Promise<Registry>;
  /** Names this process in scheduled slot claims (e.g. which Discord shard), when it says more than a random id. */
  readonly instanceName?: string;
  /** Called after the stories were reloaded in this process: a platform with processes of its own passes it on. */
  reloaded?(): void;
  /** How long stop() may take, when longer than the bot's usual grace period. */
  readonly stopGraceMs?: number;
}

/** What the bot process hands a platform module when it creates the platform. */
export interface PlatformContext<Config> {
  /** The platform's own settings, parsed by its configSchema. */
  config: Config;
  /** Where every request of the platform goes. */
  dispatcher: Dispatcher;
  logger: Logger;
  /** How users type the bot's command, e.g. "ai-news" for `/ai-news`. */
  commandName: string;
  /** Called each time a connection to the platform is re-established (metrics). */
  onReconnect?: () => void;
  /** This process's metrics, e.g. for a platform's own processes to report theirs into. */
  metrics: BotMetrics;
  /** True when this process was started as one worker process of this platform (see workerArgument). */
  worker: boolean;
  /** Reloads the stories in this process and passes it on (a worker asking its manager, a manager its workers). */
  reloadStories(): void;
  /** Stops the whole bot and exits with the code (e.g. a platform that can no longer run as set up). */
  stopBot(reason: string, exitCode: number): void;
  /** The bot's one HTTP server on PORT, shared by the platforms that receive requests over HTTP. */
  http?: SharedHttpServer;
}

/**
 * A platform the bot can run on, listed in src/platforms.ts. Its configSchema reads the environment
 * and yields its settings, or undefined when the platform is off (its tokens are not set); `create`
 * loads the platform's SDK, so an SDK is imported only when its platform is on.
 */
export interface PlatformModule<Config = unknown> {
  readonly id: string;
  readonly traits: PlatformTraits;
  /** The environment variables this platform reads, each with its rule; a problem names its variable. */
  readonly configSchema: z.ZodObject;
  /** Variables that only make sense together, e.g. a token and its application id. */
  readonly pairings?: readonly Pairing[];
  /** The platform's settings from its parsed variables, or undefined when it is off; problems name their variables. */
  toConfig(values: Record<string, unknown>, shared: SharedSettings): { config?: Config; problems?: string[] };
  /** Whether the platform, so configured, serves requests on the bot's shared HTTP port (PORT). */
  listensOnHttpPort?(config: Config): boolean;
  /** Runs only when no other platform is on (the console). */
  readonly fallback?: boolean;
  /**
   * The argument with which the bot's entry script is started as one worker process of this platform
   * (a Discord shard): such a process runs this platform alone.
   */
  readonly workerArgument?: string;
  create(context: PlatformContext<Config>): Promise<Platform>;
}

/**
 * A failed post. Permanent failures (the channel is gone, the bot was removed or lacks access) are
 * not retried; transient ones (network, rate limits, 5xx) are retried with backoff within the slot.
 */
export class PostError extends Error {
  override name = 'PostError';
  constructor(
    message: string,
    readonly permanent: boolean,
  ) {
    super(message);
  }
}
