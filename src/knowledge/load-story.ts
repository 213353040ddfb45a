import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { z } from 'zod';
import { packageRoot } from '../package-root.ts';
import {
  type Calibration,
  CalibrationSchema,
  type Entity,
  type Fact,
  type SeedMeta,
  SeedMetaSchema,
  type StoryFile,
  StoryFileSchema,
  type Topic,
} from './schema.ts';

/** A story ready for the engine: its seed text, validated facts and lookup tables. */
export interface Story {
  id: string;
  slug: string;
  title: string;
  disclaimer: string;
  /** The article exactly as published. */
  text: string;
  facts: Fact[];
  factsById: Map<string, Fact>;
  entities: Entity[];
  entitiesById: Map<string, Entity>;
  topics: Topic[];
  topicsById: Map<string, Topic>;
  summaryFactIds: string[];
  featuredFactIds: string[];
  /** The topic whose figures a scheduled summary's chart shows, when the pack names one. */
  figuresTopic?: string;
  /** The story's own synonym groups and phrases (see VocabularySchema). */
  vocabulary: { synonyms: string[][]; phrases: { phrase: string; means: string }[] };
  /** How many of its facts are drafts, not served yet. */
  drafts: number;
  /** Its development questions, when its metadata names them. */
  devQuestions?: string;
  /** When the article was published (ISO date), when its metadata says. */
  published?: string;
  /** How the engine's scores become probabilities for this story, when it has been fitted. */
  calibration?: Calibration;
}

/** Raised when the data or seed of a story is invalid; the message names what is wrong. */
export class StoryLoadError extends Error {
  override name = 'StoryLoadError';
}

export const DEFAULT_STORY_SLUG = 'alibaba-denies-deepseek-investment';

function readJson(path: string): unknown {
  let raw: string;
  try {
    raw = readFileSync(path, 'utf8');
  } catch (error) {
    throw new StoryLoadError(`cannot read ${path}: ${(error as Error).message}`);
  }
  try {
    return JSON.parse(raw);
  } catch (error) {
    throw new StoryLoadError(`${path} is not valid JSON: ${(error as Error).message}`);
  }
}

