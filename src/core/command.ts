import type { z } from 'zod';
import type { QueryEngine } from '../engine/engine.ts';
import type { Invocation } from './invocation.ts';
import type { Reply } from './reply.ts';

/** What a command handler may use: the engine (and its story), the request, and the other commands (for help). */
export interface CommandContext {
  engine: QueryEngine;
  invocation: Invocation;
  commands: readonly AnyCommand[];
}

/** A platform-neutral `/ai-news` subcommand: its options, its help, its handler. */
export interface CommandDefinition<Options extends z.ZodObject = z.ZodObject> {
  name: string;
  /** One line, at most 100 characters (Discord's limit for descriptions). */
  description: string;
  /** Example uses, as typed after `/ai-news`. */
  examples: string[];
  /** Options; each option's `.describe()` text is its help and its Discord description. */
  options: Options;
  /** The option that takes free text in text-based commands (`/ai-news topic bans` → name = "bans"). */
  textOption?: keyof z.infer<Options> & string;
  /**
   * For free text such as a mention ("who is yan qiao"): whether this text is meant for this command
   * rather than being a question. Commands without a text option claim only an empty rest.
   */
  claimsText?: (text: string, engine: QueryEngine) => boolean;
  /** Values to suggest while a user types an option (Discord autocomplete). */
  autocomplete?: Partial<
    Record<keyof z.infer<Options> & string, (partial: string, engine: QueryEngine) => string[]>
  >;
  handle(options: z.infer<Options>, context: CommandContext): Reply | Promise<Reply>;
}

// biome-ignore lint/suspicious/noExplicitAny: a list of commands holds many option types
export type AnyCommand = CommandDefinition<any>;

/** Declares a command with its option types inferred from the schema. */
export function defineCommand<Options extends z.ZodObject>(
  command: CommandDefinition<Options>,
): CommandDefinition<Options> {
  return command;
}
