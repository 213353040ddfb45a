import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { Dispatcher } from '../../core/dispatcher.ts';
import type { Invocation } from '../../core/invocation.ts';
import { type Platform, PostError } from '../../core/platform.ts';
import type { Reply } from '../../core/reply.ts';
import { saveChart } from './charts.ts';
import { ansiStyle, plainStyle, renderReplyAsText } from './render.ts';

export interface ConsoleBotOptions {
  input: Readable;
  output: Writable;
  /** Interactive terminal: show a prompt, a greeting and colours. */
  interactive: boolean;
}

const EXIT_WORDS = new Set(['exit', 'quit', ':q', '/exit', '/quit']);

/** Turns one console line into an invocation, as Discord or Slack adapters do with their payloads. */
export function consoleLineToInvocation(line: string, source: 'console' | 'cli' = 'console'): Invocation {
  return {
    platform: 'console',
    source,
    command: '',
    text: line,
    options: {},
    // The person at the terminal runs the bot: the operator, admin of everything.
    user: { id: 'console', name: 'you', isAdmin: true },
    channelId: 'console',
  };
}

/** The console as a platform: a chat in the terminal (or over piped stdin), for running without any token. */
export interface ConsolePlatform extends Platform {
  /** Resolves when the input ends or the user types exit. */
  readonly done: Promise<void>;
}

/**
 * The console bot: each line goes to the dispatcher like a chat message; typing the number of a
 * suggestion asks it. Scheduled summaries for console channels are printed to the terminal.
 */
export function createConsolePlatform(dispatcher: Dispatcher, options: ConsoleBotOptions): ConsolePlatform {
  const { input, output, interactive } = options;
  const style = interactive ? ansiStyle : plainStyle;
  const write = (text: string) => output.write(`${text}\n`);
  let finish: () => void = () => {};
  const done = new Promise<void>((resolve) => {
    finish = resolve;
  });
  let closed = false;

  async function chat(): Promise<void> {
    const rl = createInterface({ input, terminal: false, crlfDelay: Number.POSITIVE_INFINITY });
    const prompt = () => {
      if (interactive) output.write(style.bold('ai-news> '));
    };
    if (interactive) {
      write(`Ask me about “${dispatcher.router.engine.story.title}”.`);
      write(`Type a question, /${dispatcher.commandName} help, or exit (Ctrl-D) to leave.`);
      prompt();
    }
    for await (const rawLine of rl) {
      if (closed) break;
      const line = rawLine.trim();
      if (EXIT_WORDS.has(line.toLowerCase())) break;
      if (line !== '') {
        await dispatcher.dispatch(consoleLineToInvocation(rawLine), {
          reply: async (reply: Reply) => {
            write(renderReplyAsText(reply, style, reply.image ? saveChart(reply.image) : undefined));
            write('');
          },
          isAdmin: async () => true,
        });
      }
      prompt();
    }
    rl.close();
    if (interactive) write('Bye.');
  }

  return {
    id: 'console',
    done,
    async start() {
      void chat().finally(finish);
    },
    async stop() {
      closed = true;
      await dispatcher.drain('console');
    },
    post(channelId, reply) {
      const saved = reply.image ? saveChart(reply.image) : undefined;
      const text = `\n[scheduled post to #${channelId}]\n${renderReplyAsText(reply, plainStyle, saved)}\n\n`;
      // A closed terminal will not come back: the post is refused for good.
      return new Promise<void>((resolve, reject) => {
        if (output.destroyed || output.writableEnded)
          return reject(new PostError('the console output is closed', true));
        output.write(text, (error) => (error ? reject(new PostError(error.message, true)) : resolve()));
      });
    },
    isConnected: () => true,
  };
}

/** Runs the console bot until its input ends (tests, and the bot process with no platform token). */
export async function runConsoleBot(dispatcher: Dispatcher, options: ConsoleBotOptions): Promise<void> {
  const platform = createConsolePlatform(dispatcher, options);
  await platform.start();
  await platform.done;
}
