import { createHash } from 'node:crypto';
import { isEnglishWord } from '../engine/english-words.ts';
import type { Entity, Fact, StoryFile, Topic } from './schema.ts';
import { informativeSentences } from './sentences.ts';

/**
 * A first pack for a new article, for an editor to finish: one fact per informative sentence with
 * its verbatim quote, entities from the names it uses, figures and dates as structured values, list
 * items as list facts, direct quotes with their speaker, topics from shared entities. Every fact is
 * marked `draft`: `npm run stories -- check` reports them, and the bot serves none until cleared.
 */
export function draftPack(text: string, slug: string, title: string): { pack: StoryFile; storyId: string } {
  const storyId = createHash('sha256').update(text).digest('hex').slice(0, 16);
  const sentences = informativeSentences(text);
  const entities = findEntities(sentences);
  const facts: Fact[] = [];
  const lines = text.split('\n');
  for (const [index, sentence] of sentences.entries()) {
    const named = entities.filter((e) => [e.name, ...e.aliases].some((alias) => mentions(sentence, alias)));
    const figures = findFigures(sentence);
    const when = findDate(sentence);
    const quoted = /“([^”]+)”/.exec(sentence)?.[1];
    const speaker = quoted ? named.find((e) => e.kind === 'person') : undefined;
    const isListItem = lines.some((line) => line.trim() === `- ${sentence}`);
    const subject = named[0]?.name;
    facts.push({
      id: `draft-${String(index + 1).padStart(3, '0')}`,
      kind: quoted ? 'quote' : figures.length > 0 ? 'figure' : isListItem ? 'list' : 'event',
      topics: [],
      entities: named.map((e) => e.id),
      statement: sentence,
      quote: sentence,
      questions: [
        subject
          ? `What does the article say about ${subject}?`
          : `What does the article say: “${sentence.split(' ').slice(0, 6).join(' ')}…”?`,
      ],
      keywords: [],
      answers: [figures.length > 0 ? 'how-much' : when ? 'when' : speaker ? 'who' : 'what'],
      ...(figures.length > 0 ? { figures } : {}),
      ...(when ? { when } : {}),
      ...(isListItem ? { items: [{ label: sentence }] } : {}),
      ...(speaker ? { speaker: speaker.id } : {}),
      stance: 'affirmed',
      draft: true,
    });
  }
  const topics = groupTopics(facts, entities);
  const disclaimer = sentences.find((s) => /^disclaimer\b/i.test(s)) ?? sentences.at(-1) ?? title;
  return {
    storyId,
    pack: {
      story: {
        id: storyId,
        seed: slug,
        title,
        disclaimer,
        summary: facts.slice(0, Math.min(5, facts.length)).map((f) => f.id),
        featured: facts.slice(0, 1).map((f) => f.id),
      },
      topics,
      entities,
      facts,
    },
  };
}

/** Whether a sentence names something, as a whole word. */
function mentions(sentence: string, name: string): boolean {
  return new RegExp(
    `(?<![\\p{L}\\p{N}])${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}\\p{N}])`,
    'u',
  ).test(sentence);
}

/**
 * The names in a run of capitalised words: a possessive ends one ("Acme’s AI" → Acme), a
 * title or role between two splits them ("Acme Vice President Jane Doe" → Acme, Jane Doe),
 * and an ordinary word opening a sentence is not part of one ("Despite Acme" → Acme).
 */
