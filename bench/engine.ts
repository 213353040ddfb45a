/**
 * Engine benchmark: accuracy and time per question on the evaluation set, beside two baselines run
 * on the same questions in the same process: fuse.js over the article's sentences, and BM25
 * (minisearch) over the sentences. Each baseline gets its best abstention threshold (chosen on the
 * set itself, which flatters it). Prints one table.
 */

import { existsSync, readFileSync } from 'node:fs';
import { basename } from 'node:path';
import fc from 'fast-check';
import Fuse from 'fuse.js';
import MiniSearch from 'minisearch';
import { commands } from '../commands/index.ts';
import { renderReply } from '../src/adapters/discord/render.ts';
import { renderReplyAsBlocks } from '../src/adapters/slack/render.ts';
import { createCore } from '../src/app.ts';
import type { Reply } from '../src/core/reply.ts';
import { probability, reliability } from '../src/engine/calibration.ts';
import { QueryEngine } from '../src/engine/engine.ts';
import { StoryLibrary } from '../src/engine/library.ts';
import { DEFAULT_STORY_SLUG, loadStory } from '../src/knowledge/load-story.ts';
import { informativeSentences } from '../src/knowledge/sentences.ts';
import { hostileInput } from '../tests/fixtures/hostile-inputs.ts';
import {
  crossValidated,
  developmentSamples,
  HELD_OUT_SETS,
  heldOutSamples,
  printReliability,
} from './calibration-data.ts';
import { quantile } from './common.ts';
import { answers, answerText, isRight, loadSealedSet, type SealedItem, wilson } from './sealed-set.ts';

interface EvalQuestion {
  q: string;
  expect: string | string[] | null;
}

const REPEATS = Number(process.env.BENCH_REPEATS ?? 20);
/** When set, only the question sets whose file name contains it are scored (the timing tables still run). */
const ONLY_SETS = process.env.BENCH_SETS ?? '';
const SETS = [
  ['evaluation set', 'tests/fixtures/eval-questions.json'],
  ['second set (written without seeing the engine)', 'tests/fixtures/holdout-questions.json'],
] as const;
let questions: EvalQuestion[] = [];
// Timed without the answer cache: each repeat of a question is answered from the facts again.
const { engine, story } = createCore({ commands, engine: new QueryEngine(loadStory(), { answerCache: 0 }) });
const sentences = informativeSentences(story.text);

/** A system under test: a question in, the fact it answers with (or null) and a score out. */
type Answerer = (question: string) => { sentence: string | null; factId: string | null; score: number };

/** A baseline's sentence is right when it lies in (or contains) the quote of an expected fact. */
function sentenceMatches(sentence: string, factIds: string[]): boolean {
  return factIds.some((id) => {
    const quote = story.factsById.get(id)?.quote ?? '';
    return quote.includes(sentence) || sentence.includes(quote);
  });
}

function measure(answer: Answerer) {
  const times: number[] = [];
  for (const { q } of questions) answer(q); // warm up
  const outcomes = questions.map(({ q }) => answer(q));
  for (let r = 0; r < REPEATS; r++) {
    for (const { q } of questions) {
      const start = performance.now();
      answer(q);
      times.push(performance.now() - start);
    }
  }
  times.sort((a, b) => a - b);
  return { outcomes, median: quantile(times, 0.5), p99: quantile(times, 0.99) };
}

function accuracyAt(outcomes: ReturnType<Answerer>[], threshold: number, bySentence: boolean): number {
  let right = 0;
  questions.forEach(({ expect }, i) => {
    const outcome = outcomes[i] as ReturnType<Answerer>;
    const allowed = expect === null ? [] : [expect].flat();
    const answers = outcome.score >= threshold && (bySentence ? outcome.sentence : outcome.factId) !== null;
    if (!answers) right += allowed.length === 0 ? 1 : 0;
    else if (bySentence) right += outcome.sentence && sentenceMatches(outcome.sentence, allowed) ? 1 : 0;
    else right += allowed.includes(outcome.factId as string) ? 1 : 0;
  });
  return right / questions.length;
}

function bestThreshold(outcomes: ReturnType<Answerer>[]): { threshold: number; accuracy: number } {
  const candidates = [...new Set(outcomes.map((o) => o.score)), Number.POSITIVE_INFINITY];
  let best = { threshold: 0, accuracy: 0 };
  for (const threshold of candidates) {
    const accuracy = accuracyAt(outcomes, threshold, true);
    if (accuracy > best.accuracy) best = { threshold, accuracy };
  }
  return best;
}

const engineAnswerer: Answerer = (q) => {
  const r = engine.ask(q);
  return r.answered
    ? { sentence: r.quote, factId: r.fact.id, score: r.confidence }
    : { sentence: null, factId: null, score: 0 };
};

