import { commands } from '../commands/index.ts';
import { type Logger, silentLogger } from './core/logger.ts';
import { createRouter, type Router } from './core/router.ts';
import { QueryEngine } from './engine/engine.ts';
import { loadStory, type Story } from './knowledge/load-story.ts';

/** The platform-blind core every adapter shares: the story, its engine and the command router. */
export interface Core {
  story: Story;
  engine: QueryEngine;
  router: Router;
}

/** Loads the story, builds the engine's indexes once, and wires the commands. */
export function createCore(options: { logger?: Logger; story?: Story } = {}): Core {
  const story = options.story ?? loadStory();
  const engine = new QueryEngine(story);
  const router = createRouter({ engine, commands, logger: options.logger ?? silentLogger() });
  return { story, engine, router };
}
