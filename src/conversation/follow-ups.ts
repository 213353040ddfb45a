import type { Turn } from '../core/conversation.ts';
import type { QueryEngine } from '../engine/engine.ts';
import { escapeRegExp } from '../engine/normalise.ts';
import type { Entity, Fact } from '../knowledge/schema.ts';

/**
 * How a message reads in the light of the conversation's last answer:
 * - `none`: it stands on its own; ask it as typed.
 * - `rewrite`: a follow-up that names what it refers to once rewritten ("and Ruritania?" after "did
 *   Ohio ban Acme?" → "did Ruritania ban Acme?").
 * - `about`: a question about the last answer's fact itself (who said it, is it true, when, how much),
 *   with what the article says, or `missing` when the article does not give that detail.
 * - `more`: "tell me more": the next fact on the subject not yet shown, if any is left.
 * - `unresolved`: it refers back ("who said that?") but there is nothing to refer to.
 */
export type FollowUp =
  | { kind: 'none' }
  | { kind: 'rewrite'; question: string }
  | { kind: 'about'; fact: Fact; asks: Detail; answer?: string }
  | { kind: 'more'; fact?: Fact; after: Fact }
  | { kind: 'unresolved' };

/** The detail of the last answer a follow-up asks about. */
export type Detail = 'who-said' | 'true' | 'when' | 'how-much' | 'why';

// General English, no word of any story. Punctuation and case are folded before matching.
const MORE =
  /^(?:(?:tell|show|give) me more(?: about (?:that|it|this))?|more|more please|go on|keep going|and then|what else|anything else|more info|continue|elaborate)$/;
const DETAILS: [Detail, RegExp][] = [
  [
    'who-said',
    /^(?:who (?:said|says|claimed|claims|stated) (?:that|it|this|so)|says who|according to whom|who said|whose (?:claim|words) (?:is|are) (?:that|those|these)|source)$/,
  ],
  [
    'true',
    /^(?:is (?:that|it|this) (?:true|right|correct|so|a fact|confirmed)|really|true|for real|are you sure|is that confirmed|confirmed|seriously)$/,
  ],
  [
    'when',
    /^(?:when|when (?:was|did) (?:that|it|this)(?: happen)?|when was that|what date|since when|at what time)$/,
  ],
  [
    'how-much',
    /^(?:(?:by )?how much|how many|how big|how far|by what (?:percent|percentage|amount)|what (?:was|is) the (?:figure|number|amount|percentage))$/,
  ],
  [
    'why',
    /^(?:why|why (?:is|was|did|does) (?:that|it|this)(?: (?:happen|so|the case))?|how come|for what reason|what for|why so)$/,
  ],
];
const ABOUT = /^(?:and|what about|how about|and what about|what of|same for|and for)\s+(.+)$/;
const PRONOUNS = /\b(?:it|they|them|that|this|he|she|him|her|its|their|his)\b/;