/** fuse.js over an article's sentences: the best sentence, scored. */
function fuseOver(texts: string[]): Answerer {
  const fuse = new Fuse(texts, { includeScore: true, ignoreLocation: true, threshold: 0.8 });
  return (q) => {
    const [top] = fuse.search(q.slice(0, 500), { limit: 1 });
    return top
      ? { sentence: top.item, factId: null, score: 1 - (top.score ?? 1) }
      : { sentence: null, factId: null, score: 0 };
  };
}

/** BM25 (minisearch) over an article's sentences: the best sentence, scored. */
function bm25Over(texts: string[]): Answerer {
  const mini = new MiniSearch<{ id: number; text: string }>({ fields: ['text'], storeFields: ['text'] });
  mini.addAll(texts.map((text, id) => ({ id, text })));
  return (q) => {
    const [top] = mini.search(q, { fuzzy: 0.2, prefix: true });
    return top
      ? { sentence: top.text as string, factId: null, score: top.score }
      : { sentence: null, factId: null, score: 0 };
  };
}

const fuseAnswerer = fuseOver(sentences);
const bm25Answerer = bm25Over(sentences);

for (const [setName, path] of SETS) {
  questions = JSON.parse(readFileSync(path, 'utf8'));
  report(setName);
}
await sealedReport('tests/fixtures/sealed-questions.json', DEFAULT_STORY_SLUG, true);
// The third development set (chat style, written from the article alone): tune on it freely.
await sealedReport('tests/fixtures/dev-questions-3.json', DEFAULT_STORY_SLUG, false, 'development');
// The second sealed set of the default story (200 questions, 20 dialogues), committed before any use.
await sealedReport('tests/fixtures/sealed-questions-2.json', DEFAULT_STORY_SLUG, true);
// The third sealed set of the default story and the tram story's second, committed before any use.
await sealedReport('tests/fixtures/sealed-questions-3.json', DEFAULT_STORY_SLUG, true);
await sealedReport(
  'tests/fixtures/vellmouth-council-approves-tram-line-sealed-questions-2.json',
  'vellmouth-council-approves-tram-line',
  true,
);
await sealedReport(
  'tests/fixtures/vellmouth-council-approves-tram-line-sealed-questions.json',
  'vellmouth-council-approves-tram-line',
  false,
);
// The fourth sealed set of the default story and the tram story's third, committed before any use.
await sealedReport('tests/fixtures/sealed-questions-4.json', DEFAULT_STORY_SLUG, false);
await sealedReport(
  'tests/fixtures/vellmouth-council-approves-tram-line-sealed-questions-3.json',
  'vellmouth-council-approves-tram-line',
  true,
);
// The fifth sealed set of the default story and the tram story's fourth, committed before the
// last two rounds of tuning: read once, at their end.
await sealedReport('tests/fixtures/sealed-questions-5.json', DEFAULT_STORY_SLUG, true);
await sealedReport(
  'tests/fixtures/vellmouth-council-approves-tram-line-sealed-questions-4.json',
  'vellmouth-council-approves-tram-line',
  true,
);
// The eighth sealed set of the default story (200 questions, 60 not answerable, 40 dialogues) and the
// tram story's seventh, committed before the tuning they measure. (The sixth and seventh and the tram
// story's fifth and sixth, each read once, are development sets now.)
await sealedReport('tests/fixtures/sealed-questions-8.json', DEFAULT_STORY_SLUG, true);
await sealedReport(
  'tests/fixtures/vellmouth-council-approves-tram-line-sealed-questions-7.json',
  'vellmouth-council-approves-tram-line',
  true,
);
// Later development sets (chat style, written from the article alone), when present: tune on them freely.
for (const [path, slug] of [
  ['tests/fixtures/dev-questions-4.json', DEFAULT_STORY_SLUG],
  [
    'tests/fixtures/vellmouth-council-approves-tram-line-dev-questions-2.json',
    'vellmouth-council-approves-tram-line',
  ],
  ['tests/fixtures/dev-questions-5.json', DEFAULT_STORY_SLUG],
  [
    'tests/fixtures/vellmouth-council-approves-tram-line-dev-questions-3.json',
    'vellmouth-council-approves-tram-line',
  ],
  ['tests/fixtures/dev-questions-6.json', DEFAULT_STORY_SLUG],
  [
    'tests/fixtures/vellmouth-council-approves-tram-line-dev-questions-4.json',
    'vellmouth-council-approves-tram-line',
  ],
  ['tests/fixtures/dev-questions-7.json', DEFAULT_STORY_SLUG],
  [
    'tests/fixtures/vellmouth-council-approves-tram-line-dev-questions-5.json',
    'vellmouth-council-approves-tram-line',
  ],
] as const) {
  if (existsSync(path)) await sealedReport(path, slug, false, 'development');
}
// The held-out sets: new questions that no tuning reads (their misses are never listed), scored on
// every run without spending a sealed set; calibration is checked on them too.
for (const [slug, paths] of Object.entries(HELD_OUT_SETS))
  for (const path of paths) if (existsSync(path)) await sealedReport(path, slug, false, 'held-out');