function parseWith<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const result = schema.safeParse(value);
  if (!result.success) {
    const issues = result.error.issues.map(
      (issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`,
    );
    throw new StoryLoadError(`${what} is invalid:\n  ${issues.join('\n  ')}`);
  }
  return result.data;
}

// What may stand before a sentence on its line: nothing (or a list marker), or a sentence's end,
// closing quotes and brackets allowed.
const LINE_START = /^[ \t]*(?:(?:[-*•]|\p{Extended_Pictographic})[ \t]+)?$/u;
const AFTER_SENTENCE_END = /[.?!…][”"’)\]]*[ \t]+$/u;
const SENTENCE_OPENING = /^[\p{Lu}\p{N}“"‘']/u;

/**
 * Whether a quote begins where a sentence of the seed begins: with a capital letter, a figure or an
 * opening quote, at the start of a line or right after a sentence's end. A quote starting mid-sentence
 * reads as if the article said its words on their own.
 */
export function quoteStartsSentence(seedText: string, quote: string): boolean {
  if (quote.length === 0 || !SENTENCE_OPENING.test(quote)) return false;
  for (let at = seedText.indexOf(quote); at >= 0; at = seedText.indexOf(quote, at + 1)) {
    const line = seedText.slice(seedText.lastIndexOf('\n', at - 1) + 1, at);
    if (LINE_START.test(line) || AFTER_SENTENCE_END.test(line)) return true;
  }
  return false;
}

/** Checks every cross-reference and every quote against the seed; returns the problems found. */
export function findStoryProblems(file: StoryFile, seedText: string, meta: SeedMeta): string[] {
  const problems: string[] = [];
  const entityIds = new Set(file.entities.map((e) => e.id));
  const topicIds = new Set(file.topics.map((t) => t.id));
  const factIds = new Set<string>();
  if (meta.storyId !== file.story.id) {
    problems.push(`story id ${file.story.id} does not match the seed metadata (${meta.storyId})`);
  }
  if (!seedText.includes(file.story.disclaimer))
    problems.push('the story disclaimer is not verbatim in the seed');
  for (const entity of file.entities) {
    if (entity.parent && !entityIds.has(entity.parent)) {
      problems.push(`entity "${entity.id}": unknown parent "${entity.parent}"`);
    }
  }
  for (const fact of file.facts) {
    const where = `fact "${fact.id}"`;
    if (factIds.has(fact.id)) problems.push(`${where} is defined twice`);
    factIds.add(fact.id);
    if (!seedText.includes(fact.quote))
      problems.push(`${where}: its quote is not found verbatim in the seed`);
    else if (!quoteStartsSentence(seedText, fact.quote))
      problems.push(`${where}: its quote does not start at the start of a sentence of the seed`);
    for (const id of fact.entities) if (!entityIds.has(id)) problems.push(`${where}: unknown entity "${id}"`);
    for (const id of fact.topics) if (!topicIds.has(id)) problems.push(`${where}: unknown topic "${id}"`);
    for (const [word, ids] of Object.entries(fact.bound ?? {})) {
      for (const id of ids)
        if (!entityIds.has(id)) problems.push(`${where}: "${word}" is bound to unknown entity "${id}"`);
    }
    for (const ref of [fact.speaker, fact.claimedBy, ...(fact.items ?? []).map((i) => i.entity)]) {
      if (ref && !entityIds.has(ref)) problems.push(`${where}: unknown entity "${ref}"`);
    }
    if (fact.kind === 'list' && !fact.items?.length) problems.push(`${where}: a list fact needs items`);
    if (fact.stance === 'claimed' && !fact.claimedBy)
      problems.push(`${where}: a claimed fact needs claimedBy`);
    if (fact.timeline && !fact.when) problems.push(`${where}: a timeline entry needs a when`);
    if (fact.stance === 'denied' && !fact.negates?.length)
      problems.push(`${where}: a denied fact needs negates`);
  }
  if (file.story.figuresTopic && !topicIds.has(file.story.figuresTopic))
    problems.push(`story figuresTopic names unknown topic "${file.story.figuresTopic}"`);
  for (const id of [...file.story.summary, ...file.story.featured]) {
    if (!factIds.has(id)) problems.push(`story summary/featured names unknown fact "${id}"`);
  }
  return problems;
}

/** Builds a Story from already-read data; throws StoryLoadError naming every problem. */
export function buildStory(data: unknown, seedText: string, metaData: unknown): Story {
  const meta = parseWith(SeedMetaSchema, metaData, 'seed metadata');
  const file = parseWith(StoryFileSchema, data, `data for story ${meta.slug}`);
  const problems = findStoryProblems(file, seedText, meta);
  if (problems.length > 0) {
    throw new StoryLoadError(`story ${meta.slug} failed to load:\n  ${problems.join('\n  ')}`);
  }
  return {
    id: file.story.id,
    slug: meta.slug,
    title: file.story.title,
    disclaimer: file.story.disclaimer,
    text: seedText,
    // A drafted fact is not served until an editor has cleared it.
    facts: file.facts.filter((f) => !f.draft),
    factsById: new Map(file.facts.filter((f) => !f.draft).map((f) => [f.id, f])),
    drafts: file.facts.filter((f) => f.draft).length,
    entities: file.entities,
    entitiesById: new Map(file.entities.map((e) => [e.id, e])),
    topics: file.topics,
    topicsById: new Map(file.topics.map((t) => [t.id, t])),
    ...(meta.published ? { published: meta.published } : {}),
    ...(meta.devQuestions ? { devQuestions: meta.devQuestions } : {}),
    summaryFactIds: file.story.summary,
    featuredFactIds: file.story.featured,
    ...(file.story.figuresTopic ? { figuresTopic: file.story.figuresTopic } : {}),
    vocabulary: file.vocabulary ?? { synonyms: [], phrases: [] },
  };
}

/** Loads `data/<slug>.json` and `seeds/<slug>.{txt,json}` from the package root (or the given root). */
export function loadStory(slug = DEFAULT_STORY_SLUG, root = packageRoot()): Story {
  const metaData = readJson(join(root, 'seeds', `${slug}.json`));
  const meta = parseWith(SeedMetaSchema, metaData, `seeds/${slug}.json`);
  let seedText: string;
  try {
    seedText = readFileSync(join(root, 'seeds', meta.file), 'utf8');
  } catch (error) {
    throw new StoryLoadError(`cannot read the seed seeds/${meta.file}: ${(error as Error).message}`);
  }
  const story = buildStory(readJson(join(root, 'data', `${slug}.json`)), seedText, metaData);
  const calibrationPath = join(root, 'data', `${slug}.calibration.json`);
  if (!existsSync(calibrationPath)) return story;
  const calibration = parseWith(
    CalibrationSchema,
    readJson(calibrationPath),
    `data/${slug}.calibration.json`,
  );
  return { ...story, calibration };
}

/** The slugs of every story the project ships: a seed's metadata (seeds/<slug>.json) beside its facts (data/<slug>.json). */
export function storySlugs(root = packageRoot()): string[] {
  let seeds: string[];
  try {
    seeds = readdirSync(join(root, 'seeds'));
  } catch {
    return [];
  }
  return seeds
    .filter((file) => file.endsWith('.json') && existsSync(join(root, 'data', file)))
    .map((file) => file.slice(0, -'.json'.length))
    .sort();
}
