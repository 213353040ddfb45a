import type { QueryEngine } from '../engine/engine.ts';
import type { ReloadResult, StoryLibrary } from '../engine/library.ts';
import { escapeRegExp } from '../engine/normalise.ts';
import type { InsightsStore } from '../insights/store.ts';
import type { Scheduler } from '../scheduler/scheduler.ts';
import type { ChannelStoryStore } from './channel-stories.ts';
import { type AnyCommand, commandKey, commandOf } from './command.ts';
import type { Turn } from './conversation.ts';
import type { Invocation } from './invocation.ts';
import type { PlatformTraits } from './platform.ts';
import type { Reply } from './reply.ts';
import { neutraliseUserText } from './safe-text.ts';

/**
 * Works out what a request means and runs its command: resolves the command once, validates its
 * options, calls its handler. The dispatcher (src/core/dispatcher.ts) owns everything around that.
 */
export interface Router {
  /** The default story's engine. */
  readonly engine: QueryEngine;
  /** Every story, each with its engine; absent when the bot knows only the one. */
  readonly stories?: StoryLibrary;
  readonly commands: readonly AnyCommand[];
  readonly scheduler?: Scheduler;
  /** Which command an invocation means, with its raw options. */
  resolve(invocation: Invocation): ResolvedInvocation;
  /** Runs a resolved command; throws only when its handler does. */
  run(resolved: ResolvedInvocation, invocation: Invocation, extras?: RunExtras): Promise<Reply>;
}

/** What the dispatcher knows of a request beyond the invocation. */
export interface RunExtras {
  previous?: Turn;
  traits?: PlatformTraits;
}

export interface RouterDeps {
  engine: QueryEngine;
  /** Every story: a request is answered from its channel's (invocation.story), else the default. */
  stories?: StoryLibrary;
  /** Where channels' choices of story are kept (`story use`). */
  channelStories?: ChannelStoryStore;
  /** Reloads the story packs everywhere the bot runs. */
  reloadStories?: () => ReloadResult;
  commands: readonly AnyCommand[];
  scheduler?: Scheduler;
  insights?: InsightsStore;
  /** How users type the command: "ai-news" for `/ai-news`. */
  commandName?: string;
}

/** A command with its raw options, resolved from an invocation. */
export interface ResolvedInvocation {
  command: AnyCommand | undefined;
  name: string;
  options: Record<string, unknown>;
}

const PRIVATE_FLAG = /^private\b[\s,:]*/i;
// "summary pls", "help?", "timeline please": the command and nothing but courtesy.
const COURTESY_ONLY = /^(?:[\s?!.,]|\b(?:please|pls|plz|thanks|thx|now|again)\b)*$/i;

/** The command's name typed before the words ("/ai-news help", "ai-news help"), which free text may carry. */
function commandPrefix(commandName: string): RegExp {
  return new RegExp(`^\\s*\\/?${escapeRegExp(commandName)}(?![\\w-])\\s*`, 'i');
}

/** A command resolved with the text after its name read into its options. */
function withText(command: AnyCommand, rest: string, options: Record<string, unknown>): ResolvedInvocation {
  const tail = rest.trim();
  if (tail && command.parseText) Object.assign(options, command.parseText(tail));
  else if (tail && command.textOption && options[command.textOption] === undefined)
    options[command.textOption] = tail;
  return { command, name: commandKey(command), options };
}

/**
 * Works out which command an invocation means. Slash commands name it; free text ("topic bans",
 * "who is jane doe", "did the council block acme") names it only when a command claims the text,
 * otherwise the text is a question for `ask`.
 */
