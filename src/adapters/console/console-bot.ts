import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { PlatformAdapter } from '../../core/adapter.ts';
import type { Invocation } from '../../core/invocation.ts';
import type { Router } from '../../core/router.ts';
import { ansiStyle, plainStyle, renderReplyAsText } from './render.ts';

export interface ConsoleBotOptions {
  input: Readable;
  output: Writable;
  /** Interactive terminal: show a prompt, a greeting and colours. */
  interactive: boolean;
}

const EXIT_WORDS = new Set(['exit', 'quit', ':q', '/exit', '/quit']);

/** Turns one console line into an invocation, as Discord or Slack adapters do with their payloads. */
export function consoleLineToInvocation(line: string): Invocation {
  return {
    platform: 'console',
    source: 'console',
    command: '',
    text: line,
    options: {},
    user: { id: 'console', name: 'you', isAdmin: true },
    channelId: 'console',
  };
}

/**
 * The console bot: a chat in the terminal (or over piped stdin) for running without any platform
 * token. Typing the number of a suggestion asks it. Resolves when input ends or the user types exit.
 */
export async function runConsoleBot(router: Router, options: ConsoleBotOptions): Promise<void> {
  const { input, output, interactive } = options;
  const style = interactive ? ansiStyle : plainStyle;
  const rl = createInterface({ input, terminal: false, crlfDelay: Number.POSITIVE_INFINITY });
  const write = (text: string) => output.write(`${text}\n`);
  const prompt = () => {
    if (interactive) output.write(style.bold('ai-news> '));
  };
  if (interactive) {
    write(`Ask me about “${router.engine.story.title}”.`);
    write('Type a question, /ai-news help, or exit (Ctrl-D) to leave.');
    prompt();
  }
  let lastSuggestions: string[] = [];
  for await (const rawLine of rl) {
    const line = rawLine.trim();
    if (EXIT_WORDS.has(line.toLowerCase())) break;
    if (line === '') {
      prompt();
      continue;
    }
    const picked = /^\d{1,2}$/.test(line) ? lastSuggestions[Number(line) - 1] : undefined;
    if (/^\d{1,2}$/.test(line) && !picked && lastSuggestions.length > 0) {
      write(`There is no suggestion ${line}; pick 1 to ${lastSuggestions.length}, or type a question.`);
      prompt();
      continue;
    }
    const reply = await router.handle(consoleLineToInvocation(picked ?? rawLine));
    if (picked) write(style.dim(`(asking: ${picked})`));
    lastSuggestions = reply.suggestions ?? [];
    write(renderReplyAsText(reply, style));
    write('');
    prompt();
  }
  rl.close();
  if (interactive) write('Bye.');
}

/** The console as a platform: scheduled summaries for console channels are printed to the terminal. */
export function createConsoleAdapter(output: Writable): PlatformAdapter {
  return {
    platform: 'console',
    async start() {},
    async stop() {},
    async post(channelId, reply) {
      output.write(`\n[scheduled post to #${channelId}]\n${renderReplyAsText(reply)}\n\n`);
    },
    isConnected: () => true,
  };
}
