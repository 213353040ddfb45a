import { commands } from '../commands/index.ts';
import { type Logger, silentLogger } from './core/logger.ts';
import { RateLimiter } from './core/rate-limit.ts';
import { createRouter, type Router } from './core/router.ts';
import { QueryEngine } from './engine/engine.ts';
import type { InsightsStore } from './insights/store.ts';
import { loadStory, type Story } from './knowledge/load-story.ts';
import type { BotMetrics } from './observability/metrics.ts';
import type { Scheduler } from './scheduler/scheduler.ts';

/** The platform-blind core every adapter shares: the story, its engine and the command router. */
export interface Core {
  story: Story;
  engine: QueryEngine;
  router: Router;
  scheduler?: Scheduler;
}

export interface CoreOptions {
  logger?: Logger;
  story?: Story;
  /** Builds the scheduler once the engine exists; without it, schedule commands say scheduling is off. */
  makeScheduler?: (engine: QueryEngine) => Scheduler;
  /** Where unanswered questions and feedback are stored; not stored when absent. */
  insights?: InsightsStore;
  /** Records each handled request. */
  metrics?: BotMetrics;
  /** Per-user limit on requests; none when absent. */
  rateLimit?: { questions: number; windowSeconds: number };
}

/** Loads the story, builds the engine's indexes once, and wires the commands. */
export function createCore(options: CoreOptions = {}): Core {
  const story = options.story ?? loadStory();
  const engine = new QueryEngine(story);
  const scheduler = options.makeScheduler?.(engine);
  const logger = options.logger ?? silentLogger();
  const rateLimiter = options.rateLimit
    ? new RateLimiter(options.rateLimit.questions, options.rateLimit.windowSeconds * 1000)
    : undefined;
  const router = createRouter({
    engine,
    commands,
    logger,
    ...(scheduler ? { scheduler } : {}),
    ...(rateLimiter ? { rateLimiter } : {}),
    ...(options.insights ? { insights: options.insights } : {}),
    ...(options.metrics ? { onHandled: options.metrics.observe.bind(options.metrics) } : {}),
  });
  return { story, engine, router, ...(scheduler ? { scheduler } : {}) };
}
