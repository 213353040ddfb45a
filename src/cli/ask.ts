import { createInterface } from 'node:readline';
import { commands } from '../../commands/index.ts';
import { saveChart } from '../adapters/console/charts.ts';
import { consoleLineToInvocation } from '../adapters/console/console-bot.ts';
import { renderReplyAsText } from '../adapters/console/render.ts';
import { createCore } from '../app.ts';
import { ConfigError } from '../config.ts';
import type { Dispatcher } from '../core/dispatcher.ts';
import type { Reply } from '../core/reply.ts';
import { loadLibrary, storyArgument } from '../engine/library.ts';
import { DEFAULT_STORY_SLUG, StoryLoadError } from '../knowledge/load-story.ts';

const USAGE = `Usage:
  npm run ask -- "question"            answer one question
  npm run ask -- --json "question"     print the answer as one JSON object
  npm run ask -- --story <slug> "..."  answer from another story (see the story list command)
  npm run ask -- --json -              read questions from stdin, one per line; one JSON object per line
                                       (the lines are one conversation; a line --- starts a new one)`;

/** A reply as the JSON line `npm run ask -- --json` prints; `image` is where its picture was saved, if it has one. */
export function replyAsJson(question: string, reply: Reply, image: string | null = null) {
  const answered = reply.kind === 'answer' || reply.kind === 'list';
  const items = (reply.items ?? []).map((item) => `• ${item.label ? `${item.label} — ` : ''}${item.text}`);
  return {
    question,
    answered,
    answer: [reply.body, ...items].join('\n'),
    quote: reply.quote?.text ?? null,
    factId: reply.feedback?.factId ?? null,
    confidence: reply.confidence ?? (answered ? 1 : 0),
    suggestions: reply.suggestions ?? [],
    /** The question as understood after the conversation's context ("why?" → "why did …"), or null. */
    resolvedQuestion: reply.resolvedQuestion ?? null,
    /** The path of the reply's picture (a chart) as written under var/charts/, or null. */
    image,
    /** The picture's alt text: every figure or event it shows, or null. */
    imageAlt: reply.image?.alt ?? null,
  };
}

/**
 * One question, through the same dispatcher as the console: a line of text, read like a console line
 * ("tl;dr" gets the summary, "topic bans" the topic), except that a bare word is never a command name
 * unless it is one.
 */
function answer(dispatcher: Dispatcher, question: string, conversation: number): Promise<Reply> {
  return dispatcher.answer({ ...consoleLineToInvocation(question, 'cli'), channelId: `cli-${conversation}` });
}

/** A line that ends one conversation and starts the next in piped input. */
const NEW_CONVERSATION = '---';

async function main(argv: string[]): Promise<number> {
  const json = argv.includes('--json');
  const story = storyArgument(argv);
  const rest = argv.filter((a, i) => a !== '--json' && a !== '--story' && argv[i - 1] !== '--story');
  if (rest.includes('--help') || rest.includes('-h')) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const fromStdin = rest.length === 1 && rest[0] === '-';
  if (!fromStdin && rest.length === 0) {
    process.stderr.write(`Give a question to ask.\n${USAGE}\n`);
    return 2;
  }
  const stories = loadLibrary(story ?? DEFAULT_STORY_SLUG, '--story');
  const { dispatcher } = createCore({ commands, stories });
  const print = (question: string, reply: Reply) => {
    const saved = reply.image ? saveChart(reply.image) : undefined;
    if (saved && 'error' in saved) process.stderr.write(`The chart could not be saved: ${saved.error}\n`);
    const image = saved && 'path' in saved ? saved.path : null;
    process.stdout.write(
      json
        ? `${JSON.stringify(replyAsJson(question, reply, image))}\n`
        : `${renderReplyAsText(reply, undefined, saved)}\n\n`,
    );
  };
  if (fromStdin) {
    const rl = createInterface({ input: process.stdin, crlfDelay: Number.POSITIVE_INFINITY });
    // The lines are one conversation, in order ("why?" follows the line before); `---` starts another.
    let conversation = 1;
    for await (const line of rl) {
      if (line.trim() === NEW_CONVERSATION) conversation += 1;
      else print(line, await answer(dispatcher, line, conversation));
    }
    return 0;
  }
  const question = rest.join(' ');
  print(question, await answer(dispatcher, question, 1));
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(
      `${error instanceof StoryLoadError || error instanceof ConfigError ? error.message : String(error)}\n`,
    );
    process.exitCode = error instanceof ConfigError ? 2 : 1;
  },
);