await hostileReport();
console.log(`process RSS ${(process.memoryUsage().rss / 1024 / 1024).toFixed(0)} MiB`);

/** Times 10,000 generated hostile inputs through the router and both renderers; shows the slowest. */
async function hostileReport(): Promise<void> {
  const inputs = fc.sample(hostileInput, { numRuns: 10_000, seed: 20261129 });
  const { dispatcher } = createCore({ commands });
  const timed: { ms: number; text: string }[] = [];
  for (const text of inputs) {
    const start = performance.now();
    const reply = await dispatcher.answer({
      platform: 'discord',
      source: 'mention',
      command: '',
      text,
      options: {},
      user: { id: 'bench', isAdmin: false },
      channelId: 'bench',
    });
    renderReply(reply);
    renderReplyAsBlocks(reply);
    timed.push({ ms: performance.now() - start, text });
  }
  const times = timed.map((t) => t.ms).sort((a, b) => a - b);
  const slowest = timed.reduce((a, b) => (b.ms > a.ms ? b : a));
  console.log(
    `\n## hostile input: ${inputs.length} generated inputs through router, engine and both renderers\n`,
  );
  console.log(
    `median ${quantile(times, 0.5).toFixed(4)} ms, p99 ${quantile(times, 0.99).toFixed(4)} ms, slowest ${slowest.ms.toFixed(3)} ms ` +
      `(${slowest.text.length} characters: ${JSON.stringify(slowest.text.slice(0, 60))}…)`,
  );
}

function report(setName: string): void {
  const engineRun = measure(engineAnswerer);
  const fuseRun = measure(fuseAnswerer);
  const bm25Run = measure(bm25Answerer);
  const engineAccuracy = accuracyAt(engineRun.outcomes, 0, false);
  const fuseBest = bestThreshold(fuseRun.outcomes);
  const bm25Best = bestThreshold(bm25Run.outcomes);

  const rows = [
    ['ai-news engine (facts)', engineAccuracy, engineRun.median, engineRun.p99],
    ['fuse.js over sentences', fuseBest.accuracy, fuseRun.median, fuseRun.p99],
    ['BM25 over sentences (minisearch)', bm25Best.accuracy, bm25Run.median, bm25Run.p99],
  ] as const;

  const answerable = questions.filter((q) => q.expect !== null).length;
  console.log(
    `\n## ${setName}: ${questions.length} questions (${answerable} answerable, ${questions.length - answerable} not), ${REPEATS} timed repeats each; ${sentences.length} sentences for the baselines\n`,
  );
  console.log('| system | accuracy | median ms/question | p99 ms/question |');
  console.log('|---|---|---|---|');
  for (const [name, accuracy, median, p99] of rows) {
    console.log(`| ${name} | ${(accuracy * 100).toFixed(1)}% | ${median.toFixed(4)} | ${p99.toFixed(4)} |`);
  }
  console.log(
    `\nengine vs BM25: accuracy ×${(engineAccuracy / bm25Best.accuracy).toFixed(2)}, median time ×${(engineRun.median / bm25Run.median).toFixed(2)}` +
      `\nengine vs fuse.js: accuracy ×${(engineAccuracy / fuseBest.accuracy).toFixed(2)}, median time ×${(engineRun.median / fuseRun.median).toFixed(2)}`,
  );
}

/**
 * The sealed set, scored by its own labels: the whole bot (dispatcher, conversation, commands) on
 * single questions and on dialogues, beside the two baselines, which answer with a sentence and get
 * their best abstention threshold chosen on the set itself (which flatters them).
 */