export function resolveInvocation(
  invocation: Invocation,
  commands: readonly AnyCommand[],
  engine: QueryEngine,
  commandName = 'ai-news',
): ResolvedInvocation {
  const text = typeof invocation.text === 'string' ? invocation.text : '';
  const options: Record<string, unknown> = { ...(invocation.options ?? {}) };
  if (invocation.command) {
    const name = String(invocation.command).toLowerCase().trim().replace(/\s+/g, ' ');
    const command = commandOf(commands, name);
    return command ? withText(command, text, options) : { command, name, options };
  }
  let rest = text.replace(commandPrefix(commandName), '');
  if (PRIVATE_FLAG.test(rest)) {
    options.private = true;
    rest = rest.replace(PRIVATE_FLAG, '');
  }
  const [, first = '', remainder = ''] = /^\s*(\S*)\s*([\s\S]*)$/.exec(rest) ?? [];
  const word = first.toLowerCase();
  const ask = commandOf(commands, 'ask');
  if (commands.some((c) => c.group === word)) {
    const [, sub = '', subRest = ''] = /^(\S*)\s*([\s\S]*)$/.exec(remainder.trim()) ?? [];
    const grouped = commandOf(commands, `${word} ${sub.toLowerCase()}`);
    return grouped
      ? withText(grouped, subRest, options)
      : { command: undefined, name: `${word} ${sub}`.trim(), options };
  }
  const named = commandOf(commands, word);
  const tail = remainder.trim();
  if (named && named !== ask) {
    if (!named.textOption && !named.parseText && COURTESY_ONLY.test(tail))
      return withText(named, '', options);
    if (named.textOption && (tail === '' || named.claimsText?.(tail, engine)))
      return withText(named, tail, options);
  }
  if (named === ask) {
    if (PRIVATE_FLAG.test(tail)) options.private = true;
    return { command: ask, name: 'ask', options: { ...options, question: tail.replace(PRIVATE_FLAG, '') } };
  }
  return { command: ask, name: 'ask', options: { ...options, question: rest.trim() } };
}

export function createRouter({
  engine: defaultEngine,
  stories,
  channelStories,
  reloadStories,
  commands,
  scheduler,
  insights,
  commandName = 'ai-news',
}: RouterDeps): Router {
  // What every command's context holds, whatever the request: made once, not per request.
  const reload = reloadStories ?? (stories ? () => stories.reload() : undefined);
  const shared = {
    ...(stories ? { stories } : {}),
    ...(channelStories ? { channelStories } : {}),
    ...(reload ? { reloadStories: reload } : {}),
    commands,
    commandName,
    ...(scheduler ? { scheduler } : {}),
    ...(insights ? { insights } : {}),
  };
  async function run(
    resolved: ResolvedInvocation,
    invocation: Invocation,
    extras: RunExtras = {},
  ): Promise<Reply> {
    const { command } = resolved;
    if (!command) {
      const group = commands.filter((c) => c.group && resolved.name.startsWith(`${c.group}`));
      const hint =
        group.length > 0
          ? ` Try ${group.map((c) => `/${commandName} ${commandKey(c)}`).join(', ')}.`
          : ` Try /${commandName} help.`;
      return {
        kind: 'error',
        body: `There is no command “${neutraliseUserText(resolved.name, 40)}”.${hint}`,
        visibility: 'ephemeral',
      };
    }
    const key = commandKey(command);
    const parsed = command.options.safeParse(resolved.options);
    if (!parsed.success) {
      const problems = parsed.error.issues
        .map(
          (i: { path: PropertyKey[]; message: string }) =>
            `${i.path.map(String).join('.') || 'options'}: ${i.message}`,
        )
        .join('; ');
      return {
        kind: 'error',
        body: `That /${commandName} ${key} request doesn’t look right (${problems}). Try /${commandName} help.`,
        visibility: 'ephemeral',
      };
    }
    const handled = await command.handle(parsed.data, {
      ...shared,
      engine: engineOf(invocation),
      invocation,
      ...(extras.previous ? { previous: extras.previous } : {}),
      ...(extras.traits ? { traits: extras.traits } : {}),
    });
    // "private" asks for an answer only the asker sees, whatever the command.
    return resolved.options.private === true
      ? { ...handled, visibility: 'ephemeral', requestedPrivate: true }
      : handled;
  }

  /** The engine of the invocation's story: its channel's choice, else the default (as last loaded). */
  function engineOf(invocation: Invocation): QueryEngine {
    return stories ? stories.engine(invocation.story) : defaultEngine;
  }

  return {
    get engine() {
      return stories?.engine() ?? defaultEngine;
    },
    ...(stories ? { stories } : {}),
    commands,
    ...(scheduler ? { scheduler } : {}),
    resolve: (invocation) => resolveInvocation(invocation, commands, engineOf(invocation), commandName),
    run,
  };
}
