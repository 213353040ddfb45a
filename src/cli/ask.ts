import { createInterface } from 'node:readline';
import { notAnsweredMessage } from '../../commands/ask.ts';
import { consoleLineToInvocation } from '../adapters/console/console-bot.ts';
import { renderReplyAsText } from '../adapters/console/render.ts';
import { createCore } from '../app.ts';
import type { QueryEngine } from '../engine/engine.ts';
import { StoryLoadError } from '../knowledge/load-story.ts';

const USAGE = `Usage:
  npm run ask -- "question"            answer one question
  npm run ask -- --json "question"     print the answer as one JSON object
  npm run ask -- --json -              read questions from stdin, one per line; one JSON object per line`;

/** The answer to one question as the JSON line `npm run ask -- --json` prints. */
export function answerAsJson(engine: QueryEngine, question: string) {
  const result = engine.ask(question);
  if (result.answered) {
    return {
      question,
      answered: true,
      answer: result.answer,
      quote: result.quote,
      factId: result.fact.id,
      confidence: result.confidence,
      suggestions: result.related.map((f) => f.questions[0] as string),
    };
  }
  return {
    question,
    answered: false,
    answer: notAnsweredMessage(result),
    quote: null,
    factId: null,
    confidence: result.confidence,
    suggestions: result.suggestions.map((s) => s.question),
  };
}

/** One line's JSON, even if answering it failed: a bad line must not end the whole run. */
function safeAnswerAsJson(engine: QueryEngine, question: string) {
  try {
    return answerAsJson(engine, question);
  } catch {
    const answer = 'Sorry — something went wrong while answering that.';
    return { question, answered: false, answer, quote: null, factId: null, confidence: 0, suggestions: [] };
  }
}

async function main(argv: string[]): Promise<number> {
  const json = argv.includes('--json');
  const rest = argv.filter((a) => a !== '--json');
  if (rest.includes('--help') || rest.includes('-h')) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const fromStdin = rest.length === 1 && rest[0] === '-';
  if (!fromStdin && rest.length === 0) {
    process.stderr.write(`Give a question to ask.\n${USAGE}\n`);
    return 2;
  }
  const { engine, router } = createCore();
  if (fromStdin) {
    const rl = createInterface({ input: process.stdin, crlfDelay: Number.POSITIVE_INFINITY });
    for await (const line of rl) {
      if (json) process.stdout.write(`${JSON.stringify(safeAnswerAsJson(engine, line))}\n`);
      else
        process.stdout.write(
          `${renderReplyAsText(await router.handle(consoleLineToInvocation(`ask ${line}`)))}\n\n`,
        );
    }
    return 0;
  }
  const question = rest.join(' ');
  if (json) {
    process.stdout.write(`${JSON.stringify(answerAsJson(engine, question))}\n`);
  } else {
    const reply = await router.handle({
      ...consoleLineToInvocation(question),
      command: 'ask',
      options: { question },
    });
    process.stdout.write(`${renderReplyAsText(reply)}\n`);
  }
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`${error instanceof StoryLoadError ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