async function sealedReport(
  path: string,
  slug: string,
  withCalibration: boolean,
  kind: 'sealed' | 'development' | 'held-out' = 'sealed',
): Promise<void> {
  if (!basename(path).includes(ONLY_SETS)) return;
  // Misses are shown for development sets only (BENCH_SHOW_MISSES=1): a sealed or held-out set is never read.
  const showMisses = kind === 'development' && process.env.BENCH_SHOW_MISSES === '1';
  const miss = (item: SealedItem, reply: Reply, where: string) => {
    if (!showMisses) return;
    const text = answers(reply) ? answerText(reply).replace(/\s+/g, ' ').slice(0, 220) : `(${reply.kind})`;
    console.log(
      `MISS ${where} ${item.id ?? ''} [${item.answerable ? item.mustMatch?.join(' & ') : 'unanswerable'}] ${item.question}\n     → ${text}`,
    );
  };
  const sealed = loadSealedSet(path);
  const library = StoryLibrary.load(slug);
  const { dispatcher } = createCore({ commands, stories: library });
  const articleSentences = informativeSentences(library.engine().story.text);
  const [fuseHere, bm25Here] = [fuseOver(articleSentences), bm25Over(articleSentences)];
  let conversation = 0;
  const ask = async (question: string, user: string) =>
    dispatcher.answer({
      platform: 'console',
      source: 'cli',
      command: '',
      text: question,
      options: {},
      user: { id: user, isAdmin: false },
      channelId: 'sealed',
    });
  let singleRight = 0;
  const engineTimes: number[] = [];
  const calibration: { confidence: number; right: boolean }[] = [];
  for (const item of sealed.questions) {
    const start = performance.now();
    const reply = await ask(item.question, `q${++conversation}`);
    engineTimes.push(performance.now() - start);
    const right = isRight(item, answers(reply) ? answerText(reply) : null);
    if (right) singleRight += 1;
    else miss(item, reply, 'question');
    // Answers and hedged answers count in calibration; abstentions do not.
    if (reply.kind === 'answer' && reply.confidence !== undefined)
      calibration.push({ confidence: reply.confidence, right });
  }
  const turns = sealed.dialogues.flatMap((d) => d.turns);
  let turnRight = 0;
  for (const dialogue of sealed.dialogues) {
    const user = `d${++conversation}`;
    for (const turn of dialogue.turns) {
      const reply = await ask(turn.question, user);
      if (isRight(turn, answers(reply) ? answerText(reply) : null)) turnRight += 1;
      else miss(turn, reply, `dialogue ${dialogue.id}`);
    }
  }
  const baseline = (answerer: Answerer, items: SealedItem[]) => {
    const outcomes = items.map((item) => answerer(item.question));
    const candidates = [...new Set(outcomes.map((o) => o.score)), Number.POSITIVE_INFINITY];
    let best = 0;
    for (const threshold of candidates) {
      const right = items.filter((item, i) => {
        const o = outcomes[i] as ReturnType<Answerer>;
        return isRight(item, o.score >= threshold ? o.sentence : null);
      }).length;
      best = Math.max(best, right);
    }
    return best;
  };
  engineTimes.sort((a, b) => a - b);
  const unanswerable = sealed.questions.filter((q) => !q.answerable).length;
  console.log(
    `\n## ${kind} set ${basename(path)} (${slug}): ${sealed.questions.length} questions (${unanswerable} not answerable) and ${sealed.dialogues.length} dialogues (${turns.length} turns), written from the article alone\n`,
  );
  console.log('| system | questions | 95% interval | dialogue turns |');
  console.log('|---|---|---|---|');
  const row = (name: string, right: number, dialogueRight: number) =>
    console.log(
      `| ${name} | ${((right / sealed.questions.length) * 100).toFixed(1)}% (${right}/${sealed.questions.length}) | ${wilson(right, sealed.questions.length)} | ${turns.length === 0 ? '–' : `${((dialogueRight / turns.length) * 100).toFixed(1)}% (${dialogueRight}/${turns.length})`} |`,
    );
  row('ai-news bot (whole dispatcher path)', singleRight, turnRight);
  row(
    'fuse.js over sentences (best threshold)',
    baseline(fuseHere, sealed.questions),
    baseline(fuseHere, turns),
  );
  row(
    'BM25 over sentences (best threshold)',
    baseline(bm25Here, sealed.questions),
    baseline(bm25Here, turns),
  );
  console.log(`\nbot median ${quantile(engineTimes, 0.5).toFixed(4)} ms/question through the dispatcher`);
  if (!withCalibration) return;
  console.log(`\n### calibration on the sealed set: ${calibration.length} answers\n`);
  printReliability(reliability(calibration), calibration);
  const engine = new QueryEngine({ ...library.engine().story, calibration: undefined });
  const development = crossValidated(developmentSamples(engine, slug), 5);
  console.log(
    `\n### calibration on the development sets (5-fold cross-validated): ${development.length} answers\n`,
  );
  printReliability(reliability(development), development);
  // The shipped calibration on the story's held-out sets: new questions, as the sealed set's are.
  const shipped = library.engine().story.calibration;
  const heldOut = heldOutSamples(engine, slug).map(({ evidence, right }) => ({
    confidence: shipped ? probability(shipped, evidence) : 0,
    right,
  }));
  console.log(`\n### calibration on the held-out sets, never tuned on: ${heldOut.length} answers\n`);
  printReliability(reliability(heldOut), heldOut);
}
