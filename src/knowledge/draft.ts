import { createHash } from 'node:crypto';
import { findEntities, SPEECH } from './draft-names.ts';
import type { Entity, Fact, StoryFile, Topic } from './schema.ts';
import { informativeSentences } from './sentences.ts';

/** The largest article the drafter reads: a news article is a few thousand words. */
export const MAX_ARTICLE_BYTES = 512 * 1024;

/** An article the drafter cannot read, with what is wrong with it. */
export class DraftInputError extends Error {}

/** Refuses an article too large to be one, before it is read. */
export function checkArticleSize(bytes: number, name = 'the article'): void {
  if (bytes > MAX_ARTICLE_BYTES)
    throw new DraftInputError(
      `${name} is ${Math.ceil(bytes / 1024)} KB; the drafter reads articles up to ${MAX_ARTICLE_BYTES / 1024} KB.`,
    );
}

/**
 * The article's text, or a DraftInputError saying why it is none: empty, too large, binary (NUL
 * bytes or not UTF-8), or without a sentence to draft a fact from.
 */
export function articleText(bytes: Uint8Array, name = 'the article'): string {
  checkArticleSize(bytes.length, name);
  if (bytes.includes(0)) throw new DraftInputError(`${name} is a binary file, not plain text.`);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new DraftInputError(`${name} is not UTF-8 text.`);
  }
  text = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  if (text.trim().length === 0) throw new DraftInputError(`${name} is empty.`);
  if (informativeSentences(text).length === 0)
    throw new DraftInputError(
      `${name} has no sentence to draft from: its first line is the title, and the body's lines end in . ? ! or a closing quote, list items start with "- ".`,
    );
  return text;
}

/**
 * A first pack for a new article, for an editor to finish: one fact per informative sentence with
 * its verbatim quote, entities from the names it uses, figures and dates as structured values, list
 * items as list facts, direct quotes with their speaker, topics from shared entities. Every fact is
 * marked `draft`: `npm run stories -- check` reports them, and the bot serves none until cleared.
 */
