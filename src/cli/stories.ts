import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { QueryEngine } from '../engine/engine.ts';
import { articleText, checkArticleSize, DraftInputError, draftPack } from '../knowledge/draft.ts';
import { loadStory, type Story, StoryLoadError, storySlugs } from '../knowledge/load-story.ts';
import { informativeSentences } from '../knowledge/sentences.ts';
import { packageRoot } from '../package-root.ts';

const USAGE = `Usage:
  npm run stories -- list            each story: slug, title, facts, and how much of its article they quote
  npm run stories -- draft <article.txt> --slug <slug> --title "…"
                                     drafts a pack from a new article, every fact marked draft
  npm run stories -- check [slug]    checks every story (or one): it loads, its facts cover its article,
                                     no question is claimed by two facts, its evaluation questions are
                                     answered as expected; exits 1 on a problem`;

/** The least share of its development questions a story's engine must answer right. */
const EVALUATION_BAR = 0.95;

/** The share of the article's informative sentences that some fact quotes (in part or whole). */
export function coverage(story: Story): { covered: number; total: number; missing: string[] } {
  const sentences = informativeSentences(story.text);
  const missing = sentences.filter(
    (sentence) => !story.facts.some((f) => f.quote.includes(sentence) || sentence.includes(f.quote)),
  );
  return { covered: sentences.length - missing.length, total: sentences.length, missing };
}

/** Alternate questions two facts both claim: the engine cannot tell which one they ask for. */
export function sharedQuestions(story: Story): string[] {
  const owner = new Map<string, string>();
  const shared: string[] = [];
  for (const fact of story.facts) {
    for (const question of fact.questions) {
      const key = question
        .toLowerCase()
        .replace(/[^\p{L}\p{N} ]/gu, '')
        .trim();
      const first = owner.get(key);
      if (first && first !== fact.id)
        shared.push(`data/${story.slug}.json: facts ${first} and ${fact.id}: questions: “${question}”`);
      else owner.set(key, fact.id);
    }
  }
  return shared;
}

/** The story's development questions the engine gets wrong, and how many there are. */
export function evaluate(
  story: Story,
  root = packageRoot(),
): { wrong: string[]; total: number; file?: string } {
  // Named by the seed's metadata; by convention tests/fixtures/<slug>-dev-questions.json.
  const file = story.devQuestions ?? `tests/fixtures/${story.slug}-dev-questions.json`;
  if (!existsSync(join(root, file))) return { wrong: [], total: 0 };
  const questions = JSON.parse(readFileSync(join(root, file), 'utf8')) as {
    q: string;
    expect: string | string[] | null;
  }[];
  const engine = new QueryEngine(story);
  const wrong: string[] = [];
  for (const { q, expect } of questions) {
    const allowed = expect === null ? [] : [expect].flat();
    const result = engine.ask(q);
    const right = result.answered ? allowed.includes(result.fact.id) : allowed.length === 0;
    if (!right)
      wrong.push(
        `“${q}” → ${result.answered ? result.fact.id : 'no answer'} (expected ${allowed.join(' or ') || 'no answer'})`,
      );
  }
  return { wrong, total: questions.length, file };
}

/** Everything wrong with one story, as lines naming the file and the fact; empty when it is fine. */
export function checkStory(slug: string, root = packageRoot()): { problems: string[]; notes: string[] } {
  let story: Story;
  try {
    story = loadStory(slug, root);
  } catch (error) {
    if (error instanceof StoryLoadError) {
      // Each problem with the file it is in: the facts' file unless the line names a seed.
      const lines = error.message
        .split('\n')
        .slice(1)
        .map((line) => line.trim())
        .filter(Boolean);
      const problems = (lines.length > 0 ? lines : [error.message]).map((line) =>
        /seeds\//.test(line) ? line : `data/${slug}.json: ${line}`,
      );
      return { problems, notes: [] };
    }
    throw error;
  }
  const problems: string[] = [...sharedQuestions(story)];
  if (story.drafts > 0)
    problems.push(
      `data/${slug}.json: ${story.drafts} drafted fact(s) to check and clear ("draft": true); the bot does not serve them`,
    );
  const notes: string[] = [];
  const { covered, total, missing } = coverage(story);
  for (const sentence of missing) notes.push(`seeds/${slug}.txt: no fact quotes “${sentence.slice(0, 80)}”`);
  notes.unshift(`${covered}/${total} informative sentences quoted by facts`);
  const evaluation = evaluate(story, root);
  if (evaluation.file) {
    const share = 1 - evaluation.wrong.length / evaluation.total;
    const line = `${evaluation.file}: ${evaluation.total - evaluation.wrong.length}/${evaluation.total} answered as expected (${(share * 100).toFixed(1)}%)`;
    if (share < EVALUATION_BAR) problems.push(`${line}, under the ${EVALUATION_BAR * 100}% bar`);
    else notes.push(line);
    for (const miss of evaluation.wrong) notes.push(`${evaluation.file}: ${miss}`);
  }
  return { problems, notes };
}

