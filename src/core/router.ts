import type { QueryEngine } from '../engine/engine.ts';
import type { AnyCommand } from './command.ts';
import type { Invocation } from './invocation.ts';
import { type Logger, silentLogger } from './logger.ts';
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
}

/** A command with its raw options, resolved from an invocation. */
export interface ResolvedInvocation {
  command: AnyCommand | undefined;
  name: string;
  options: Record<string, unknown>;
}

const COMMAND_PREFIX = /^\s*\/?ai-news\b\s*/i;
const PRIVATE_FLAG = /^private\b[\s,:]*/i;

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
  const byName = (name: string) => commands.find((c) => c.name === name);
  const text = typeof invocation.text === 'string' ? invocation.text : '';
  const options: Record<string, unknown> = { ...(invocation.options ?? {}) };
  if (invocation.command) {
    const name = String(invocation.command).toLowerCase();
    const command = byName(name);
    if (command?.textOption && options[command.textOption] === undefined && text.trim()) {
      options[command.textOption] = text.trim();
    }
    return { command, name, options };
  }
  let rest = text.replace(COMMAND_PREFIX, '');
  if (PRIVATE_FLAG.test(rest)) {
    options.private = true;
    rest = rest.replace(PRIVATE_FLAG, '');
  }
  const [, first = '', remainder = ''] = /^\s*(\S*)\s*([\s\S]*)$/.exec(rest) ?? [];
  const named = byName(first.toLowerCase());
  const ask = byName('ask');
  const tail = remainder.trim();
  if (named && named !== ask) {
    if (!named.textOption && /^[\s?!.]*$/.test(tail)) return { command: named, name: named.name, options };
    if (named.textOption && (tail === '' || named.claimsText?.(tail, engine))) {
      if (tail) options[named.textOption] = tail;
      return { command: named, name: named.name, options };
    }
  }
  if (named === ask) return { command: ask, name: 'ask', options: { ...options, question: tail } };
  return { command: ask, name: 'ask', options: { ...options, question: rest.trim() } };
}

export function createRouter({ engine, commands, logger = silentLogger() }: RouterDeps): Router {
  async function handle(invocation: Invocation): Promise<Reply> {
    const started = performance.now();
    const resolved = resolveInvocation(invocation, commands, engine);
    const { command } = resolved;
    if (!command) {
      return {
        kind: 'error',
        body: `There is no command “${neutraliseUserText(resolved.name, 40)}”. Try /ai-news help.`,
        visibility: 'ephemeral',
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
        kind: 'error',
        body: `That /ai-news ${command.name} request doesn’t look right (${problems}). Try /ai-news help.`,
        visibility: 'ephemeral',
      };
    }
    try {
      const reply = await command.handle(parsed.data, { engine, invocation, commands });
      logger.info(
        {
          platform: invocation.platform,
          source: invocation.source,
          command: command.name,
          outcome: reply.kind,
          latencyMs: Math.round((performance.now() - started) * 1000) / 1000,
        },
        'handled',
      );
      return reply;
    } catch (error) {
      logger.error({ err: error, platform: invocation.platform, command: command.name }, 'command failed');
      return {
        kind: 'error',
        body: 'Sorry — something went wrong while answering that. It has been logged; please try again.',
        visibility: 'ephemeral',
      };
    }
  }
  return { engine, commands, handle };
}
