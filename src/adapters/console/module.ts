import { z } from 'zod';
import type { PlatformModule } from '../../core/platform.ts';
import { createConsolePlatform } from './console-bot.ts';

/** The console: a chat in the terminal, run when no other platform is configured (or with --console). */
export const consoleModule = {
  id: 'console' as const,
  traits: { id: 'console', tenantNoun: 'console', whoIsAdmin: 'the person at the console', operator: true },
  configSchema: z.object({}),
  toConfig: () => ({ config: {} }),
  fallback: true,
  async create(context) {
    return createConsolePlatform(context.dispatcher, {
      input: process.stdin,
      output: process.stdout,
      interactive: process.stdin.isTTY === true,
    });
  },
} satisfies PlatformModule<Record<string, never>>;