function main(argv: string[]): number {
  const [verb, slug] = argv;
  const slugs = storySlugs();
  if (verb === 'list') {
    for (const each of slugs) {
      const story = loadStory(each);
      const { covered, total } = coverage(story);
      process.stdout.write(
        `${each}\n  ${story.title}\n  ${story.facts.length} facts; quote ${covered} of ${total} informative sentences (${Math.round((covered / Math.max(1, total)) * 100)}%)\n`,
      );
    }
    return 0;
  }
  if (verb === 'draft') {
    const article = slug;
    const option = (name: string) => {
      const at = argv.indexOf(name);
      return at > 0 ? argv[at + 1] : undefined;
    };
    const newSlug = option('--slug');
    const title = option('--title');
    if (!article || !newSlug || !title || !/^[a-z0-9]+(-[a-z0-9]+)*$/.test(newSlug)) {
      process.stderr.write(`${USAGE}\n`);
      return 2;
    }
    const root = packageRoot();
    const paths = [`seeds/${newSlug}.txt`, `seeds/${newSlug}.json`, `data/${newSlug}.json`];
    const taken = paths.filter((path) => existsSync(join(root, path)));
    if (taken.length > 0) {
      process.stderr.write(`Not overwriting ${taken.join(', ')}: choose another slug.\n`);
      return 1;
    }
    let text: string;
    try {
      if (!existsSync(article) || !statSync(article).isFile())
        throw new DraftInputError(`There is no file ${article}.`);
      checkArticleSize(statSync(article).size, article);
      text = articleText(readFileSync(article), article);
    } catch (error) {
      if (!(error instanceof DraftInputError)) throw error;
      process.stderr.write(`${error.message}\n`);
      return 1;
    }
    const { pack, storyId } = draftPack(text, newSlug, title);
    writeFileSync(join(root, paths[0] as string), text);
    const meta = { storyId, slug: newSlug, title, file: `${newSlug}.txt`, language: 'en' };
    writeFileSync(join(root, paths[1] as string), `${JSON.stringify(meta, null, 2)}\n`);
    writeFileSync(join(root, paths[2] as string), `${JSON.stringify(pack, null, 2)}\n`);
    process.stdout.write(
      `Drafted ${pack.facts.length} facts, ${pack.entities.length} entities and ${pack.topics.length} topics into ${paths.join(', ')}.\n` +
        'Every fact is marked "draft": check and correct each, remove the mark, then run npm run stories -- check.\n',
    );
    return 0;
  }
  if (verb === 'check') {
    const chosen = slug ? [slug] : slugs;
    if (slug && !slugs.includes(slug)) {
      process.stderr.write(`There is no story “${slug}”; the stories are ${slugs.join(', ')}.\n`);
      return 1;
    }
    let failed = false;
    for (const each of chosen) {
      const { problems, notes } = checkStory(each);
      process.stdout.write(`${each}: ${problems.length === 0 ? 'ok' : `${problems.length} problem(s)`}\n`);
      for (const problem of problems) process.stdout.write(`  ✗ ${problem}\n`);
      for (const note of notes) process.stdout.write(`  · ${note}\n`);
      failed ||= problems.length > 0;
    }
    return failed ? 1 : 0;
  }
  process.stderr.write(`${USAGE}\n`);
  return verb === undefined || verb === '--help' ? 0 : 2;
}

process.exitCode = main(process.argv.slice(2));
