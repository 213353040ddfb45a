import type { QueryEngine } from '../engine/engine.ts';
import type { InsightsStore } from '../insights/store.ts';
import type { Scheduler } from '../scheduler/scheduler.ts';
import { type AnyCommand, commandKey } from './command.ts';
import type { Invocation } from './invocation.ts';
import { type Logger, silentLogger } from './logger.ts';
import type { RateLimiter } from './rate-limit.ts';
import type { Reply } from './reply.ts';
import { neutraliseUserText } from './safe-text.ts';

/** The one entry point every adapter calls: resolves the command, validates options, runs it, never throws. */
export interface Router {
  readonly engine: QueryEngine;
  readonly commands: readonly AnyCommand[];
  handle(invocation: Invocation): Promise<Reply>;
}

export interface RouterDeps {
  engine: QueryEngine;
  commands: readonly AnyCommand[];
  logger?: Logger;
  scheduler?: Scheduler;
  insights?: InsightsStore;
  /** Called once per handled request (metrics). */
  onHandled?: (invocation: Invocation, command: string, reply: Reply, latencyMs: number) => void;
  /** Limits each user's requests; scheduled posts never go through it. */
  rateLimiter?: RateLimiter;
}

/** Whether an invocation would run an admin-only command (adapters look up admin rights only then). */
export function requiresAdmin(
  invocation: Invocation,
  commands: readonly AnyCommand[],
  engine: QueryEngine,
): boolean {
  return resolveInvocation(invocation, commands, engine).command?.adminOnly === true;
}

/** A command with its raw options, resolved from an invocation. */
export interface ResolvedInvocation {
  command: AnyCommand | undefined;
  name: string;
  options: Record<string, unknown>;
}

const COMMAND_PREFIX = /^\s*\/?ai-news\b\s*/i;
const PRIVATE_FLAG = /^private\b[\s,:]*/i;
// "summary pls", "help?", "timeline please": the command and nothing but courtesy.
const COURTESY_ONLY = /^(?:[\s?!.,]|\b(?:please|pls|plz|thanks|thx|now|again)\b)*$/i;

/**
 * Works out which command an invocation means. Slash commands name it; free text ("topic bans",
 * "who is yan qiao", "did congress block deepseek") names it only when a command claims the text,
 * otherwise the text is a question for `ask`.
 */
export function resolveInvocation(
  invocation: Invocation,
  commands: readonly AnyCommand[],
  engine: QueryEngine,
): ResolvedInvocation {
  const byKey = (key: string) => commands.find((c) => commandKey(c) === key);
  const text = typeof invocation.text === 'string' ? invocation.text : '';
  const options: Record<string, unknown> = { ...(invocation.options ?? {}) };
  const withText = (command: AnyCommand, rest: string): ResolvedInvocation => {
    const tail = rest.trim();
    if (tail && command.parseText) Object.assign(options, command.parseText(tail));
    else if (tail && command.textOption && options[command.textOption] === undefined)
      options[command.textOption] = tail;
    return { command, name: commandKey(command), options };
  };
  if (invocation.command) {
    const name = String(invocation.command).toLowerCase().trim().replace(/\s+/g, ' ');
    const command = byKey(name);
    return command ? withText(command, text) : { command, name, options };
  }
  let rest = text.replace(COMMAND_PREFIX, '');
  if (PRIVATE_FLAG.test(rest)) {
    options.private = true;
    rest = rest.replace(PRIVATE_FLAG, '');
  }
  const [, first = '', remainder = ''] = /^\s*(\S*)\s*([\s\S]*)$/.exec(rest) ?? [];
  const word = first.toLowerCase();
  const ask = byKey('ask');
  if (commands.some((c) => c.group === word)) {
    const [, sub = '', subRest = ''] = /^(\S*)\s*([\s\S]*)$/.exec(remainder.trim()) ?? [];
    const grouped = byKey(`${word} ${sub.toLowerCase()}`);
    return grouped
      ? withText(grouped, subRest)
      : { command: undefined, name: `${word} ${sub}`.trim(), options };
  }
  const named = byKey(word);
  const tail = remainder.trim();
  if (named && named !== ask) {
    if (!named.textOption && !named.parseText && COURTESY_ONLY.test(tail)) return withText(named, '');
    if (named.textOption && (tail === '' || named.claimsText?.(tail, engine))) return withText(named, tail);
  }
  if (named === ask) {
    if (PRIVATE_FLAG.test(tail)) options.private = true;
    return { command: ask, name: 'ask', options: { ...options, question: tail.replace(PRIVATE_FLAG, '') } };
  }
  return { command: ask, name: 'ask', options: { ...options, question: rest.trim() } };
}