export function draftPack(text: string, slug: string, title: string): { pack: StoryFile; storyId: string } {
  const storyId = createHash('sha256').update(text).digest('hex').slice(0, 16);
  const sentences = informativeSentences(text);
  if (sentences.length === 0) throw new DraftInputError('The article has no sentence to draft from.');
  const entities = findEntities(sentences, text);
  // The schema wants an entity; an article that names nothing gets its title as one, for the editor.
  if (entities.length === 0)
    entities.push({
      id: 'subject',
      name: title,
      kind: 'organization',
      role: 'the article’s subject (drafted)',
      aliases: [title],
      count: 0,
    });
  const facts: Fact[] = [];
  const lines = text.split('\n');
  // A dateline ("SPRINGFIELD, March 3, 2025") gives the year of dates written without one.
  const dateline = lines[1]?.trim() ?? '';
  const year = /^\p{Lu}[\p{Lu} .’'-]+,/u.test(dateline)
    ? /\b(?:19|20)\d{2}\b/.exec(dateline)?.[0]
    : undefined;
  let lastPerson: Entity | undefined;
  for (const [index, sentence] of sentences.entries()) {
    const named = entities.filter((e) => [e.name, ...e.aliases].some((alias) => mentions(sentence, alias)));
    const figures = findFigures(sentence);
    const when = findDate(sentence, year);
    const quoted = /“([^”]+)”/.exec(sentence)?.[1];
    const speaker = quoted
      ? speakerOf(sentence, sentences[index - 1], named, entities, lastPerson)
      : undefined;
    lastPerson = named.filter((e) => e.kind === 'person').at(-1) ?? speaker ?? lastPerson;
    const isListItem = lines.some((line) => line.trim() === `- ${sentence}`);
    const subject = named[0]?.name;
    const answer =
      figures.length > 0
        ? figures.every((f) => f.unit === 'years' || f.unit === 'minutes')
          ? 'how-long'
          : figures.every((f) => f.unit === 'count' || f.unit === 'votes')
            ? 'how-many'
            : 'how-much'
        : when
          ? 'when'
          : speaker
            ? 'who'
            : 'what';
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
      answers: [answer],
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

/**
 * Who says a direct quote: the person or unnamed speaker after it ("…,” Doe said; “…,” an expert
 * said), the last person named for "he" or "she", a person the sentence names, or, for a quote
 * standing alone, a person named in the sentence before it that ends with a colon ("Doe warned:").
 */
function speakerOf(
  sentence: string,
  previous: string | undefined,
  named: Entity[],
  entities: Entity[],
  lastPerson: Entity | undefined,
): Entity | undefined {
  const attribution = new RegExp(`”,?\\s+(.{1,60}?)\\s+(?:${SPEECH})\\b`, 'u').exec(sentence)?.[1];
  if (attribution) {
    if (/^(?:he|she)$/i.test(attribution)) return lastPerson;
    const speaker = entities.find(
      (e) => e.kind === 'person' && [e.name, ...e.aliases].some((alias) => mentions(attribution, alias)),
    );
    if (speaker) return speaker;
  }
  const inSentence = named.find((e) => e.kind === 'person');
  if (inSentence) return inSentence;
  if (sentence.startsWith('“') && previous?.endsWith(':'))
    return entities.find(
      (e) => e.kind === 'person' && [e.name, ...e.aliases].some((alias) => mentions(previous, alias)),
    );
  return undefined;
}

/** Whether a sentence names something, as a whole word. */
function mentions(sentence: string, name: string): boolean {
  return new RegExp(
    `(?<![\\p{L}\\p{N}])${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}\\p{N}])`,
    'u',
  ).test(sentence);
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

/** "over 8%", "nearly 10%", "up to 50": the words that make a figure a bound or an estimate. */
const QUALIFIER =
  '(?:(over|more than|above|at least|upwards of|nearly|almost|about|around|roughly|approximately|some|close to|up to|under|less than)\\s+)?';

const NUMBER_WORDS: Record<string, number> = {
  a: 1,
  an: 1,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  fifteen: 15,
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  hundred: 100,
};

const SCALE: Record<string, number> = {
  thousand: 1e3,
  k: 1e3,
  million: 1e6,
  m: 1e6,
  mn: 1e6,
  billion: 1e9,
  bn: 1e9,
  b: 1e9,
  trillion: 1e12,
  tn: 1e12,
};

/** Whether the words around a figure say it went up or down. */
function directionOf(sentence: string, at: number, length: number): 'up' | 'down' | undefined {
  const near = sentence.slice(Math.max(0, at - 40), at + length + 25).toLowerCase();
  if (
    /\b(?:drop|dropp|fell|fall|dip|declin|cut|lower|down|loss|lost|shrank|shrink|slump|plung|sank|reduc|decreas)/.test(
      near,
    )
  )
    return 'down';
  if (/\b(?:surg|rose|rise|rising|gain|grew|grow|jump|climb|increas|up\b|soar|higher|boost|rais)/.test(near))
    return 'up';
  return undefined;
}

/**
 * Figures written in a sentence, as structured values: percentages ("over 8%", "12 per cent"),
 * money ("$1 billion", "$2.50", "$3bn", "5 million dollars") and spans of years ("over a decade",
 * "two years", "18 months"), each with its qualifier and, for percentages, its direction.
 */
export function findFigures(sentence: string): NonNullable<Fact['figures']> {
  const figures: NonNullable<Fact['figures']> = [];
  const percent = new RegExp(`${QUALIFIER}(\\d+(?:\\.\\d+)?)\\s?(?:%|per ?cent\\b)`, 'gi');
  for (const match of sentence.matchAll(percent)) {
    const direction = directionOf(sentence, match.index, match[0].length);
    figures.push({
      label: 'percentage in the sentence',
      value: Number(match[2]),
      unit: 'percent',
      qualifier: qualifierOf(match[1]),
      ...(direction ? { direction } : {}),
      text: match[0].trim(),
    });
  }
  const dollars = new RegExp(
    `${QUALIFIER}(?:US)?\\$\\s?(\\d+(?:,\\d{3})*(?:\\.\\d+)?)(?:\\s?(thousand|million|billion|trillion|bn|mn|tn|[kmb])\\b)?|${QUALIFIER}(\\d+(?:,\\d{3})*(?:\\.\\d+)?)\\s(thousand|million|billion|trillion)?\\s?(?:US\\s)?dollars\\b`,
    'gi',
  );
  for (const match of sentence.matchAll(dollars)) {
    const amount = (match[2] ?? match[5]) as string;
    const scale = SCALE[(match[3] ?? match[6] ?? '').toLowerCase()] ?? 1;
    figures.push({
      label: 'amount in the sentence',
      value: Number(amount.replace(/,/g, '')) * scale,
      unit: 'usd',
      qualifier: qualifierOf(match[1] ?? match[4]),
      text: match[0].trim(),
    });
  }
  const words = Object.keys(NUMBER_WORDS).join('|');
  const span = new RegExp(
    `${QUALIFIER}\\b(\\d+(?:\\.\\d+)?|${words})(?:[\\s-]+(${words}))?[\\s-]+(decades?|years?|months?)\\b(?![\\s-]+old)`,
    'gi',
  );
  for (const match of sentence.matchAll(span)) {
    const [qualifier, first, second, unit] = [match[1], match[2] as string, match[3], match[4] as string];
    const count = (n: string) => NUMBER_WORDS[n.toLowerCase()] ?? Number(n);
    // "a year", "one month": a rate or a period, unless bounded ("over a year").
    if (!qualifier && NUMBER_WORDS[first.toLowerCase()] === 1 && !second && !/decade/i.test(unit)) continue;
    const n = second ? count(first) * count(second) : count(first);
    const years = /decade/i.test(unit) ? n * 10 : /month/i.test(unit) ? n / 12 : n;
    figures.push({
      label: 'span of time in the sentence',
      value: Math.round(years * 1000) / 1000,
      unit: 'years',
      qualifier: qualifierOf(qualifier),
      text: match[0].trim(),
    });
  }
  const number = `\\d+(?:\\.\\d+)?|${words}`;
  const count = (n: string) => NUMBER_WORDS[n.toLowerCase()] ?? Number(n.replace(/,/g, ''));
  // Durations under a year ("26 minutes", "up to 50 mins", "two hours") and distances ("a 9.6-mile
  // route", "15 km"): each a figure in one unit, hours as minutes.
  const measures = new RegExp(
    `${QUALIFIER}\\b(${number})[\\s-]+(minutes?|mins?|hours?|hrs?|miles?|kilomet(?:re|er)s?|km)\\b`,
    'gi',
  );
  for (const match of sentence.matchAll(measures)) {
    const [qualifier, amount, unit] = [match[1], match[2] as string, (match[3] as string).toLowerCase()];
    if (!qualifier && NUMBER_WORDS[amount.toLowerCase()] === 1) continue;
    const [measure, scale] = /^h/.test(unit)
      ? (['minutes', 60] as const)
      : /^mi(?:le|$)/.test(unit)
        ? (['miles', 1] as const)
        : /^k/.test(unit)
          ? (['km', 1] as const)
          : (['minutes', 1] as const);
    figures.push({
      label: measure === 'minutes' ? 'duration in the sentence' : 'distance in the sentence',
      value: count(amount) * scale,
      unit: measure,
      qualifier: qualifierOf(qualifier),
      text: match[0].trim(),
    });
  }
  // A vote's split: "voted 7–4", "a 7-4 vote", "seven to four".
  if (/\bvot(?:e|ed|es|ing)\b/i.test(sentence)) {
    const split = new RegExp(
      `(?<![\\w$.,–-])(\\d{1,3}|${words})\\s?(?:–|—|-|\\bto\\b)\\s?(\\d{1,3}|${words})\\b(?![.,]?\\d|%)`,
      'gi',
    );
    for (const match of sentence.matchAll(split)) {
      const [yes, no] = [count(match[1] as string), count(match[2] as string)];
      if (!Number.isInteger(yes) || !Number.isInteger(no) || yes + no < 2) continue;
      figures.push({
        label: 'vote',
        value: yes,
        against: no,
        unit: 'votes',
        qualifier: 'exact',
        text: match[0].trim(),
      });
    }
  }
  // Counts of things: "14 stops", "four councillors", "about 18,000 weekday riders", "35 parking spaces".
  const counted = new RegExp(
    `${QUALIFIER}(?<![\\w$.,–-])(\\d{1,3}(?:,\\d{3})+|\\d+|${words})\\s+((?:[a-z]+\\s+)?[a-z]{2,}s)\\b(?![.,]?\\d)`,
    'gi',
  );
  for (const match of sentence.matchAll(counted)) {
    const [qualifier, amount, noun] = [match[1], match[2] as string, match[3] as string];
    const value = count(amount);
    const last = noun.split(/\s+/).at(-1)?.toLowerCase() ?? '';
    if (value <= 1 || NOT_COUNTED.test(last) || NOT_COUNTED.test(noun.split(/\s+/)[0] ?? '')) continue;
    // A year ("2023 elections") is a date, not a count.
    if (/^(?:19|20)\d{2}$/.test(amount)) continue;
    figures.push({
      label: `number of ${noun.toLowerCase()}`,
      value,
      unit: 'count',
      qualifier: qualifierOf(qualifier),
      text: match[0].trim(),
      counts: noun.toLowerCase(),
    });
  }
  return figures;
}

/** Words after a number that are its unit or a word of the sentence, not what it counts. */
const NOT_COUNTED =
  /^(?:decades?|years?|months?|weeks?|days?|minutes?|mins?|hours?|hrs?|seconds?|miles?|kilomet(?:re|er)s?|km|dollars?|cents?|percent|per|points?|thousands?|millions?|billions?|trillions?|times|is|was|has|as|its|this|thus|plus|less|across|versus|vs|yes|us|his|hers|ours|theirs|whereas|perhaps|always|towards?)$/i;

function qualifierOf(word: string | undefined): 'exact' | 'over' | 'nearly' {
  const w = word?.trim().toLowerCase() ?? '';
  if (/^(?:over|more than|above|at least|upwards of)$/.test(w)) return 'over';
  if (w.length > 0) return 'nearly';
  return 'exact';
}

/**
 * A date written in a sentence: "March 12, 2025" or "12 March 2025" (day), "May 2024" (month),
 * "in 2017" or "her 2023 campaign" (year), "April 30" (day, in the year of the article's dateline
 * when it has one), or a relative one ("on Tuesday", "next month", "this year").
 */
export function findDate(sentence: string, year?: string): Fact['when'] | undefined {
  const months = MONTHS.join('|');
  const iso = (month: string, y: string) => `${y}-${String(MONTHS.indexOf(month) + 1).padStart(2, '0')}`;
  const dayFirst = new RegExp(`\\b(\\d{1,2})\\s+(${months})\\s+(\\d{4})\\b`).exec(sentence);
  if (dayFirst)
    return { label: dayFirst[0], iso: iso(dayFirst[2] as string, dayFirst[3] as string), precision: 'day' };
  const monthDay = new RegExp(`\\b(${months})\\s+(\\d{1,2})(?:st|nd|rd|th)?\\b(?:,\\s*(\\d{4})\\b)?`).exec(
    sentence,
  );
  if (monthDay) {
    const y = monthDay[3] ?? year;
    return {
      label: monthDay[0],
      ...(y ? { iso: iso(monthDay[1] as string, y) } : {}),
      precision: 'day',
    };
  }
  const monthYear = new RegExp(`\\b(${months})\\s+(\\d{4})\\b`).exec(sentence);
  if (monthYear)
    return {
      label: monthYear[0],
      iso: iso(monthYear[1] as string, monthYear[2] as string),
      precision: 'month',
    };
  const inYear =
    /\b(?:(?:in|since|by|from|until|till|of|during|before|after)\s+|(?:late|early|mid|mid-)\s*)?((?:19|20)\d{2})\b(?![,.]?\d|%)/.exec(
      sentence.replace(/\$\s?\d[\d,.]*/g, (m) => ' '.repeat(m.length)),
    );
  if (inYear) return { label: inYear[0].trim(), iso: inYear[1] as string, precision: 'year' };
  const relative =
    /\b(?:(?:on|last|next|this)\s+(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)(?:\s+(?:morning|afternoon|evening|night))?|(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)\s+(?:morning|afternoon|evening|night)|(?:last|next|this)\s+(?:week|month|year|summer|autumn|fall|winter|spring)|earlier today|today|yesterday|tomorrow|tonight)\b/i.exec(
      sentence,
    );
  if (relative) return { label: relative[0], precision: 'relative' };
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