function fold(text: string): string {
  return text
    .toLowerCase()
    .replace(/[?!.,;:…]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Reads a message against the last turn of its conversation. */
export function readFollowUp(text: string, previous: Turn | undefined, engine: QueryEngine): FollowUp {
  const folded = fold(text);
  if (folded === '' || folded.length > 200) return { kind: 'none' };
  const last = previous?.factId ? engine.story.factsById.get(previous.factId) : undefined;
  const asked = previous?.resolvedQuestion ?? previous?.text ?? '';
  if (MORE.test(folded)) {
    if (!last) return { kind: 'unresolved' };
    const next = nextFact(last, previous?.shownFactIds ?? [], engine);
    return next ? { kind: 'more', fact: next, after: last } : { kind: 'more', after: last };
  }
  for (const [detail, pattern] of DETAILS) {
    if (!pattern.test(folded)) continue;
    if (!last) return { kind: 'unresolved' };
    return aboutFact(last, detail, asked, engine);
  }
  const about = ABOUT.exec(folded);
  if (about && last && asked) {
    const rewritten = substitute(asked, about[1] as string, engine);
    if (rewritten) return { kind: 'rewrite', question: rewritten };
  }
  if (about && !last && engine.entitiesIn(folded).length === 0) return { kind: 'unresolved' };
  // "how much did it drop?" after a question about Umbrella: the pronoun is the last question's subject.
  if (last && asked && PRONOUNS.test(folded) && engine.entitiesIn(text).length === 0) {
    const subject = engine.entitiesIn(asked)[0]?.entity ?? mainEntity(last, engine);
    if (subject) return { kind: 'rewrite', question: text.replace(PRONOUNS_IN_TEXT, subject.name) };
  }
  return { kind: 'none' };
}

const PRONOUNS_IN_TEXT = /\b(?:it|they|them|he|she|him|her)\b/i;

/** What the article says of a detail of the last answer's fact, or that it does not say. */
function aboutFact(fact: Fact, asks: Detail, asked: string, engine: QueryEngine): FollowUp {
  const story = engine.story;
  const nameOf = (id: string | undefined) => (id ? (story.entitiesById.get(id)?.name ?? id) : undefined);
  switch (asks) {
    case 'who-said': {
      // A denial is said by whoever denies: the fact's subject, when no one else is named.
      const who =
        nameOf(fact.speaker) ??
        nameOf(fact.claimedBy) ??
        (fact.stance === 'denied' ? nameOf(fact.entities[0]) : undefined);
      return { kind: 'about', fact, asks, ...(who ? { answer: who } : {}) };
    }
    case 'true':
      return { kind: 'about', fact, asks, answer: fact.stance };
    case 'when':
      return { kind: 'about', fact, asks, ...(fact.when ? { answer: fact.when.label } : {}) };
    case 'how-much': {
      const figures = (fact.figures ?? []).map((f) => f.text);
      return { kind: 'about', fact, asks, ...(figures.length > 0 ? { answer: figures.join(', ') } : {}) };
    }
    case 'why': {
      // A "why" is answered by another fact, if the article gives a reason: ask it of the last question.
      if (fact.answers.includes('why')) return { kind: 'about', fact, asks, answer: fact.statement };
      return { kind: 'rewrite', question: `why ${stripQuestionWord(asked) || fact.statement}` };
    }
  }
}

/** "did Umbrella stock drop?" → "did umbrella stock drop"; "Who has banned Acme?" → "has banned acme". */
function stripQuestionWord(question: string): string {
  return fold(question).replace(/^(?:who|what|which|when|where|how much|how many|how|why)\s+/, '');
}

/** The last question with its subject swapped for the one named now ("and Ruritania?"); undefined when it names none. */
function substitute(asked: string, replacement: string, engine: QueryEngine): string | undefined {
  const named = engine.entitiesIn(replacement)[0]?.entity;
  if (!named) return undefined;
  const before = engine.entitiesIn(asked);
  // The entity of the same kind is the one to swap (a country for a country); else the first named.
  const swapped = before.find((b) => sameKind(b.entity, named)) ?? before[0];
  if (!swapped) return `${asked.replace(/[?!.\s]+$/, '')} ${named.name}`;
  const pattern = new RegExp(`\\b${escapeRegExp(swapped.surface)}\\b`, 'i');
  if (pattern.test(asked)) return asked.replace(pattern, named.name);
  const alias = [swapped.entity.name, ...swapped.entity.aliases].find((a) =>
    new RegExp(`\\b${escapeRegExp(a)}\\b`, 'i').test(asked),
  );
  return alias
    ? asked.replace(new RegExp(`\\b${escapeRegExp(alias)}\\b`, 'i'), named.name)
    : `${asked} ${named.name}`;
}

function sameKind(a: Entity, b: Entity): boolean {
  const country = new Set(['place', 'government']);
  return a.kind === b.kind || (country.has(a.kind) && country.has(b.kind));
}

/** The entity a fact is mainly about: its first listed. */
function mainEntity(fact: Fact, engine: QueryEngine): Entity | undefined {
  return fact.entities.map((id) => engine.story.entitiesById.get(id)).find((e) => e !== undefined);
}

/** The next fact on the last answer's subject not yet shown: the engine's related facts, then its topics' in article order. */
function nextFact(last: Fact, shown: readonly string[], engine: QueryEngine): Fact | undefined {
  const seen = new Set([...shown, last.id]);
  const result = engine.ask(last.questions[0] as string);
  const related = result.answered ? result.related : [];
  const sameTopic = engine.story.facts.filter((f) => f.topics.some((t) => last.topics.includes(t)));
  const sameEntity = engine.story.facts.filter((f) => f.entities.some((e) => last.entities.includes(e)));
  return [...related, ...sameTopic, ...sameEntity].find((f) => !seen.has(f.id));
}