export function createRouter({
  engine,
  commands,
  logger = silentLogger(),
  scheduler,
  insights,
  rateLimiter,
  onHandled,
}: RouterDeps): Router {
  /** The one error boundary: every request gets a reply, logged with its outcome and latency. */
  async function handle(invocation: Invocation): Promise<Reply> {
    const started = performance.now();
    let outcome: { command: string; reply: Reply };
    try {
      outcome = await route(invocation);
    } catch (error) {
      logger.error({ err: error, platform: invocation?.platform }, 'command failed');
      outcome = {
        command: 'unknown',
        reply: {
          kind: 'error',
          body: 'Sorry — something went wrong while answering that. It has been logged; please try again.',
          visibility: 'ephemeral',
        },
      };
    }
    const latencyMs = performance.now() - started;
    logger.info(
      {
        platform: invocation?.platform,
        source: invocation?.source,
        command: outcome.command,
        outcome: outcome.reply.kind,
        latencyMs: Math.round(latencyMs * 1000) / 1000,
      },
      'handled',
    );
    onHandled?.(invocation, outcome.command, outcome.reply, latencyMs);
    return outcome.reply;
  }

  async function route(invocation: Invocation): Promise<{ command: string; reply: Reply }> {
    // The console has one user at a keyboard (or a pipe): only chat platforms are limited.
    if (rateLimiter && invocation.source !== 'schedule' && invocation.platform !== 'console') {
      const waitMs = rateLimiter.take(`${invocation.platform}:${invocation.user?.id ?? 'unknown'}`);
      if (waitMs > 0) {
        const seconds = Math.round(rateLimiter.windowMs / 1000);
        return {
          command: 'rate-limit',
          reply: {
            kind: 'rate_limited',
            body: `Slow down a little — you can ask ${rateLimiter.limit} questions every ${seconds} seconds. Try again in ${Math.ceil(waitMs / 1000)} s.`,
            visibility: 'ephemeral',
          },
        };
      }
    }
    const resolved = resolveInvocation(invocation, commands, engine);
    const { command } = resolved;
    if (!command) {
      const group = commands.filter((c) => c.group && resolved.name.startsWith(`${c.group}`));
      const hint =
        group.length > 0
          ? ` Try ${group.map((c) => `/ai-news ${commandKey(c)}`).join(', ')}.`
          : ' Try /ai-news help.';
      return {
        command: 'unknown',
        reply: {
          kind: 'error',
          body: `There is no command “${neutraliseUserText(resolved.name, 40)}”.${hint}`,
          visibility: 'ephemeral',
        },
      };
    }
    const key = commandKey(command);
    if (command.adminOnly && !invocation.user?.isAdmin) {
      return {
        command: key,
        reply: {
          kind: 'error',
          body: `Only admins can use /ai-news ${key}: on Discord, members with Manage Server or Manage Channels; on Slack, workspace admins and owners.`,
          visibility: 'ephemeral',
        },
      };
    }
    const parsed = command.options.safeParse(resolved.options);
    if (!parsed.success) {
      const problems = parsed.error.issues
        .map(
          (i: { path: PropertyKey[]; message: string }) =>
            `${i.path.map(String).join('.') || 'options'}: ${i.message}`,
        )
        .join('; ');
      return {
        command: key,
        reply: {
          kind: 'error',
          body: `That /ai-news ${key} request doesn’t look right (${problems}). Try /ai-news help.`,
          visibility: 'ephemeral',
        },
      };
    }
    const handled = await command.handle(parsed.data, {
      engine,
      invocation,
      commands,
      ...(scheduler ? { scheduler } : {}),
      ...(insights ? { insights } : {}),
    });
    // "private" asks for an answer only the asker sees, whatever the command.
    const reply: Reply =
      resolved.options.private === true
        ? { ...handled, visibility: 'ephemeral', requestedPrivate: true }
        : handled;
    return { command: key, reply };
  }

  return { engine, commands, handle };
}
