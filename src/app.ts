import { DEFAULT_COMMAND_NAME } from './config.ts';
import type { ChannelStoryStore } from './core/channel-stories.ts';
import type { AnyCommand } from './core/command.ts';
import type { ConversationStore } from './core/conversation.ts';
import { Dispatcher } from './core/dispatcher.ts';
import { type Logger, silentLogger } from './core/logger.ts';
import type { RequestLedger } from './core/request-ledger.ts';
import { createRouter, type Router } from './core/router.ts';
import { QueryEngine } from './engine/engine.ts';
import type { ReloadResult, StoryLibrary } from './engine/library.ts';
import type { InsightsStore } from './insights/store.ts';
import { loadStory, type Story } from './knowledge/load-story.ts';
import type { BotMetrics } from './observability/metrics.ts';
import { traitsOf } from './platforms.ts';
import type { Clock } from './scheduler/clock.ts';
import { Scheduler } from './scheduler/scheduler.ts';
import type { ScheduleStore } from './scheduler/store.ts';

/** The platform-blind core every platform shares: the story, its engine, the router and the dispatcher. */
export interface Core {
  story: Story;
  engine: QueryEngine;
  router: Router;
  dispatcher: Dispatcher;
  scheduler?: Scheduler;
}

export interface CoreOptions {
  /** The commands to answer with (commands/index.ts): only the entry points import commands/, so the core never depends on them. */
  commands: readonly AnyCommand[];
  logger?: Logger;
  story?: Story;
  /** An engine built already (tests share one; building its indexes is the slow part). */
  engine?: QueryEngine;
  /** Every story the bot answers from, with the default; the one story (`story` or the default) when absent. */
  stories?: StoryLibrary;
  /** Which story each channel chose (`story use`), kept in the database. */
  channelStories?: ChannelStoryStore;
  /** Reloads the story packs everywhere this bot runs (`admin reload`); the library's own reload when absent. */
  reloadStories?: () => ReloadResult;
  /** How users type the command: "ai-news" for `/ai-news`. */
  commandName?: string;
  /** Scheduled summaries: where schedules are kept, and how the scheduler runs; schedule commands say scheduling is off without it. */
  schedules?: {
    store: ScheduleStore;
    clock?: Clock;
    catchUpMs?: number;
    pollMs?: number;
    instanceId?: string | (() => string);
    retry?: { attempts: number; baseDelayMs: number };
  };
  /** Where unanswered questions and feedback are stored; not stored when absent. */
  insights?: InsightsStore;
  /** Records each handled request. */
  metrics?: BotMetrics;
  /** Per-user limit on requests; none when absent. */
  rateLimit?: { questions: number; windowSeconds: number };
  /** The rate limit and event de-duplication, shared between instances when they share a database. */
  ledger?: RequestLedger;
  /** Each conversation's last turn, shared between instances when they share a database. */
  conversations?: ConversationStore;
  /** How long a slow answer runs before the platform is asked to defer it. */
  deferAfterMs?: number;
  /** How long a stopping platform waits for its replies in flight (SHUTDOWN_GRACE_SECONDS). */
  drainTimeoutMs?: number;
}

/** Loads the story, builds the engine's indexes once, and wires the commands, the scheduler and the dispatcher. */
export function createCore(options: CoreOptions): Core {
  const engine = options.stories?.engine() ?? options.engine ?? new QueryEngine(options.story ?? loadStory());
  const { story } = engine;
  const logger = options.logger ?? silentLogger();
  const commandName = options.commandName ?? DEFAULT_COMMAND_NAME;
  // Schedule commands manage the scheduler and the scheduler runs the summary command: the scheduler
  // publishes through the dispatcher, which is made just below and used only once the bot runs.
  const scheduler = options.schedules
    ? new Scheduler({
        ...options.schedules,
        logger,
        publisher: {
          owns: (schedule) => dispatcher.owns(schedule),
          canPost: (platform, channelId, scope) => dispatcher.canPost(platform, channelId, scope),
          publish: (schedule, heading, key) => dispatcher.publish(schedule, heading, key),
        },
        ...(options.metrics
          ? {
              onOutcome: (schedule, outcome) =>
                options.metrics?.schedulePosts.inc({ platform: schedule.platform, outcome }),
            }
          : {}),
      })
    : undefined;
  const router = createRouter({
    engine,
    ...(options.stories ? { stories: options.stories } : {}),
    ...(options.channelStories ? { channelStories: options.channelStories } : {}),
    ...(options.reloadStories ? { reloadStories: options.reloadStories } : {}),
    commands: options.commands,
    commandName,
    ...(scheduler ? { scheduler } : {}),
    ...(options.insights ? { insights: options.insights } : {}),
  });
  const dispatcher: Dispatcher = new Dispatcher({
    router,
    traits: traitsOf,
    commandName,
    logger,
    ...(options.rateLimit ? { rateLimit: options.rateLimit } : {}),
    ...(options.ledger ? { ledger: options.ledger } : {}),
    ...(options.conversations ? { conversations: options.conversations } : {}),
    ...(options.channelStories ? { channelStories: options.channelStories } : {}),
    ...(options.deferAfterMs !== undefined ? { deferAfterMs: options.deferAfterMs } : {}),
    ...(options.drainTimeoutMs !== undefined ? { drainTimeoutMs: options.drainTimeoutMs } : {}),
    ...(options.metrics ? { onHandled: options.metrics.observe.bind(options.metrics) } : {}),
  });
  return { story, engine, router, dispatcher, ...(scheduler ? { scheduler } : {}) };
}