function nameParts(run: string, opensSentence: boolean): string[] {
  const cleaned = run
    .trim()
    .replace(/^the\s+/i, '')
    .replace(/[.,]+$/, '');
  const possessive = cleaned.split(/[’']s\b/)[0] as string;
  const parts: string[][] = [[]];
  for (const word of possessive.split(/\s+/)) {
    const bare = word.toLowerCase().replace(/[^\p{L}]/gu, '');
    if (TITLES.has(bare)) parts.push([]);
    else parts.at(-1)?.push(word.replace(/-based$/, ''));
  }
  return parts
    .map((words) => {
      while (opensSentence && words.length > 1 && isEnglishWord((words[0] as string).toLowerCase()))
        words.shift();
      return words.join(' ');
    })
    .filter((name) => name.length > 1);
}

const CALENDAR = new Set(
  'monday tuesday wednesday thursday friday saturday sunday january february march april may june july august september october november december'.split(
    ' ',
  ),
);
const TITLES = new Set([
  'mr',
  'mrs',
  'ms',
  'dr',
  'governor',
  'gov',
  'mayor',
  'president',
  'vice',
  'senator',
  'councillor',
  'councilor',
  'chief',
  'professor',
  'ceo',
  'chair',
  'chairman',
  'chairwoman',
  'director',
  'minister',
  'executive',
  'spokesperson',
]);

/**
 * Names: runs of capitalised words. A run at a sentence's start counts only when it is no ordinary
 * English word; a run seen once is kept (an article names things once), each with how often it
 * appears and its last word as a candidate alias (a person's surname).
 */
function findEntities(sentences: string[]): (Entity & { count: number })[] {
  const counts = new Map<string, number>();
  const WORD = "[\\p{Lu}][\\p{L}\\p{N}’'&.-]*";
  const NAME = new RegExp(`(?:the\\s+)?${WORD}(?:\\s+(?:(?:of|de)\\s+)?${WORD})*`, 'gu');
  for (const sentence of sentences) {
    for (const match of sentence.matchAll(NAME)) {
      for (const part of nameParts(match[0], match.index === 0)) {
        const atStart = match.index === 0 && match[0].startsWith(part);
        count(part, atStart);
      }
    }
  }
  function count(name: string, atStart: boolean): void {
    {
      const words = name.split(/\s+/);
      const ordinary = words.every((w) => isEnglishWord(w.toLowerCase().replace(/[^\p{L}]/gu, '')));
      const calendar = words.every((w) => CALENDAR.has(w.toLowerCase()));
      if (name.length < 2 || calendar || (ordinary && (atStart || words.length === 1))) return;
      counts.set(name, (counts.get(name) ?? 0) + 1);
    }
  }
  return [...counts]
    .sort((a, b) => b[1] - a[1])
    .map(([name, count]) => {
      const words = name.split(/\s+/);
      const person = words.length === 2 && words.every((w) => /^\p{Lu}\p{Ll}+$/u.test(w));
      const aliases = [name, ...(person ? [words[1] as string] : [])];
      return {
        id: name
          .toLowerCase()
          .replace(/[^\p{L}\p{N}]+/gu, '-')
          .replace(/^-|-$/g, ''),
        name,
        kind: person ? 'person' : 'organization',
        role: `named ${count} time${count === 1 ? '' : 's'} in the article (drafted)`,
        aliases,
        count,
      };
    });
}

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** Percentages, dollar amounts and year counts written in a sentence. */
function findFigures(sentence: string): NonNullable<Fact['figures']> {
  const figures: NonNullable<Fact['figures']> = [];
  for (const match of sentence.matchAll(/(over |nearly |almost |about |more than )?(\d+(?:\.\d+)?)\s?%/g)) {
    figures.push({
      label: `percentage in the sentence`,
      value: Number(match[2]),
      unit: 'percent',
      qualifier: qualifierOf(match[1]),
      text: match[0].trim(),
    });
  }
  for (const match of sentence.matchAll(
    /(over |nearly |almost |about |more than )?\$(\d+(?:[.,]\d+)*)\s?(million|billion|thousand)?/gi,
  )) {
    const scale = { thousand: 1e3, million: 1e6, billion: 1e9 }[(match[3] ?? '').toLowerCase()] ?? 1;
    figures.push({
      label: 'amount in the sentence',
      value: Number((match[2] as string).replace(/,/g, '')) * scale,
      unit: 'usd',
      qualifier: qualifierOf(match[1]),
      text: match[0].trim(),
    });
  }
  return figures;
}

function qualifierOf(word: string | undefined): 'exact' | 'over' | 'nearly' {
  const w = word?.trim().toLowerCase();
  if (w === 'over' || w === 'more than') return 'over';
  if (w === 'nearly' || w === 'almost' || w === 'about') return 'nearly';
  return 'exact';
}

/** A calendar date written in a sentence: "May 2024", "12 March 2026", "2023". */
function findDate(sentence: string): Fact['when'] | undefined {
  const monthYear = new RegExp(`\\b(${MONTHS.join('|')})\\s+(\\d{4})\\b`).exec(sentence);
  if (monthYear) {
    const month = String(MONTHS.indexOf(monthYear[1] as string) + 1).padStart(2, '0');
    return { label: monthYear[0], iso: `${monthYear[2]}-${month}`, precision: 'month' };
  }
  const year = /\b(?:in|since|by) (20\d{2}|19\d{2})\b/.exec(sentence);
  if (year) return { label: year[1] as string, iso: year[1] as string, precision: 'year' };
  return undefined;
}

/** Topics from shared entities: one per entity named in three facts or more, holding those facts. */
function groupTopics(facts: Fact[], entities: Entity[]): Topic[] {
  const topics: Topic[] = [];
  for (const entity of entities) {
    const about = facts.filter((f) => f.entities.includes(entity.id));
    if (about.length < 3 || topics.length >= 8) continue;
    topics.push({
      id: entity.id,
      name: entity.name,
      description: `What the article says of ${entity.name}.`,
      aliases: [],
    });
    for (const fact of about) fact.topics.push(entity.id);
  }
  if (topics.length === 0)
    topics.push({ id: 'story', name: 'The story', description: 'Everything in the article.', aliases: [] });
  for (const fact of facts) if (fact.topics.length === 0) fact.topics.push(topics[0]?.id as string);
  return topics;
}
