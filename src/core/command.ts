import type { z } from 'zod';
import type { QueryEngine } from '../engine/engine.ts';
import type { ReloadResult, StoryLibrary } from '../engine/library.ts';
import type { InsightsStore } from '../insights/store.ts';
import type { Story } from '../knowledge/load-story.ts';
import type { Scheduler } from '../scheduler/scheduler.ts';
import type { ChannelStoryStore } from './channel-stories.ts';
import type { Turn } from './conversation.ts';
import type { Invocation } from './invocation.ts';
import type { PlatformTraits } from './platform.ts';
import type { Reply } from './reply.ts';

/** What a command handler may use: the engine (and its story), the request, and the other commands (for help). */
export interface CommandContext {
  engine: QueryEngine;
  invocation: Invocation;
  commands: readonly AnyCommand[];
  /** Every story the bot knows, when it knows several (`story list`). */
  stories?: StoryLibrary;
  /** Where channels' choices of story are kept (`story use`). */
  channelStories?: ChannelStoryStore;
  /** Reloads the story packs everywhere the bot runs (`admin reload`). */
  reloadStories?: () => ReloadResult;
  /** How users type the command: "ai-news" for `/ai-news`; replies name commands with it. */
  commandName: string;
  /** What the platform the request came from calls its tenants and admins; absent for an unknown platform. */
  traits?: PlatformTraits;
  /** The conversation's last turn, for follow-ups. */
  previous?: Turn;
  /** Present when scheduled summaries are enabled. */
  scheduler?: Scheduler;
  /** Present when unanswered questions and feedback are stored. */
  insights?: InsightsStore;
}

/** A platform-neutral `/ai-news` subcommand: its options, its help, its handler. */
export interface CommandDefinition<Options extends z.ZodObject = z.ZodObject> {
  name: string;
  /** A parent name for related subcommands: `schedule add` is `{ group: 'schedule', name: 'add' }`. */
  group?: string;
  /** Reached only by buttons (e.g. 👍/👎): not listed in help nor registered as a slash subcommand. */
  hidden?: boolean;
  /** Only admins may run it (always, or for the invocations the function picks); others get a clear refusal, checked by the dispatcher. */
  adminOnly?: boolean | ((invocation: Invocation) => boolean);
  /** One line, at most 100 characters (Discord's limit for descriptions). */
  description: string;
  /** How its arguments are written in help, e.g. "<when> [timezone] [channel]"; defaults to `<textOption>`. */
  usage?: string;
  /** Example uses, as typed after `/ai-news`, that hold for any story. */
  examples: string[];
  /** Example uses drawn from the story being asked about (its questions, topics, names), shown in help instead. */
  storyExamples?: (story: Story) => string[];
  /** Options; each option's `.describe()` text is its help and its Discord description. */
  options: Options;
  /** The option that takes free text in text-based commands (`/ai-news topic bans` → name = "bans"). */
  textOption?: keyof z.infer<Options> & string;
  /** Reads a text command's arguments into options, for commands with more than one (`daily 09:00 UTC`). */
  parseText?: (text: string) => Record<string, unknown>;
  /**
   * For free text such as a mention ("who is jane doe"): whether this text is meant for this command
   * rather than being a question. Commands without a text option claim only an empty rest.
   */
  claimsText?: (text: string, engine: QueryEngine) => boolean;
  /**
   * Values to suggest while a user types an option (Discord autocomplete). Schedule ids need the
   * scheduler and the platform, hence the optional extras.
   */
  autocomplete?: Partial<
    Record<
      keyof z.infer<Options> & string,
      (
        partial: string,
        engine: QueryEngine,
        extras?: {
          scheduler?: Scheduler;
          platform?: Invocation['platform'];
          scope?: string;
          stories?: StoryLibrary;
        },
      ) => string[] | Promise<string[]>
    >
  >;
  handle(options: z.infer<Options>, context: CommandContext): Reply | Promise<Reply>;
}

// biome-ignore lint/suspicious/noExplicitAny: a list of commands holds many option types
export type AnyCommand = CommandDefinition<any>;

/** The name a command is invoked by: "ask", or "schedule add" for a grouped one. */
export function commandKey(command: Pick<AnyCommand, 'name' | 'group'>): string {
  return command.group ? `${command.group} ${command.name}` : command.name;
}

/** The command known by `key` ("ask", "schedule remove"), if any. */
export function commandOf<C extends Pick<AnyCommand, 'name' | 'group'>>(
  commands: readonly C[],
  key: string,
): C | undefined {
  for (const command of commands) if (commandKey(command) === key) return command;
  return undefined;
}

/** Declares a command with its option types inferred from the schema. */
export function defineCommand<Options extends z.ZodObject>(
  command: CommandDefinition<Options>,
): CommandDefinition<Options> {
  return command;
}
