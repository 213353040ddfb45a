import Fuse from 'fuse.js';
import { truncateAtWord } from '../core/text.ts';
import { findFigures } from '../knowledge/draft.ts';
import type { Story } from '../knowledge/load-story.ts';
import { givesReason } from '../knowledge/lookup.ts';
import type { Entity, Fact, Figure } from '../knowledge/schema.ts';
import { Analyser, type Analysis, type Intent, type Term } from './analyser.ts';
import { type Calibration, type Evidence, probability, UNCALIBRATED } from './calibration.ts';
import { coreQuestion } from './chatter.ts';
import { FactIndex, type KeyColumns } from './fact-index.ts';
import { LanguageDetector, loadDetector } from './language.ts';
import {
  ASKS_DATE,
  ASKS_VALUE,
  GENERIC_WORDS,
  INTENT_WORDS,
  MONEY,
  NON_SPEAKERS,
  RESPONSE_VERBS,
  STOPWORDS,
  TITLES,
  UNIT_WORDS,
  UNREPORTED_WORDS,
} from './lexicon.ts';
import { escapeRegExp, MAX_QUESTION_LENGTH, normaliseText, stem, typedSpellings } from './normalise.ts';

/** A question the engine can answer, offered when it cannot answer the one asked. */
export interface Suggestion {
  question: string;
  factId: string;
}

/** Why a question is not answered; `not_english`: it is written in another language, which the engine does not read. */
export type NotAnsweredReason = 'empty' | 'too_long' | 'too_vague' | 'not_in_article' | 'not_english';

/** The engine's verdict on one question. */
export type EngineResult =
  | {
      answered: true;
      question: string;
      fact: Fact;
      /** The answer a user sees first (at most 400 characters), Yes/No first where the article settles it. */
      answer: string;
      /** Verbatim passage of the article the answer rests on. */
      quote: string;
      confidence: number;
      verdict?: 'yes' | 'no' | 'open' | 'claimed';
      /** Asked why, the fact the article gives the answer's fact under, which tells the reason. */
      because?: Fact;
      related: Fact[];
      /** Likely right, but not enough to answer outright: given as "the closest the article comes". */
      hedged: boolean;
      /** What the ranking said, for calibration. */
      evidence: Evidence;
    }
  | {
      answered: false;
      question: string;
      reason: NotAnsweredReason;
      /** Words of the question that the article never mentions, as the user spelt them (lower-cased). */
      unknownTerms: string[];
      suggestions: Suggestion[];
      confidence: number;
      /** For a question not in English: the names of the story's entities it names, which the suggestions are about. */
      about?: string[];
      /**
       * The nearest fact, withheld because it lacks the kind of detail asked: an amount of money (it
       * gives a percentage, or nothing), a calendar date, a time of day, or the share of the whole asked about
       * ("what percentage of voters …" of a fact whose percentage is of something else). What the
       * article does say, to offer.
       */
      withheld?: {
        fact: Fact;
        quote: string;
        related: Fact[];
        lacks: Lacks;
      };
    };

/**
 * The value remembered for a key, made and remembered when missing: a map kept to `size` entries,
 * least recently used first (a hit moves to the end; the first goes when it overflows).
 */
function remembered<V>(memory: Map<string, V>, key: string, size: number, make: () => V): V {
  const known = memory.get(key);
  if (known !== undefined) {
    memory.delete(key);
    memory.set(key, known);
    return known;
  }
  const value = make();
  memory.set(key, value);
  if (memory.size > size) memory.delete(memory.keys().next().value as string);
  return value;
}

/** A remembered answer is shared by every caller: frozen, with its lists, so none can change it for the next. */
function frozen(result: EngineResult): EngineResult {
  for (const value of Object.values(result)) if (Array.isArray(value)) Object.freeze(value);
  return Object.freeze(result);
}

/** A value shared by every caller, frozen all the way down so that none can change it for the next. */
function deepFrozen<V>(value: V): V {
  // Bytes (a picture's) cannot be frozen; nothing changes them after they are drawn.
  if (value === null || typeof value !== 'object' || Object.isFrozen(value) || ArrayBuffer.isView(value))
    return value;
  for (const inner of Object.values(value)) deepFrozen(inner);
  return Object.freeze(value);
}

export interface EngineOptions {
  /** Minimum score (0–1) to answer rather than abstain. */
  threshold?: number;
  /** How scores become probabilities, and which answers are hedged (fitted by `npm run calibrate`). */
  calibration?: Calibration;
  /**
   * How many answers to remember by question text (1,000 by default; 0: none). An answer depends on
   * the story and the question's text alone, so a question asked again (a burst of the same question
   * in a busy channel, or a question asked again while reading a follow-up) is answered from memory.
   */
  answerCache?: number;
}

interface IndexedFact {
  fact: Fact;
  /** Term key → how strongly the fact covers it (1 = its statement, keywords or entities). */
  coverage: Map<string, number>;
  /** Term key → the entities (`@id`) it is said of; it covers a question naming other entities not at all. */
  bound: Map<string, Set<string>>;
  /** Keys of what the fact is about: its statement, keywords and entities. */
  core: Set<string>;
  /** Total weight of the core keys (filled in once weights are known). */
  coreWeight: number;
  /** Question types the fact answers, from its data, its date and its figures. */
  answers: Set<Intent>;
  /** The fact can answer "will …?" questions: an outlook, an open question, or a denial of a plan. */
  speaksToFuture: boolean;
  /** Folded trigger words (see Fact.triggers); empty when the fact has none. */
  triggers: Set<string>;
  /** The fact reports what someone said or claimed. */
  isStatementBySomeone: boolean;
  /** Whose words the fact reports: its speaker, the claimant, or the entity that denies. */
  sayer: string | undefined;
  questionTermSets: Set<string>[];
  entityKeys: Set<string>;
  /** Its statement and quote, normalised, with spaces around: where a name is said as asked. */
  text: string;
}

/** A term of a question as scored: how much it counts, and what missing it costs. */
interface WeightedTerm {
  term: Term;
  weight: number;
  missPenalty: number;
  /**
   * A key of an either/or question's two alternatives ("rivals or partners"): a fact that bears
   * out one of them answers the question, and the other alternative is not counted against it.
   */
  alternative: boolean;
  /** A key of an alternative beside one with no content ("on Twitter or what", "one or several"): only a guess. */
  guessed: boolean;
  /** A yes/no question's date (a year, a month, a weekday, a holiday): a dated fact speaks to it, agreeing or not. */
  dated: boolean;
}

interface PreparedQuery {
  analysis: Analysis;
  /** Each key of the question once. */
  terms: WeightedTerm[];
  /** The entities the question names (`@id`), with their parent groups. */
  named: Set<string>;
  keys: Set<string>;
  specificIntents: Intent[];
  strictIntent: boolean;
  asksWhatWasSaid: boolean;
  /** Someone's words as they were said are asked for ("the full quote", "the exact words"). */
  asksQuote: boolean;
  /** "what did Initech say …": the entity named before the word for saying, whose words are asked for. */
  speakerAsked: string | undefined;
  /** Names of several words as asked ("light rail"), with a space either side, in the terms' order. */
  spacedNames: string[];
  /** Of an either/or, the two alternatives joined by "and" both ways (" A and B ", " B and A "): a fact saying both. */
  bothJoined: readonly [string, string] | undefined;
}

interface Scored {
  indexed: IndexedFact;
  score: number;
  uncovered: Term[];
}

/** A question opened by a form of "be" ("is the stake confirmed"). */
const BE_OPENER = /^(?:is|was|are|were)\b/;
/** Words between a party and its response that leave it the party's own ("Initech officially issued a statement"). */
const RESPONSE_FRAME: ReadonlySet<string> = new Set(
  // "launch" is "put out" as read ("did Initech put out a statement").
  'itself themselves ever even still directly personally officially publicly formally already yet issue issued put release released make made give gave launch'.split(
    ' ',
  ),
);
/** Nouns of kinds of product that a role may name ("a messaging app"): asked by kind ("which app"). */
const ROLE_KIND_NOUNS: ReadonlySet<string> = new Set(
  'app apps application platform service website site browser game device phone chatbot'.split(' '),
);
const UNKNOWN_WEIGHT = 3.4;
const NUMBER_WEIGHT = 1.6;
const MAX_WEIGHT = 3.2;
const QUOTE_FIELD_CREDIT = 0.9;
const QUESTION_FIELD_CREDIT = 0.85;
/** A word of a name of the fact's entities ("street" of Elm Street). */
const NAME_WORD_CREDIT = 0.6;
/** A named thing the fact does not mention: it is about something else (scaled by how rare the name is). */
const MISSING_ENTITY_PENALTY = 0.3;
const MISSING_ENTITY_FULL_WEIGHT = 2.5;
/** A word the article never uses: the question asks about something the article lacks. */
const UNKNOWN_WORD_PENALTY = 0.18;
/** A rare story word the fact does not cover. */
const MISSING_KEY_WORD_PENALTY = 0.1;
const KEY_WORD_WEIGHT = 2.0;
const INTENT_MATCH_BONUS = 0.06;
const INTENT_MISMATCH_PENALTY = 0.2;
/** "How much" and "when" want a figure or a date; a fact without one does not answer them. */
const STRICT_INTENT_MISMATCH_FACTOR = 0.45;
const STRICT_INTENTS: ReadonlySet<Intent> = new Set(['how-much', 'how-many', 'how-long', 'when']);
/** The question's words other than names are all missed: the fact is about those names, not this question. */
const PREDICATE_MISSED_FACTOR = 0.55;
const SAY_MISMATCH_PENALTY = 0.12;
/** Asked what someone said, a fact reporting no one's words, or another party's, answers only half as well. */
const SPEAKER_MISMATCH_FACTOR = 0.5;
const FUTURE_MISMATCH_PENALTY = 0.45;
const SIMILARITY_BONUS = 0.12;
/** How much a word of a premise or a likeness counts ("if it is so cheap", "like Initech did"). */
const ASIDE_WEIGHT = 0.25;
const SAID_AS_ASKED_BONUS = 0.03;
/** Either/or of a fact that says both ("domestic or global" of "both domestic and global"). */
const BOTH_ALTERNATIVES_BONUS = 0.1;
/** Asked for the words as said, a fact that quotes them is the better answer than one that reports them. */
const QUOTE_BONUS = 0.1;
const ASKS_QUOTE =
  /\b(?:quotes?|quoted|quote in full|full (?:line|lines|statement|comment|words)|exact (?:words|wording|line|statement)|verbatim|word for word|on record)\b|\b(?:exact|exactly|actual|own)\b.*\bwords\b/;
/** What every match of ASKS_QUOTE holds: a text with none of them asks for no quote, and it need not run. */
const QUOTE_HINTS = ['quot', 'full', 'exact', 'verbatim', 'word', 'record'];
function asksForQuote(text: string): boolean {
  return QUOTE_HINTS.some((hint) => text.includes(hint)) && ASKS_QUOTE.test(text);
}
const QUOTE_FRAME_WORDS: ReadonlySet<string> = new Set([
  'full',
  'line',
  'lines',
  'exact',
  'verbatim',
  'record',
]);
const PRECISION_BONUS = 0.1;
const TRIGGERED_SCORE = 0.9;
/** fuse.js's bitap works on 32-character patterns; longer typed text only costs time. */
const FUZZY_PATTERN_MAX = 32;
const MAX_ANSWER_LENGTH = 400;

/**
 * The shared query engine: matches a question against the story's facts and answers with the
 * best one, or abstains with the nearest questions it can answer. Indexes are built once, here.
 */
export class QueryEngine {
  readonly story: Story;
  readonly analyser: Analyser;
  private readonly threshold: number;
  private readonly calibration: Calibration;
  /**
   * What the story is mainly about: the entities in at least a quarter of its facts. Two facts that
   * share only these are not related for that (in a story about two companies, every fact names one).
   */
  private readonly mainSubjects: ReadonlySet<string>;
  private readonly indexed: IndexedFact[];
  /**
   * The fact of the sentence a list of the article hangs from, by the facts of its items ("… sent
   * shockwaves across the industry:" above "- Initech's shares fell 20%").
   */
  private readonly leadIns: ReadonlyMap<string, IndexedFact>;
  /** The facts by the keys they hold: a question's keys are looked up once, not once per fact. */
  private readonly factIndex: FactIndex;
  private readonly weights = new Map<string, number>();
  private readonly questionFuse: Fuse<Suggestion>;
  /** Each answerable question's normalised words, for prefix matching while the user types. */
  private readonly questionWords: { suggestion: Suggestion; words: string[] }[];
  private readonly allQuestions: Suggestion[];
  /** Each entity's name as normalised (by id), read once rather than on every question naming it. */
  private readonly normalisedNames: ReadonlyMap<string, string>;
  private readonly language: LanguageDetector;
  /** Answers by question text, least recently used first (see EngineOptions.answerCache). */
  private readonly answers = new Map<string, EngineResult>();
  /**
   * Readings of question texts, the same way: a question is read by the conversation layer (the names
   * it holds, whether it follows up) and again by the engine, and autocomplete reads every keystroke.
   */
  private readonly readings = new Map<string, Analysis>();
  /** Autocomplete's suggestions by what was typed, the same way. */
  private readonly suggested = new Map<string, readonly Suggestion[]>();
  /** Other readings of a question's text that depend on the story alone, by kind (see `recall`). */
  private readonly recalled = new Map<string, Map<string, { value: unknown }>>();
  private readonly answerCacheSize: number;

  constructor(story: Story, options: EngineOptions = {}) {
    this.story = story;
    this.answerCacheSize = Math.max(0, options.answerCache ?? 1000);
    this.threshold = options.threshold ?? 0.56;
    const counts = new Map<string, number>();
    for (const fact of story.facts)
      for (const e of new Set(fact.entities)) counts.set(e, (counts.get(e) ?? 0) + 1);
    this.mainSubjects = new Set([...counts].filter(([, n]) => n >= story.facts.length / 4).map(([e]) => e));
    this.calibration = options.calibration ?? story.calibration ?? UNCALIBRATED;
    this.analyser = new Analyser(story);
    this.indexed = story.facts.map((fact) => this.indexFact(fact));
    this.leadIns = this.findLeadIns();
    const documentFrequency = new Map<string, number>();
    for (const { coverage } of this.indexed) {
      for (const key of coverage.keys()) documentFrequency.set(key, (documentFrequency.get(key) ?? 0) + 1);
    }
    const n = this.indexed.length;
    for (const [key, df] of documentFrequency) {
      let weight = Math.min(MAX_WEIGHT, Math.log(1 + n / df));
      if (GENERIC_WORDS.has(key)) weight *= 0.4;
      if (key.startsWith('@')) weight *= 1.15;
      this.weights.set(key, weight);
    }
    for (const indexed of this.indexed) {
      for (const key of indexed.core) indexed.coreWeight += this.weights.get(key) ?? 0;
    }
    this.analyser.setStoryKeys(this.weights.keys());
    this.factIndex = new FactIndex(this.indexed);
    this.normalisedNames = new Map(story.entities.map((e) => [e.id, this.analyser.normalise(e.name)]));
    this.language = new LanguageDetector(
      story.entities.flatMap((entity) => [entity.name, ...entity.aliases]),
      (word) => this.analyser.vocabulary.has(word),
    );
    this.allQuestions = story.facts.flatMap((fact) =>
      fact.questions.map((question) => ({ question, factId: fact.id })),
    );
    this.questionWords = this.allQuestions.map((suggestion) => ({
      suggestion,
      words: normaliseText(suggestion.question).split(' ').filter(Boolean),
    }));
    this.questionFuse = new Fuse(this.allQuestions, {
      keys: ['question'],
      includeScore: true,
      threshold: 0.5,
      ignoreLocation: true,
    });
  }

  private indexFact(fact: Fact): IndexedFact {
    const coverage = new Map<string, number>();
    const cover = (terms: Term[], credit: number) => {
      for (const term of terms) coverage.set(term.key, Math.max(coverage.get(term.key) ?? 0, credit));
    };
    const entityIds = new Set([
      ...fact.entities,
      ...(fact.speaker ? [fact.speaker] : []),
      ...(fact.items ?? []).flatMap((item) => (item.entity ? [item.entity] : [])),
    ]);
    const entityKeys = new Set([...entityIds].map((id) => `@${id}`));
    // A denial addresses what it denies: "is Globex new to AI?" is answered by "investing for over a decade".
    const denied = fact.stance === 'denied' ? (fact.negates ?? []) : [];
    for (const text of [fact.statement, ...fact.keywords, ...denied])
      cover(this.analyser.analyseText(text), 1);
    for (const key of entityKeys) coverage.set(key, 1);
    const core = new Set(coverage.keys());
    cover(this.analyser.analyseText(fact.quote), QUOTE_FIELD_CREDIT);
    // Words quoted are the speaker's, who is also their role: "what did the VP say" of Jane Doe's words.
    const speaker = fact.speaker ? this.story.entitiesById.get(fact.speaker) : undefined;
    if (speaker?.role) {
      // The role without the names it holds it at ("Globex Vice President" → vice president), which
      // would otherwise read as the speaker's own alias.
      const names = new Set(
        [speaker.parent, this.story.entitiesById.get(speaker.parent ?? '')?.name].flatMap((name) =>
          name ? name.toLowerCase().split(/\s+/) : [],
        ),
      );
      const role = speaker.role
        .split(/\s+/)
        .filter((w) => !names.has(w.toLowerCase().replace(/['’]s$/, '')))
        .join(' ');
      // Word by word: the role's words are also an alias of the speaker, which would hide them.
      const words = this.analyser
        .normalise(role)
        .split(' ')
        .filter((w) => w.length > 1);
      cover(
        words.map((w) => ({ key: this.analyser.fold(w), kind: 'word', surface: w })),
        QUOTE_FIELD_CREDIT,
      );
    }
    // The words of the names it speaks of: "which street" of Elm Street, "the traders' association";
    // and the places or bodies those names hold ("Eastbrook" of the Eastbrook Traders' Association).
    for (const id of entityIds) {
      const entity = this.story.entitiesById.get(id);
      for (const name of entity ? [entity.name, ...entity.aliases] : []) {
        const words = this.analyser.nameWords(name);
        cover(
          words.filter((t) => !GENERIC_WORDS.has(t.key)),
          NAME_WORD_CREDIT,
        );
        for (const held of this.namesWithin(name, id))
          if (!coverage.has(held)) coverage.set(held, NAME_WORD_CREDIT);
      }
      // Its kind, for the kinds no fact says in other words: "which places does it connect" of two
      // places named ("product" or "group" may be what a fact is about).
      if (entity && (entity.kind === 'place' || entity.kind === 'person'))
        cover(this.analyser.analyseText(entity.kind), NAME_WORD_CREDIT);
      // The kind of thing its role says it is: "which other app" of Widget, "a … messaging app".
      const roleKinds = (entity?.role ?? '')
        .toLowerCase()
        .split(/[^a-z]+/)
        .filter((w) => ROLE_KIND_NOUNS.has(w));
      cover(
        roleKinds.flatMap((w) => this.analyser.analyseText(w)),
        NAME_WORD_CREDIT,
      );
    }
    for (const figure of fact.figures ?? []) {
      cover(this.analyser.analyseText(`${figure.value} ${figure.text}`), 1);
      // A figure that moved answers questions about its movement either way ("did it drop?" of a rise),
      // and about how it did ("Globex's performance this year", "is Globex winning stock-wise").
      if (figure.direction)
        cover(
          ['surge', 'drop', 'performance', 'win'].map((word) => ({
            key: this.analyser.fold(word),
            kind: 'word',
            surface: '',
          })),
          1,
        );
    }
    if (fact.when) cover(this.analyser.analyseText(fact.when.label), 1);
    const questionTermSets = fact.questions.map((q) => {
      const terms = this.analyser.analyseText(q);
      // A name only in an alternate question is not what the fact's answer speaks of.
      cover(
        terms.filter((t) => t.kind !== 'entity'),
        QUESTION_FIELD_CREDIT,
      );
      return new Set(terms.map((t) => t.key));
    });
    for (const key of [...coverage.keys()]) {
      if (!key.startsWith('@')) continue;
      entityKeys.add(key);
      for (let parent = this.story.entitiesById.get(key.slice(1))?.parent; parent; ) {
        coverage.set(`@${parent}`, Math.max(coverage.get(`@${parent}`) ?? 0, coverage.get(key) ?? 0));
        entityKeys.add(`@${parent}`);
        parent = this.story.entitiesById.get(parent)?.parent;
      }
    }
    const isStatementBySomeone = Boolean(fact.speaker || fact.claimedBy || fact.stance === 'denied');
    // Someone's words, a denial above all, are their response: "how did Globex respond".
    if (fact.speaker || fact.stance === 'denied') {
      const respond = this.analyser.fold('respond');
      coverage.set(respond, Math.max(coverage.get(respond) ?? 0, QUOTE_FIELD_CREDIT));
    }
    const sayer = fact.speaker ?? fact.claimedBy ?? (fact.stance === 'denied' ? fact.entities[0] : undefined);
    const triggers = new Set((fact.triggers ?? []).map((w) => this.analyser.fold(w)));
    const answers = new Set<Intent>(fact.answers);
    if (givesReason(fact)) answers.add('why');
    if (fact.when) answers.add('when');
    for (const figure of fact.figures ?? []) answers.add(FIGURE_ANSWERS[figure.unit]);
    // A list answers "how many" (its items can be counted); a figure answers "how much" and "how many".
    if (fact.items?.length) answers.add('how-many');
    if (answers.has('how-much')) answers.add('how-many');
    const speaksToFuture =
      fact.stance === 'open' ||
      fact.stance === 'denied' ||
      fact.topics.includes('outlook') ||
      FUTURE_WORDS.test(fact.statement);
    // Words said of some entities only: each term of such a word → the entities it belongs to.
    const bound = new Map<string, Set<string>>();
    for (const [word, ids] of Object.entries(fact.bound ?? {})) {
      for (const term of this.analyser.analyseText(word)) {
        if (term.kind === 'entity') continue;
        const owners = bound.get(term.key) ?? new Set<string>();
        for (const id of ids) owners.add(`@${id}`);
        bound.set(term.key, owners);
      }
    }
    return {
      fact,
      coverage,
      bound,
      core,
      coreWeight: 0,
      answers,
      speaksToFuture,
      triggers,
      isStatementBySomeone,
      sayer,
      questionTermSets,
      entityKeys,
      text: ` ${this.analyser.normalise(`${fact.statement} ${fact.quote}`)} `,
    };
  }

  /** Each list item's fact → the fact quoting the line its list hangs from (ending in a colon). */
  private findLeadIns(): Map<string, IndexedFact> {
    const text = this.story.text;
    const lines = text.split('\n');
    const starts: number[] = [];
    let offset = 0;
    for (const line of lines) {
      starts.push(offset);
      offset += line.length + 1;
    }
    const lineAt = (at: number) => {
      let i = 0;
      while (i + 1 < starts.length && (starts[i + 1] as number) <= at) i++;
      return i;
    };
    const isItem = (line: string) => /^\s*[-•*]\s/.test(line);
    const leadIns = new Map<string, IndexedFact>();
    for (const indexed of this.indexed) {
      const at = text.indexOf(indexed.fact.quote);
      if (at < 0) continue;
      let line = lineAt(at);
      if (!isItem(lines[line] as string)) continue;
      while (line > 0 && isItem(lines[line] as string)) line--;
      const lead = lines[line] as string;
      if (isItem(lead) || !lead.trimEnd().endsWith(':')) continue;
      // The fact quoting the lead line up to its colon.
      const end = (starts[line] as number) + lead.trimEnd().length;
      const quoting = this.indexed.find((other) => {
        const from = text.indexOf(other.fact.quote);
        return (
          other !== indexed &&
          from >= (starts[line] as number) &&
          from < end &&
          from + other.fact.quote.length >= end
        );
      });
      if (quoting) leadIns.set(indexed.fact.id, quoting);
    }
    return leadIns;
  }

  /** The other entities (as keys) a name holds in its words, besides the one it names. */
  private namesWithin(name: string, id: string): string[] {
    const words = this.analyser.normalise(name).split(' ');
    const held: string[] = [];
    for (let start = 1; start < words.length; start++) {
      for (const term of this.analyser.analyseText(words.slice(start).join(' '))) {
        if (term.kind === 'entity' && term.key !== `@${id}` && !held.includes(term.key)) held.push(term.key);
      }
    }
    for (let end = words.length - 1; end > 0; end--) {
      for (const term of this.analyser.analyseText(words.slice(0, end).join(' '))) {
        if (term.kind === 'entity' && term.key !== `@${id}` && !held.includes(term.key)) held.push(term.key);
      }
    }
    return held;
  }

  /** A word no fact uses (numbers aside): the article does not talk about it. */
  private isUnknownToStory(term: Term): boolean {
    return (term.kind === 'unknown' || term.kind === 'word') && !this.weights.has(term.key);
  }

  private weightOf(term: Term): number {
    if (term.kind === 'number') return this.weights.get(term.key) ?? NUMBER_WEIGHT;
    return this.weights.get(term.key) ?? UNKNOWN_WEIGHT;
  }

  /** Everything about a question that does not depend on the fact: computed once, then scored against each fact. */
  private prepare(analysis: Analysis): PreparedQuery {
    // "why are people banning it": the people are a vague subject, not what is asked about; "how
    // many people" counts them, and then they are.
    const counts = analysis.intents.has('how-many') || analysis.intents.has('how-much');
    // "what does the article say about …": the saying is the article's, and asks for nothing.
    const thingSays = this.thingSays(analysis);
    // "what was the full line": someone's own words are asked for; "full" and "line" only frame that.
    const asksQuote = asksForQuote(analysis.normalised);
    const meant = analysis.terms.filter(
      (t) =>
        (counts ||
          !(
            (this.isUnknownToStory(t) && UNREPORTED_WORDS.has(t.surface)) ||
            // "everyone", "anyone": no one in particular, even where the story's own words hold them.
            INDEFINITE_PRONOUNS.has(t.surface)
          )) &&
        !(thingSays && t.key === 'say') &&
        !(asksQuote && QUOTE_FRAME_WORDS.has(t.surface)),
    );
    const unique = new Map(meant.map((t) => [t.key, t]));
    const aside = asideWords(analysis.normalised);
    const terms: WeightedTerm[] = [...unique.values()].map((term) => {
      // A premise ("if it is so cheap, why …") or a likeness ("like Initech did") is not what is asked.
      if (aside.size > 0 && term.surface.split(' ').every((w) => aside.has(w)))
        return {
          term,
          weight: this.weightOf(term) * ASIDE_WEIGHT,
          missPenalty: 0,
          alternative: false,
          guessed: false,
          dated: false,
        };
      const weight = this.weightOf(term);
      let missPenalty = 0;
      if (term.kind === 'entity') {
        missPenalty =
          MISSING_ENTITY_PENALTY * Math.max(0.5, Math.min(1, weight / MISSING_ENTITY_FULL_WEIGHT));
      } else if (this.isUnknownToStory(term)) missPenalty = UNKNOWN_WORD_PENALTY;
      else if (weight >= KEY_WORD_WEIGHT) missPenalty = MISSING_KEY_WORD_PENALTY;
      const dated =
        analysis.yesNo && (term.kind === 'number' ? isYear(Number(term.surface)) : isDateWord(term.surface));
      return { term, weight, missPenalty, alternative: false, guessed: false, dated };
    });
    const specific = [...analysis.intents].filter((i) => i !== 'what');
    // The entities named, with the groups they belong to (Widget → Globex), for words bound to entities.
    const named = new Set<string>();
    for (const { term } of terms) {
      if (term.kind !== 'entity') continue;
      named.add(term.key);
      for (let parent = this.story.entitiesById.get(term.key.slice(1))?.parent; parent; ) {
        named.add(`@${parent}`);
        parent = this.story.entitiesById.get(parent)?.parent;
      }
    }
    // The name right before the word for saying is who speaks ("what did Initech say"); in "what does
    // Initech's privacy policy say" the policy speaks, and no one is asked about.
    const sayAt = analysis.terms.findIndex((t) => t.key === 'say');
    const beforeSay = sayAt > 0 ? analysis.terms[sayAt - 1] : undefined;
    const speakerAsked = beforeSay?.kind === 'entity' ? beforeSay.key.slice(1) : undefined;
    if (analysis.alternatives) {
      // A vague alternative ("… or everyone") names nothing a fact could bear out.
      const termsOf = (word: string) =>
        UNREPORTED_WORDS.has(word) ? [] : terms.filter(({ term }) => term.surface.split(' ').includes(word));
      const [first, second] = analysis.alternatives.map(termsOf) as [WeightedTerm[], WeightedTerm[]];
      for (const weighted of [...first, ...second]) {
        weighted.alternative = true;
        if (first.length === 0 || second.length === 0) weighted.guessed = true;
      }
    }
    return {
      analysis,
      terms,
      named,
      keys: new Set(unique.keys()),
      specificIntents: specific,
      // "how many outlets, one or several": either/or is answered by the alternative, not a figure.
      strictIntent: specific.some((i) => STRICT_INTENTS.has(i)) && !analysis.alternatives,
      asksWhatWasSaid: unique.has('say'),
      asksQuote,
      speakerAsked,
      spacedNames: terms
        .filter(({ term }) => term.kind === 'entity' && term.surface.includes(' '))
        .map(({ term }) => ` ${term.surface} `),
      bothJoined: analysis.alternatives
        ? [
            ` ${analysis.alternatives[0]} and ${analysis.alternatives[1]} `,
            ` ${analysis.alternatives[1]} and ${analysis.alternatives[0]} `,
          ]
        : undefined,
    };
  }

  /**
   * "what did the first estimate say", "what does the article say about …": the word for saying
   * follows a thing, not anyone; what it holds is asked for, not someone's words.
   */
  private thingSays(analysis: Analysis): boolean {
    const words = analysis.normalised.split(' ');
    // Only a word right after a thing that says (an estimate, the article) can be its saying: with no
    // such thing, no word need be folded, which is the costly part.
    let sayer = false;
    for (let i = 0; i + 1 < words.length && !sayer; i++)
      sayer = NON_SPEAKERS.has(words[i] as string) || itSays(words, i);
    if (!sayer) return false;
    let at = -1;
    for (let i = 0; i < words.length && at < 0; i++)
      if (this.analyser.fold(words[i] as string) === 'say') at = i;
    return at > 0 && (NON_SPEAKERS.has(words[at - 1] as string) || itSays(words, at - 1));
  }

  /** Whether one entity speaks for the other: the same, or one part of the other (a company's VP). */
  private sameSide(a: string, b: string): boolean {
    return this.lineage(a).includes(b) || this.lineage(b).includes(a);
  }

  /** The f-th fact's score for a question, read from the question's columns (see FactIndex.columns). */
  private score(query: PreparedQuery, columns: KeyColumns, f: number): Scored {
    const indexed = this.indexed[f] as IndexedFact;
    const triggered = indexed.triggers.size > 0;
    if (triggered && !sharesAny(query.keys, indexed.triggers)) return { indexed, score: 0, uncovered: [] };
    let total = 0;
    let covered = 0;
    let penalty = 0;
    let predicateCovered = false;
    let predicateAsked = false;
    const uncovered: Term[] = [];
    // Plain loops by the key's place k: scoring runs for every fact of every question.
    const { terms } = query;
    // Either/or: the fact needs to bear out one alternative only.
    let oneAlternativeCovered = false;
    // Only an either/or question's keys are marked as alternatives (see prepare).
    if (query.analysis.alternatives)
      for (let k = 0; k < terms.length; k++)
        if ((terms[k] as WeightedTerm).alternative && creditAt(columns, k, f) > 0)
          oneAlternativeCovered = true;
    for (let k = 0; k < terms.length; k++) {
      const { term, weight, missPenalty, alternative, guessed, dated } = terms[k] as WeightedTerm;
      if (term.kind === 'entity' && triggered) continue;
      // "did it launch on Christmas?" of a dated fact: the date is spoken to, and the verdict compares it.
      const credit = dated && indexed.fact.when !== undefined ? 1 : creditAt(columns, k, f);
      if (credit === 0 && (guessed || (oneAlternativeCovered && alternative))) continue;
      total += weight;
      if (term.kind !== 'entity') predicateAsked = true;
      if (credit > 0) {
        covered += weight * credit;
        if (term.kind !== 'entity') predicateCovered = true;
      } else {
        uncovered.push(term);
        penalty += missPenalty;
      }
    }
    if (total === 0) return { indexed, score: 0, uncovered };
    let score = covered / total - penalty;
    let strictMismatch = false;
    if (query.specificIntents.length > 0) {
      let answersOne = false;
      for (const intent of query.specificIntents) if (indexed.answers.has(intent)) answersOne = true;
      if (answersOne) score += INTENT_MATCH_BONUS;
      else if (query.strictIntent) strictMismatch = true;
      else score -= INTENT_MISMATCH_PENALTY;
    }
    if (query.asksWhatWasSaid && !indexed.isStatementBySomeone) score -= SAY_MISMATCH_PENALTY;
    if (query.asksQuote && indexed.fact.kind === 'quote') score += QUOTE_BONUS;
    // "what did Initech say": someone else's words (Globex's claim that it beats Initech), or no one's,
    // are not Initech's.
    const wrongSpeaker =
      query.speakerAsked !== undefined &&
      !(indexed.sayer && this.sameSide(query.speakerAsked, indexed.sayer));
    if (query.analysis.future && !indexed.speaksToFuture) score -= FUTURE_MISMATCH_PENALTY;
    if (indexed.coreWeight > 0) {
      let coreMatched = 0;
      for (let k = 0; k < terms.length; k++)
        if (columns.core[k * columns.facts + f]) coreMatched += (terms[k] as WeightedTerm).weight;
      score += PRECISION_BONUS * Math.min(1, coreMatched / indexed.coreWeight);
    }
    let bestSimilarity = 0;
    for (let q = this.factIndex.firstQuestion(f); q < this.factIndex.firstQuestion(f + 1); q++) {
      const shared = columns.shared[q] as number;
      if (shared === 0) continue;
      const union = query.keys.size + (this.factIndex.questionSizes[q] as number) - shared;
      if (union > 0 && shared / union > bestSimilarity) bestSimilarity = shared / union;
    }
    score += SIMILARITY_BONUS * bestSimilarity;
    // A name said in the words asked ("light rail", not only "the tram"), between facts that all name it.
    for (let i = 0; i < (columns.saidAsAsked[f] as number); i++) score += SAID_AS_ASKED_BONUS;
    const both = query.bothJoined;
    if (both && (indexed.text.includes(both[0]) || indexed.text.includes(both[1])))
      score += BOTH_ALTERNATIVES_BONUS;
    if (strictMismatch) score *= STRICT_INTENT_MISMATCH_FACTOR;
    if (predicateAsked && !predicateCovered) score *= PREDICATE_MISSED_FACTOR;
    if (wrongSpeaker) score *= SPEAKER_MISMATCH_FACTOR;
    // A trigger word settles it: any "should I buy …?" is a question for the disclaimer.
    if (triggered) score = Math.max(score, TRIGGERED_SCORE);
    return { indexed, score, uncovered };
  }

  /**
   * How well one fact answers a question (the ranking's score, 0 for an unknown fact), and whether
   * that is enough to answer with it: for choosing among facts the conversation points to.
   */
  scoreFor(question: string, factId: string): { score: number; answers: boolean } {
    const f = this.indexed.findIndex((indexed) => indexed.fact.id === factId);
    if (f < 0 || typeof question !== 'string' || question.length > MAX_QUESTION_LENGTH)
      return { score: 0, answers: false };
    const analysis = this.analyse(coreQuestion(question.trim()));
    if (analysis.terms.length === 0) return { score: 0, answers: false };
    const query = this.prepare(analysis);
    const { score } = this.score(query, this.columnsFor(query), f);
    return { score, answers: score >= this.threshold };
  }

  private rank(analysis: Analysis): Scored[] {
    const query = this.prepare(analysis);
    const columns = this.columnsFor(query);
    return bestFirst(this.indexed.map((_, f) => this.score(query, columns, f)));
  }

  /** The fact index's columns for a prepared question's keys: each key looked up once. */
  private columnsFor(query: PreparedQuery): KeyColumns {
    return this.factIndex.columns(
      query.terms.map(({ term }) => term.key),
      query.named,
      query.spacedNames,
    );
  }

  /**
   * What the first questions would otherwise wait for, as small steps to run between requests once
   * the bot is up: the English dictionary behind spelling correction (a misspelt question), the
   * ranking's first runs (each fact's own question), and last the language model (about a tenth of
   * a second). Start-up stays quick, and no step holds a request up for long.
   */
  *warmUpSteps(): Generator<void> {
    this.ask('waht did teh article say');
    yield;
    for (const fact of this.story.facts) {
      this.ask(fact.questions[0] ?? fact.statement);
      yield;
    }
    loadDetector();
  }

  /** The entities a text names, in order, each with the words that named it (after normalising). */
  entitiesIn(text: string): { entity: Entity; surface: string }[] {
    if (typeof text !== 'string' || text.trim() === '' || text.length > MAX_QUESTION_LENGTH) return [];
    const found: { entity: Entity; surface: string }[] = [];
    for (const term of this.analyse(text).terms) {
      const entity = term.kind === 'entity' ? this.story.entitiesById.get(term.key.slice(1)) : undefined;
      if (entity && !found.some((f) => f.entity.id === entity.id))
        found.push({ entity, surface: term.surface });
    }
    return found;
  }

  /**
   * A question's reading by the story's analyser, remembered like answers (EngineOptions.answerCache):
   * shared by every caller, so frozen, with its lists.
   */
  analyse(text: string): Analysis {
    if (this.answerCacheSize === 0 || text.length > MAX_QUESTION_LENGTH)
      return this.analyser.analyseQuestion(text);
    return remembered(this.readings, text, this.answerCacheSize, () => {
      const analysis = this.analyser.analyseQuestion(text);
      Object.freeze(analysis.terms);
      Object.freeze(analysis.corrections);
      Object.freeze(analysis.numbers);
      return Object.freeze(analysis);
    });
  }

  /**
   * What `make` works out from a question's text and this story alone (nothing of the conversation or
   * of who asks), remembered by `kind` and text like answers (EngineOptions.answerCache): the
   * conversation layer's readings of a question, worked out once however often it is asked. Shared by
   * every caller, so frozen, with its lists and objects; `undefined` is remembered too.
   */
  recall<V>(kind: string, text: string, make: () => V): V {
    if (this.answerCacheSize === 0 || text.length > MAX_QUESTION_LENGTH) return make();
    let memory = this.recalled.get(kind);
    if (!memory) {
      memory = new Map();
      this.recalled.set(kind, memory);
    }
    const known = remembered(memory, text, this.answerCacheSize, () => ({ value: deepFrozen(make()) }));
    return known.value as V;
  }

  /** Answers one question, or says honestly that the article does not. Never throws. */
  ask(rawQuestion: string): EngineResult {
    const question = typeof rawQuestion === 'string' ? rawQuestion : '';
    // Over-long questions are refused at once: remembering them would only hold their text.
    if (this.answerCacheSize === 0 || question.length > MAX_QUESTION_LENGTH) return this.answer(question);
    return remembered(this.answers, question, this.answerCacheSize, () => frozen(this.answer(question)));
  }

  /** Answers a question from the facts (see ask). */
  private answer(question: string): EngineResult {
    if (question.trim().length === 0) return notAnswered(question, 'empty', this.featuredSuggestions());
    if (question.trim().length > MAX_QUESTION_LENGTH)
      return notAnswered(question, 'too_long', this.featuredSuggestions());
    // Chat around the question ("as an investor:", "… in one line") asks nothing of the article.
    const trimmed = coreQuestion(question.trim());
    // Read as English, another language's words would match facts by chance (a name, a number):
    // an unrelated answer is worse than none.
    if (this.language.foreignLanguageOf(trimmed)) {
      const named = this.entitiesIn(trimmed).map((found) => found.entity);
      return {
        ...notAnswered(question, 'not_english', this.suggestionsAbout(named)),
        about: named.map((e) => e.name),
      };
    }
    const analysis = this.analyse(trimmed);
    // "what's the best AI app to use": a recommendation, which a news article does not make.
    if (RECOMMENDATION.test(trimmed.toLowerCase()))
      return notAnswered(question, 'not_in_article', this.featuredSuggestions());
    // When the piece itself came out is not one of its facts; unless its metadata says, no one knows.
    if (ASKS_PUBLICATION.test(trimmed.toLowerCase()) && !this.story.published)
      return notAnswered(question, 'not_in_article', this.featuredSuggestions());
    const place = placeAsked(trimmed);
    if (analysis.terms.length === 0 && !place)
      return notAnswered(question, 'too_vague', this.featuredSuggestions());
    // "is this a real news story?": the article's own truth is settled only by what it says of itself
    // (a fact about no one, such as a note that it is fiction), never by a denial it reports.
    const truthAsked = articleTruthAsked(trimmed);
    const ranked = truthAsked
      ? this.rank(analysis).filter((s) => s.indexed.fact.entities.length === 0)
      : this.rank(analysis);
    if (ranked.length === 0) return notAnswered(question, 'not_in_article', this.featuredSuggestions());
    let best = ranked[0] as Scored;
    // A note about the article that denies what is asked of it ("this story is fictional") settles it,
    // as its trigger words would.
    const keys = new Set(analysis.terms.map((t) => t.key));
    const denying = truthAsked
      ? ranked.find(
          (s) =>
            s.indexed.fact.stance === 'denied' &&
            (s.indexed.fact.negates ?? []).some((w) => keys.has(this.analyser.fold(w))),
        )
      : undefined;
    if (denying) best = { ...denying, score: Math.max(denying.score, TRIGGERED_SCORE), uncovered: [] };
    // "how does the article end", "what's the headline saying": the article's own order answers,
    // and the question's other words ("how does it describe Globex at the start") pick within it.
    const rest = place ? this.analyse(place.rest) : undefined;
    // "how does it describe Globex in the what's-next part": the facts of the section its heading names.
    const section = place ? undefined : this.sectionAsked(trimmed);
    const placed =
      place && rest
        ? this.atPlace(place.place, this.rank(rest), rest)
        : section
          ? this.inSection(section)
          : undefined;
    // "why did Globex launch it on a holiday": a reason is asked, which a fact telling only what
    // happened does not give.
    const reason = !placed && asksReason(analysis) ? this.reasonAmong(ranked, analysis) : undefined;
    if (placed) best = placed;
    else if (reason && reason !== 'none') best = reason;
    else if (best.score < this.threshold) {
      const unknown = analysis.terms.filter(
        (t) => this.isUnknownToStory(t) && !UNREPORTED_WORDS.has(t.surface),
      );
      // Echoed as typed: normalising folds "invirtió" to "invirtio" for matching, not for showing.
      // Read only when there is a word to echo, and only as far as those words: it normalises the
      // question again, word by word.
      const spellings =
        unknown.length > 0 ? typedSpellings(trimmed, new Set(unknown.map((t) => t.surface))) : undefined;
      const unknownTerms = [...new Set(unknown.map((t) => spellings?.get(t.surface) ?? t.surface))];
      return notAnswered(
        question,
        'not_in_article',
        this.nearestSuggestions(ranked),
        unknownTerms,
        confidenceOf(best.score),
      );
    }
    if (reason === 'none') return this.withholding(question, ranked, best, best, 'reason');
    // "which directors voted against" of a fact that only counts them: the number, not the names.
    const counted = placed ? undefined : this.countedNotNamed(trimmed, analysis, ranked);
    if (counted) return this.withholding(question, ranked, best, counted, { names: counted.names });
    // The question asks for a kind of detail (a name, someone's response) that the fact does not hold:
    // the nearest fact is not an answer; the next one that holds it and answers well enough is.
    if (!placed && this.lacksAskedDetail(trimmed, analysis, best.indexed)) {
      const holding = ranked
        .slice(1, 4)
        .find((s) => s.score >= this.threshold && !this.lacksAskedDetail(trimmed, analysis, s.indexed));
      if (!holding)
        return notAnswered(
          question,
          'not_in_article',
          this.nearestSuggestions(ranked),
          [],
          confidenceOf(best.score),
        );
      best = holding;
    }
    // "did Ruritania ban it for officials only or everyone": a fact that bears out neither
    // alternative does not say which.
    if (!placed && this.settlesNeither(analysis, best))
      return notAnswered(
        question,
        'not_in_article',
        this.nearestSuggestions(ranked),
        [],
        confidenceOf(best.score),
      );
    // "why did Globex invest in Initech?" of a denial of every word of it: the premise is denied, and
    // the denial answers before any reason given for something else.
    const premiseDenied =
      !placed && analysis.intents.has('why') && !analysis.yesNo
        ? ranked.slice(0, 4).find((s) => s.score >= this.threshold && this.deniesPremise(analysis, s))
        : undefined;
    if (premiseDenied) best = premiseDenied;
    // "how much more does it cost than the first estimate": a difference is asked, which a fact telling
    // by how much it changed gives, before one giving either figure alone.
    if (!placed && DIFFERENCE_ASKED.test(trimmed) && !givesChange(best.indexed.fact)) {
      const change = ranked.slice(1, 4).find((s) => s.score >= this.threshold && givesChange(s.indexed.fact));
      if (change) best = change;
    }
    // "does Globex use Initech chips": of two names asked about together, a fact that speaks of one
    // only does not answer how they stand to each other. "is Initech smarter than Umbrella" of a fact
    // whose "outperforms" is said of Globex: what is asked is said of others.
    if (
      !placed &&
      (this.leavesNameOut(analysis, best) ||
        this.saidOfOthers(analysis, best) ||
        askedKindFolded(trimmed, analysis, best.indexed.fact) ||
        askedKindMissing(trimmed, best, this.story) ||
        this.placedElsewhere(analysis, best) ||
        notYetSaid(analysis, best.indexed))
    )
      return notAnswered(
        question,
        'not_in_article',
        this.nearestSuggestions(ranked),
        [],
        confidenceOf(best.score),
      );
    // "which of Globex's models, Widget 3?": a name guessed that the article never mentions is not
    // the one it gives.
    const guess = placed ? [] : this.guessedName(trimmed, best);
    if (guess.length > 0)
      return notAnswered(
        question,
        'not_in_article',
        this.nearestSuggestions(ranked),
        guess,
        confidenceOf(best.score),
      );
    const fact = best.indexed.fact;
    // "what does Globex claim about how much it costs": a "how much" the question only embeds asks no figure.
    const asked = analysis.intents.has('how-much') ? trimmed : trimmed.replace(/\bhow much\b/gi, ' ');
    const lacks = placed
      ? undefined
      : (lacksAmountOrDate(asked, fact) ?? this.lacksShareOf(trimmed, fact) ?? lacksPeriod(trimmed, fact));
    if (lacks) return this.withholding(question, ranked, best, best, lacks);
    if (!placed && (askedThingUnknown(analysis, best) || askedOutside(trimmed, fact)))
      return notAnswered(
        question,
        'not_in_article',
        this.nearestSuggestions(ranked),
        [],
        confidenceOf(best.score),
      );
    const runnerUp = ranked.find((s) => s.indexed.fact.quote !== fact.quote);
    const bounds = boundsIn(trimmed);
    const uncovered = beyondBounds(best.uncovered, bounds, fact);
    // Where in the article a fact stands is known outright, like a trigger word's answer.
    const evidence = placed
      ? { score: TRIGGERED_SCORE, margin: TRIGGERED_SCORE, uncovered: 0, unknown: 0 }
      : {
          score: best.score,
          margin: best.score - (runnerUp?.score ?? 0),
          uncovered: uncovered.length,
          unknown: analysis.terms.filter((t) => this.isUnknownToStory(t)).length,
        };
    const confidence = probability(this.calibration, evidence);
    // Either/or is answered with the alternative that holds, never Yes or No; of a question the
    // article leaves open ("will it keep growing or get shut down"), with neither.
    const open = fact.stance === 'open';
    const verdict = analysis.alternatives
      ? open
        ? 'open'
        : undefined
      : this.verdict(analysis, best, trimmed, bounds, uncovered);
    const alternative =
      analysis.alternatives && !open
        ? bounds.length > 0 && comparatives(analysis.alternatives)
          ? boundAlternative(analysis.alternatives, bounds, fact)
          : ((joinsBoth(analysis.alternatives, best.indexed.text) ? 'Both' : undefined) ??
            settledAlternative(analysis.alternatives, fact) ??
            this.coveredAlternative(analysis, best.indexed) ??
            alternativeNamedIn(analysis.alternatives, fact))
        : undefined;
    const count = analysis.intents.has('how-many') && !verdict ? countNamed(fact) : undefined;
    const because = reason?.because;
    const stated = alternative
      ? `${alternative} — ${lowerOpener(fact.statement)}`
      : because
        ? `${fact.statement} The article gives it under this: ${because.statement}`
        : premiseDenied
          ? `The article says otherwise: ${fact.statement}`
          : place?.place === 'headline'
            ? `The headline: “${this.story.title}”. ${fact.statement}`
            : count
              ? `${count} named — ${lowerOpener(fact.statement)}`
              : withVerdict(placed ? undefined : verdict, fact, this.story);
    return {
      answered: true,
      question,
      fact,
      answer: truncateAtWord(stated, MAX_ANSWER_LENGTH),
      quote: fact.quote,
      confidence: confidenceOf(confidence),
      ...(verdict && !placed ? { verdict } : {}),
      ...(because ? { because } : {}),
      related: this.relatedTo(best, ranked),
      hedged: confidence < this.calibration.answerAt,
      evidence,
    };
  }

  /**
   * The fact that gives the reason a why-question asks, when the best fact tells only what happened:
   * one of the next few that gives a reason for the same thing (a topic, or a name other than the
   * story's main subjects), the two covering every word asked between them ("why did Globex launch
   * Widget on New Year's Day" of the launch's date, and analysts' view of why it launched).
   * `none`: the best fact answers well enough, but no fact gives its reason; undefined: the
   * ranking stands (its best gives a reason, or nothing answers).
   */
  private reasonAmong(
    ranked: Scored[],
    analysis: Analysis,
  ): (Scored & { because?: Fact }) | 'none' | undefined {
    const top = ranked.slice(0, 4).filter((s) => s.score > REASON_PAIR_SCORE);
    const [first] = top;
    // "why did Globex invest?" of its denial: the denial answers, before any reason.
    if (!first || first.indexed.fact.stance === 'denied') return undefined;
    // A premise ("if it is so cheap, why …") is not asked.
    const aside = asideWords(analysis.normalised);
    const asked = (t: Term) => !t.surface.split(' ').every((w) => aside.has(w));
    // The reason is for the same thing: a name beside the story's main subjects, or a topic, when the
    // reason leaves out no name asked ("why did Globex's stock rise" is not Initech's drop's reason).
    const sameThing = (told: Scored, reason: Scored) =>
      told.indexed.fact.entities.some(
        (e) => !this.mainSubjects.has(e) && reason.indexed.fact.entities.includes(e),
      ) ||
      (told.indexed.fact.topics.some((t) => reason.indexed.fact.topics.includes(t)) &&
        !reason.uncovered.some((t) => t.kind === 'entity' && asked(t)));
    const together = (a: Scored, b: Scored) =>
      !a.uncovered.some((t) => asked(t) && b.uncovered.some((u) => u.key === t.key));
    // Asked why something was done, a fact saying what forced it gives its cause too.
    const gives = (s: Scored) =>
      s.indexed.answers.has('why') || givesReason(s.indexed.fact, analysis.normalised);
    if (gives(first)) {
      if (first.score >= this.threshold) return undefined;
      // Below the bar alone, it may still answer beside the fact telling what happened.
      const told = top.find((s) => !gives(s) && sameThing(s, first) && together(s, first));
      return told && told.score + first.score >= this.threshold ? first : undefined;
    }
    const giving = top.find((s) => s !== first && gives(s) && sameThing(first, s) && together(first, s));
    if (giving) return giving;
    // An item of a list the article hangs from a sentence giving a reason ("this claim sent
    // shockwaves across the industry:"), unless it happened in spite of it ("despite the turmoil, …").
    const under = this.leadIns.get(first.indexed.fact.id);
    if (
      first.score >= this.threshold &&
      under?.answers.has('why') &&
      !/\bdespite\b/i.test(first.indexed.fact.quote)
    )
      return { ...first, because: under.fact };
    return first.score >= this.threshold ? 'none' : undefined;
  }

  /**
   * The words of a name guessed after a which- or what-question ("which of Globex's models did it
   * beat, Widget 3?") when the article never uses any of them; else none.
   */
  private guessedName(question: string, best: Scored): string[] {
    const guess = GUESSED_NAME.exec(question)?.[1];
    // "which launched, A or B?" offers alternatives, not a guess.
    if (!guess || guess.trim().split(/\s+/).length > 3 || /\bor\b/i.test(guess)) return [];
    const terms = this.analyse(guess).terms;
    const unknown = terms.filter((t) => t.kind === 'unknown');
    if (unknown.length > 0 && terms.every((t) => t.kind === 'unknown' || t.kind === 'number'))
      return unknown.map((t) => t.surface);
    // "…, Llama 3?": a version the fact does not give, of a name it may stand for.
    const numbered = terms.some((t) => t.kind === 'number' && !best.indexed.text.includes(` ${t.surface} `));
    return numbered && terms.every((t) => t.kind !== 'word') ? [guess.trim().toLowerCase()] : [];
  }

  /**
   * Whether an either/or's alternatives are words the fact covers none of: both, or one beside a
   * vague one ("for officials only or everyone"). A guess with no words ("on Twitter or what") is
   * not an alternative to settle.
   */
  private settlesNeither(analysis: Analysis, best: Scored): boolean {
    // A trigger word's fact ("should I buy A or B") answers whatever the alternatives.
    if (!analysis.alternatives || best.indexed.triggers.size > 0) return false;
    const vague = analysis.alternatives.some((word) => UNREPORTED_WORDS.has(word));
    const keysOf = (word: string) =>
      UNREPORTED_WORDS.has(word)
        ? []
        : analysis.terms.filter((t) => t.surface.split(' ').includes(word)).map((t) => t.key);
    const [first, second] = analysis.alternatives.map(keysOf) as [string[], string[]];
    if ((first.length === 0 || second.length === 0) && !vague) return false;
    const keys = [...first, ...second];
    return keys.length > 0 && keys.every((key) => !best.indexed.coverage.has(key));
  }

  /**
   * Whether a word asked is one the fact says of other things than the ones named, of their kind
   * ("is Initech smarter than Umbrella" of "Widget outperforms Umbrella … and Initech’s model").
   */
  private saidOfOthers(analysis: Analysis, best: Scored): boolean {
    const named = analysis.terms.filter((t) => t.kind === 'entity').map((t) => t.key);
    return best.uncovered.some((t) => {
      const owners = best.indexed.bound.get(t.key);
      return (
        owners !== undefined && named.some((n) => [...owners].some((o) => this.kindOf(o) === this.kindOf(n)))
      );
    });
  }

  /** The kind of the entity a key (`@id`) names: a method, not a closure made on every question. */
  private kindOf(key: string): Entity['kind'] | undefined {
    return this.story.entitiesById.get(key.slice(1))?.kind;
  }

  /** Whether a denial covers every word of the question and denies one of them ("invest" of "why did it invest"). */
  private deniesPremise(analysis: Analysis, scored: Scored): boolean {
    const fact = scored.indexed.fact;
    // "why did Globex deny it" asks the reason for the denial.
    if (
      fact.stance !== 'denied' ||
      scored.uncovered.length > 0 ||
      this.analyser.mentionsDenial(analysis.terms)
    )
      return false;
    const denied = new Set((fact.negates ?? []).map((w) => this.analyser.fold(w)));
    return analysis.terms.some((t) => denied.has(t.key));
  }

  /** Whether the question names two or more things and the fact leaves out the first of them, not all. */
  private leavesNameOut(analysis: Analysis, best: Scored): boolean {
    // Every test below is of a name the question holds: a question naming nothing leaves none out.
    if (!analysis.terms.some((t) => t.kind === 'entity')) return false;
    // A name in a premise or a likeness ("like Initech did") is not asked about.
    const aside = asideWords(analysis.normalised);
    const named = [...new Set(analysis.terms.filter((t) => isNameAsked(t, aside)).map((t) => t.key))];
    const left = new Set(best.uncovered.filter((t) => isNameAsked(t, aside)).map((t) => t.key));
    // It speaks of none of the names asked about (a trigger word's fact speaks to every name).
    if (
      named.length > 0 &&
      left.size === named.length &&
      best.indexed.triggers.size === 0 &&
      named.some((key) => this.aboutAnother(key, best))
    )
      return true;
    // "what Initech chips does Globex use": the subject of the verb, after its auxiliary, is what the
    // question is about.
    const subject = subjectAfterAuxiliary(analysis);
    if (subject && left.has(subject) && this.aboutAnother(subject, best)) return true;
    // "how much did Globex drop" of a fact naming Globex beside Initech's figure: the figures are of
    // another thing of its kind.
    if (subject && analysis.intents.has('how-much')) {
      const owners = (best.indexed.fact.figures ?? []).flatMap((f) =>
        this.analyser
          .analyseText(`${f.label} ${f.subject ?? ''}`)
          .filter((t) => t.kind === 'entity')
          .map((t) => t.key),
      );
      if (
        owners.length > 0 &&
        !owners.includes(subject) &&
        owners.every((o) => this.kindOf(o) === this.kindOf(subject))
      )
        return true;
    }
    if (named.length < 2) return false;
    // The first name is the one the question is about ("does Globex use …", "is Acme owned by …"):
    // a fact about the others only may still settle it ("Is Widget owned by Globex?" → by Initech).
    if (!left.has(named[0] as string) || left.size >= named.length) return false;
    // Two things of a kind (two companies): a fact about the other one is about something else. A
    // place or a setting beside a company ("why does the US care where Globex keeps data") may be
    // only the setting.
    const first = this.kindOf(named[0] as string);
    return named.slice(1).some((key) => !left.has(key) && this.kindOf(key) === first);
  }

  /**
   * A fact whose own subject is another thing of the kind left out ("the leading chipmaker" Initech,
   * asked "who leads Globex") speaks of something else. Of the story's main subjects, which most
   * facts speak of without naming, only such a fact is about something else.
   */
  private aboutAnother(key: string, best: Scored): boolean {
    return (
      !this.mainSubjects.has(key.slice(1)) ||
      this.kindOf(`@${best.indexed.fact.entities[0]}`) === this.kindOf(key)
    );
  }

  /**
   * Not answered, with a fact withheld for lacking the kind of detail asked (a reason, names, an
   * amount …), offered with what it does say; as sure as the best fact's score.
   */
  private withholding(
    question: string,
    ranked: Scored[],
    best: Scored,
    withheld: Scored,
    lacks: Lacks,
  ): EngineResult {
    const { fact } = withheld.indexed;
    return {
      ...notAnswered(
        question,
        'not_in_article',
        this.nearestSuggestions(ranked),
        [],
        confidenceOf(best.score),
      ),
      withheld: { fact, quote: fact.quote, related: this.relatedTo(withheld, ranked), lacks },
    };
  }

  /**
   * "how many parking spaces go in Old Town" of a fact about spaces in Northside: the question asks
   * about a place the fact does not speak of, and the fact is set in another place (not one that
   * holds the place asked about).
   */
  private placedElsewhere(analysis: Analysis, best: Scored): boolean {
    // Only a name left uncovered can be a place asked about: most answers leave none.
    if (!best.uncovered.some((t) => t.kind === 'entity')) return false;
    const aside = asideWords(analysis.normalised);
    const isPlace = (id: string) => this.story.entitiesById.get(id)?.kind === 'place';
    // Only a place something is asked to be in ("in Old Town", "on Main Street"): a place that acts
    // ("why does Ruritania care where …") is a subject, which a fact set elsewhere may still answer.
    const located = (surface: string) =>
      new RegExp(
        `\\b(?:in|at|on|near|along|around|across|inside|within|outside)\\s+(?:the\\s+)?${escapeRegExp(surface)}\\b`,
      ).test(analysis.normalised);
    const asked = best.uncovered
      .filter(
        (t) => t.kind === 'entity' && !t.surface.split(' ').every((w) => aside.has(w)) && located(t.surface),
      )
      .map((t) => t.key.slice(1))
      .filter(isPlace);
    return asked.some((id) =>
      best.indexed.fact.entities.some((other) => isPlace(other) && !this.lineage(id).includes(other)),
    );
  }

  /**
   * The fact a question about the article's own order asks for: of the facts quoting the first (or
   * the last) paragraph that has any, the one the question's other words match best, else the first
   * (or the last) of them. A disclaimer (a fact answering trigger words) is not the article's end.
   */
  private atPlace(place: Place, ranked: Scored[], rest: Analysis): Scored | undefined {
    const at = (s: Scored) => this.story.text.indexOf(s.indexed.fact.quote);
    const lines = this.story.text.split('\n');
    const lineOf = (offset: number) => {
      let end = 0;
      for (const [i, line] of lines.entries()) {
        end += line.length + 1;
        if (offset < end) return i;
      }
      return lines.length - 1;
    };
    const inText = ranked.filter((s) => at(s) >= 0 && s.indexed.triggers.size === 0);
    if (inText.length === 0) return undefined;
    const paragraphs = inText.map((s) => lineOf(at(s)));
    const wanted = place === 'end' ? Math.max(...paragraphs) : Math.min(...paragraphs);
    const there = inText.filter((_, i) => paragraphs[i] === wanted);
    // Of those that match, one about what is named (its first entity) before one that mentions it.
    const named = new Set(rest.terms.filter((t) => t.kind === 'entity').map((t) => t.key));
    const about = (s: Scored) => (named.has(`@${s.indexed.fact.entities[0]}`) ? 1 : 0);
    const matched = there
      .filter((s) => s.score >= this.threshold)
      .sort((a, b) => about(b) - about(a) || b.score - a.score);
    if (matched.length > 0) return matched[0];
    const order = (s: Scored) => this.indexed.indexOf(s.indexed);
    const ordered = [...there].sort((a, b) => at(a) - at(b) || order(a) - order(b));
    return place === 'end' ? ordered[ordered.length - 1] : ordered[0];
  }

  /**
   * The section of the article a question names by its heading's words ("in the what's next part",
   * "the section about paying for the line"), and the question without those words; undefined when
   * it names none, or words that more than one heading shares.
   */
  private sectionAsked(question: string): { start: number; end: number; rest: string } | undefined {
    const lower = question.toLowerCase();
    // Most questions name no part of the article: the cheap test first (apostrophes hold none of its words).
    if (!SECTION_WORD.test(lower)) return undefined;
    const text = lower.replace(/[’']/g, "'");
    const named = SECTION_NAMED.exec(text) ?? SECTION_ABOUT.exec(text) ?? undefined;
    if (!named) return undefined;
    const asked = new Set(
      this.analyser
        .analyseText(named[1] as string)
        .filter((t) => t.kind !== 'number')
        .map((t) => t.key),
    );
    if (asked.size === 0) return undefined;
    const lines = this.story.text.split('\n');
    let offset = 0;
    const headings: { at: number; keys: Set<string> }[] = [];
    for (const [i, line] of lines.entries()) {
      // A heading: a short line of its own, neither the title nor a list item, with no closing stop.
      if (
        i > 0 &&
        line.trim() !== '' &&
        line.length < 100 &&
        !/^\s*[-•*]/.test(line) &&
        !/[.!:;,"”]\s*$/.test(line)
      )
        headings.push({ at: offset, keys: new Set(this.analyser.analyseText(line).map((t) => t.key)) });
      offset += line.length + 1;
    }
    const overlap = (keys: Set<string>) => [...asked].filter((k) => keys.has(k)).length;
    const best = Math.max(0, ...headings.map((h) => overlap(h.keys)));
    const matching = headings.filter((h) => overlap(h.keys) === best);
    if (best === 0 || matching.length !== 1) return undefined;
    const at = (matching[0] as { at: number }).at;
    const next = headings.find((h) => h.at > at)?.at ?? this.story.text.length;
    return {
      start: at,
      end: next,
      rest: question.replace(new RegExp(escapeRegExp(named[0]), 'i'), ' '),
    };
  }

  /** The fact of a section that its question's other words match best, if any matches well enough. */
  private inSection(section: { start: number; end: number; rest: string }): Scored | undefined {
    const rest = this.analyse(section.rest);
    if (rest.terms.length === 0) return undefined;
    return this.rank(rest).find((s) => {
      const at = this.story.text.indexOf(s.indexed.fact.quote);
      return at >= section.start && at < section.end && s.score >= this.threshold;
    });
  }

  /**
   * "which directors voted against", "list the branches": the names of things a fact near the top only
   * counts ("four directors"), naming fewer people or items than it counts. The fact and its count.
   */
  private countedNotNamed(
    question: string,
    analysis: Analysis,
    ranked: Scored[],
  ): (Scored & { names: string }) | undefined {
    if (!ASKS_NAMES.test(question.toLowerCase().replace(OPENING_FILLER, ''))) return undefined;
    if (analysis.intents.has('how-many') || analysis.yesNo) return undefined;
    const asked = new Set(analysis.normalised.split(' ').map((w) => stem(w)));
    for (const scored of ranked.slice(0, 4)) {
      if (scored.score < this.threshold) break;
      const fact = scored.indexed.fact;
      const named =
        fact.entities.filter((id) => this.story.entitiesById.get(id)?.kind === 'person').length +
        (fact.items?.length ?? 0);
      // A count of the things asked for, or a vote's split (which counts those who voted).
      const figure = (fact.figures ?? []).find(
        (f) =>
          named < f.value &&
          ((f.unit === 'count' &&
            f.counts !== undefined &&
            asked.has(stem(f.counts.split(' ').at(-1) as string))) ||
            (f.unit === 'votes' && asked.has(stem('vote')))),
      );
      if (figure)
        return { ...scored, names: figure.unit === 'votes' ? `a ${figure.text} vote` : figure.text };
    }
    return undefined;
  }

  /**
   * "what percentage of voters approved it": a share of a whole the question names. A fact whose
   * percentages are all of something else (a tax rate, a price's rise) does not give it.
   */
  private lacksShareOf(question: string, fact: Fact): ShareOf | undefined {
    const whole = SHARE_OF.exec(question.toLowerCase())?.[1];
    const percentages = (fact.figures ?? []).filter((f) => f.unit === 'percent');
    if (!whole || percentages.length === 0) return undefined;
    // "what share of (the) people …": a vague whole, which any group of people the fact counts is.
    if (
      this.analyser
        .normalise(whole)
        .split(' ')
        .some((w) => UNREPORTED_WORDS.has(w))
    )
      return undefined;
    // Those who do a thing are named after it: "commenters" are residents who commented.
    const doer = /^(.{3,}?)(?:er|or)s?$/.exec(whole)?.[1];
    const keys = [whole, ...(doer ? [doer, `${doer}e`] : [])].flatMap((w) =>
      this.analyser.analyseText(w).map((t) => t.key),
    );
    const of = new Set(
      percentages.flatMap((f) =>
        this.analyser.analyseText(`${f.label} ${f.subject ?? ''}`).map((t) => t.key),
      ),
    );
    return keys.length === 0 || keys.some((k) => of.has(k))
      ? undefined
      : { whole, percentages: percentages.map((f) => f.text) };
  }

  /**
   * Whether the question asks for a detail of a kind the fact does not hold:
   * - whether a named party responded, commented or denied ("did Initech respond?"), of a fact that
   *   reports no words of that party;
   * - a name ("what is the lab called?", "what's the expert's name?"), of a fact that names nothing
   *   beyond what the question names, or of a person the article leaves unnamed;
   * - the holder of a title at a company ("who is Globex's CEO?") when no person of that company the
   *   article names holds it.
   */
  private lacksAskedDetail(question: string, analysis: Analysis, indexed: IndexedFact): boolean {
    // Politeness at the end ("… name please") does not change what is asked.
    const lower = question.toLowerCase();
    const unquoted = lower.includes('’') ? lower.replace(/[’]/g, "'") : lower;
    const text = endsPolitely(unquoted)
      ? unquoted.replace(/(?:[\s,.!?]+(?:please|pls|plz|thanks|thx|ty))+[\s.!?]*$/, '')
      : unquoted;
    const named = analysis.terms
      .filter((t) => t.kind === 'entity')
      .map((t) => ({ surface: t.surface, entity: this.story.entitiesById.get(t.key.slice(1)) }))
      .filter((n): n is { surface: string; entity: Entity } => n.entity !== undefined);
    const words = analysis.normalised.split(' ');
    // "did Initech (itself, ever …) respond": the party named within three words before the verb.
    if (analysis.yesNo || /^how (?:did|does|has|have)\b/.test(text)) {
      for (const { surface, entity } of named) {
        // Places and products do not answer back; "how did Silicon Valley react" asks of the market there.
        if (entity.kind === 'place' || entity.kind === 'product') continue;
        const at = indexOfWords(words, surface.split(' '));
        if (at < 0) continue;
        const after = words.slice(at + surface.split(' ').length, at + surface.split(' ').length + 4);
        const verbAt = after.findIndex((w) => RESPONSE_VERBS.has(w));
        // The party's own response ("did Initech itself ever respond", "issue a statement"), not a
        // thing of theirs that was one ("was Initech's model launch a reaction to …").
        if (verbAt < 0 || !after.slice(0, verbAt).every((w) => STOPWORDS.has(w) || RESPONSE_FRAME.has(w)))
          continue;
        // "is the stake in Initech confirmed": a thing confirmed (or denied), not Initech's response.
        if (BE_OPENER.test(text) && (after[verbAt] as string).endsWith('ed')) continue;
        if (!indexed.sayer || !this.sameSide(entity.id, indexed.sayer)) return true;
      }
    }
    const fact = indexed.fact;
    // "what does ABC stand for": the full name the letters stand for, in the fact's own words.
    if (text.includes(' for') && /\bstands? for\b|\bshort for\b/.test(text)) {
      for (const { surface, entity } of named) {
        const full = expansionOf(surface, entity);
        if (!full || !`${fact.statement} ${fact.quote}`.toLowerCase().includes(full.toLowerCase()))
          return true;
      }
    }
    // Every way of asking a name holds "name" or "called".
    const asksName =
      (text.includes('name') || text.includes('called')) &&
      /\bnames? of\b|^(?:what|which|who)\b.*\bnames?\W*$|^what(?:'s| is| was| are| were)\b.*\bcalled\W*$|^(?:what|who)\b.*\bnamed\W*$/.test(
        text,
      );
    // "who's the expert": who they are is asked, and the article never names them.
    const opened = text.replace(OPENING_FILLER, '');
    const asksWho = /^who(?:'s|s| is| was| are| were)\b/.test(opened);
    if (asksName || asksWho) {
      if (named.some(({ entity }) => isUnnamed(entity))) return true;
    }
    // "what's the mayor's name": someone named by a title is asked for by name, which the fact gives.
    const byTitle = named.some(
      ({ surface, entity }) =>
        !this.normalisedNames.get(entity.id)?.includes(surface) &&
        (fact.entities.includes(entity.id) || fact.speaker === entity.id),
    );
    if (asksName && !byTitle) {
      const questionIds = new Set(named.flatMap(({ entity }) => this.lineage(entity.id)));
      // The story's main subjects, which most facts name, are not the names asked for ("what are the
      // stops called" of a fact naming only the line).
      for (const id of this.mainSubjects) questionIds.add(id);
      if (this.offeredBeyond(fact, questionIds).length === 0) return true;
    }
    // "who denied the Globex deal": someone who did it is asked for, and a fact naming no one but the
    // question's own names does not say who ("who is Globex" asks about Globex itself).
    if (
      /^who\b/.test(opened) &&
      !/^who(?:'s|s| is| are| was| were| exactly)\b/.test(opened) &&
      named.length > 0
    ) {
      // Anyone else counts, unnamed or a part of what is named (its VP), or the whole it belongs to.
      const questionIds = new Set(named.map(({ entity }) => entity.id));
      const agents = this.offeredBeyond(fact, questionIds, true).filter((id) => {
        // A place or a product does nothing: "who" asks for a person or a body.
        const kind = this.story.entitiesById.get(id)?.kind;
        return kind !== 'place' && kind !== 'product';
      });
      if (agents.length === 0) return true;
    }
    // "which Union countries …": members of a body are asked for; a fact naming none of its members
    // (only that "several" are) does not say which. So are "which analysts …", "which intelligence
    // agencies …": the members of a collective the article only names as one.
    if (/^(?:which|what)\b/.test(opened)) {
      for (const { surface, entity } of named) {
        if (!MEMBERSHIP_KINDS.has(entity.kind)) continue;
        const at = indexOfWords(words, surface.split(' '));
        const next = at < 0 ? undefined : words[at + surface.split(' ').length];
        // The collective itself, named in the plural, right after "what" or after "which" (an
        // adjective or "of the" between).
        const collective =
          isCollective(entity) &&
          /[^s]s$/.test(surface) &&
          // ("what share of residents", read as how much, asks a figure of them, not their members)
          ((at === 1 && (words[0] === 'what' || words[0] === 'which')) ||
            (words[0] === 'which' &&
              at > 0 &&
              at <= 3 &&
              !words.slice(1, at).some((w) => AUXILIARIES.has(w))));
        // "which countries in the Union": its members, asked before it.
        const within =
          at >= 2 &&
          /^(?:in|of|from|within)$/.test(words[words[at - 1] === 'the' ? at - 2 : at - 1] ?? '') &&
          MEMBER_NOUNS.has(words[words[at - 1] === 'the' ? at - 3 : at - 2] ?? '');
        if (!collective && !within && (!next || !MEMBER_NOUNS.has(next))) continue;
        const members = this.offeredBeyond(fact, new Set([entity.id])).filter((id) =>
          this.lineage(id).slice(1).includes(entity.id),
        );
        if (members.length === 0) return true;
      }
    }
    // "how many people in Ruritania use it": a count of a thing the fact does not speak of.
    const counted = words[words.indexOf('howmany') + 1];
    const countedTerm = words.includes('howmany')
      ? analysis.terms.find((t) => t.kind !== 'entity' && t.kind !== 'number' && t.surface === counted)
      : undefined;
    if (
      countedTerm &&
      !UNIT_WORDS.has(countedTerm.surface) &&
      !indexed.coverage.has(countedTerm.key) &&
      !givesCount(fact)
    )
      return true;
    // "how many merchants use the translation service" of a list one of whose items speaks of
    // merchants: the list counts its items, not what one of them is said of.
    if (countedTerm && (fact.items?.length ?? 0) > 0) {
      const root = new RegExp(`\\b${escapeRegExp(stem(countedTerm.surface))}`, 'i');
      const labels = (fact.items ?? []).map((item) => item.label.toLowerCase());
      const outside = labels.reduce(
        (text, label) => text.split(label).join(' '),
        `${fact.statement} ${fact.quote}`.toLowerCase(),
      );
      if (labels.some((label) => root.test(label)) && !root.test(outside)) return true;
    }
    // "how much has Globex invested in other startups": others of a kind than the story's own
    // subjects and the names asked, which a fact naming none such does not speak of.
    const otherKind = text.includes('other') ? /\bother\s+((?:[a-z]+\s+){0,2}?)([a-z]+s)\b/.exec(text) : null;
    const kindsOther = otherKind
      ? NAMED_KINDS.find(([pattern]) => pattern.test(otherKind[2] as string))?.[1]
      : undefined;
    if (kindsOther && !/\beach other\b/.test(text)) {
      const besides = new Set([...named.map(({ entity }) => entity.id), ...this.mainSubjects]);
      const others = [
        ...fact.entities,
        ...(fact.items ?? []).flatMap((item) => (item.entity ? [item.entity] : [])),
      ].filter((id) => !besides.has(id) && kindsOther.includes(this.story.entitiesById.get(id)?.kind ?? ''));
      if (others.length === 0) return true;
    }
    // "who is funding Initech, if not Globex": another of Globex's kind is asked for, which a fact
    // naming no other does not give.
    const excluded =
      text.includes('not') || text.includes('than') || text.includes('instead')
        ? /\b(?:if not|other than|instead of|rather than)\s+(.+)$/.exec(text)?.[1]
        : undefined;
    const instead = excluded ? this.entitiesIn(excluded)[0]?.entity : undefined;
    if (instead && /^(?:who|which|what)\b/.test(opened)) {
      const others = this.offeredBeyond(fact, new Set(named.map(({ entity }) => entity.id)), true);
      if (!others.some((id) => this.story.entitiesById.get(id)?.kind === instead.kind)) return true;
    }
    const figures = fact.figures ?? [];
    // "was the board's decision unanimous": a vote's split, which only a fact giving one holds.
    if (UNANIMOUS.test(analysis.normalised) && !figures.some((f) => f.unit === 'votes')) return true;
    // "how many trams will they buy": a count, which sums of money or shares do not give (unless
    // they are counted: "how many billions").
    if (
      analysis.intents.has('how-many') &&
      !analysis.intents.has('how-much') &&
      figures.length > 0 &&
      figures.every((f) => f.unit === 'usd' || f.unit === 'percent') &&
      !words.some((w) => UNIT_WORDS.has(w))
    )
      return true;
    if (/^who\b/.test(text)) {
      const title = TITLES.find(([asked]) => asked.test(text));
      const organisation = named.find(({ entity }) => entity.kind !== 'person')?.entity;
      // "who's the mayor that's been pushing the tram": the title names its holder, and what follows
      // is said of them, not of where the title is held.
      const holderNamed = named.some(({ surface, entity }) => {
        if (entity.kind !== 'person' || !organisation) return false;
        const at = indexOfWords(words, surface.split(' '));
        const clause = words.slice(at + 1, at + 3);
        return at >= 0 && clause.some((w) => w === 'that' || w === 'who' || w === 'which');
      });
      if (title && organisation && !holderNamed) {
        const holders = this.story.entities.filter(
          (e) =>
            e.kind === 'person' &&
            e.id !== organisation.id &&
            this.lineage(e.id).includes(organisation.id) &&
            [e.role, ...e.aliases].some((r) => title[1].test(r.toLowerCase())),
        );
        if (holders.length === 0) return true;
      }
    }
    return false;
  }

  /** The entities a fact names (its speaker, claimant and items' too) beyond those of the question. */
  private offeredBeyond(fact: Fact, questionIds: Set<string>, unnamedToo = false): string[] {
    return [
      ...fact.entities,
      ...(fact.speaker ? [fact.speaker] : []),
      ...(fact.claimedBy ? [fact.claimedBy] : []),
      ...(fact.items ?? []).flatMap((item) => (item.entity ? [item.entity] : [])),
    ].filter((id) => !questionIds.has(id) && (unnamedToo || !isUnnamed(this.story.entitiesById.get(id))));
  }

  /** An entity and the wholes it belongs to (Widget, Globex), each once. */
  lineage(id: string): string[] {
    const ids = [id];
    for (let parent = this.story.entitiesById.get(id)?.parent; parent && !ids.includes(parent); ) {
      ids.push(parent);
      parent = this.story.entitiesById.get(parent)?.parent;
    }
    return ids;
  }

  /**
   * The one alternative of an either/or question that the fact covers, by its words' folded keys
   * ("rivals or partners" of a fact about competition: Rivals), a name as the story writes it;
   * undefined when the fact covers both or neither.
   */
  private coveredAlternative(analysis: Analysis, indexed: IndexedFact): string | undefined {
    if (!analysis.alternatives) return undefined;
    const covered = analysis.alternatives.flatMap((word) => {
      const terms = analysis.terms.filter((t) => t.surface.split(' ').includes(word));
      const term = terms.find((t) => indexed.coverage.has(t.key));
      if (!term) return [];
      // "brand new or at it a while" of a fact denying it is new: the alternative it denies.
      const denied = indexed.fact.stance === 'denied' ? (indexed.fact.negates ?? []) : [];
      if (term.kind === 'word' && denied.some((w) => this.analyser.fold(w) === term.key))
        return [`Not ${word}`];
      const entity = term.kind === 'entity' ? this.story.entitiesById.get(term.key.slice(1)) : undefined;
      // A name said in the fact as asked ("light rail") is given as asked, not as the entity's name.
      const saidAsAsked = term.surface.includes(' ') && indexed.text.includes(` ${term.surface} `);
      return [saidAsAsked ? capitalised(term.surface) : (entity?.name ?? capitalised(word))];
    });
    return covered.length === 1 ? covered[0] : undefined;
  }

  /**
   * How a yes/no question is settled by the fact, if at all. "Yes" needs the fact to cover every
   * word of the question; a figure, a date, a weekday or a direction that contradicts the fact is "No";
   * anything the fact cannot settle gets no verdict, only the fact itself.
   */
  private verdict(
    analysis: Analysis,
    best: Scored,
    question: string,
    /** The bounds the question sets on a figure (boundsIn), and the words the fact leaves out beyond them. */
    bounds: Bound[],
    uncovered: Term[],
  ): 'yes' | 'no' | 'open' | 'claimed' | undefined {
    const fact = best.indexed.fact;
    if (!analysis.yesNo || analysis.negated) return undefined;
    // "Is it safe?" asks for a judgement the article does not make.
    if (analysis.normalised.split(' ').some((w) => EVALUATIVE_WORDS.has(w))) return undefined;
    if (fact.stance === 'open') return 'open';
    // "is Texas the only one banning it?": a fact that Texas did is no Yes to "only".
    const exclusive = analysis.normalised.split(' ').some((w) => EXCLUSIVE_WORDS.has(w));
    const keys = new Set(analysis.terms.map((t) => t.key));
    const dates = checkDates(analysis, fact);
    if (dates === 'contradicts') return 'no';
    const years = fact.when ? analysis.numbers.filter(isYear) : [];
    const numbers = analysis.numbers.filter((n) => !years.includes(n));
    // The question's figures in units are read only when there are numbers to weigh against the
    // fact's figures: without, checkFigures has nothing to compare them with.
    // "is it under $400 million?": a bound on a figure is weighed as one, not as a figure asked.
    const figures =
      bounds.length > 0
        ? checkBounds(bounds, fact)
        : checkFigures(
            numbers,
            fact,
            numbers.length > 0 && fact.figures?.length ? findFigures(question) : [],
          );
    if (figures === 'contradicts') return 'no';
    // "was the vote unanimous?" of a split vote.
    if (
      UNANIMOUS.test(analysis.normalised) &&
      (fact.figures ?? []).some((f) => f.unit === 'votes' && f.against)
    )
      return 'no';
    const directions = new Set((fact.figures ?? []).flatMap((f) => (f.direction ? [f.direction] : [])));
    if (directions.size === 1) {
      const [direction] = directions;
      const [up, down] = [keys.has(this.analyser.fold('surge')), keys.has(this.analyser.fold('drop'))];
      if (direction === 'down' && up && !down) return 'no';
      if (direction === 'up' && down && !up) return 'no';
    }
    if (fact.stance === 'denied' && !this.analyser.mentionsDenial(analysis.terms)) {
      const negated = new Set((fact.negates ?? []).map((w) => this.analyser.fold(w)));
      if ([...keys].some((k) => negated.has(k))) return 'no';
    }
    // Only a fact that speaks to every part of the question can say Yes to it, and a question of
    // names alone ("does Globex … Initech", its verb unread) asks nothing it could say Yes to.
    const predicate = analysis.terms.some((t) => t.kind !== 'entity');
    if (uncovered.length > 0 || figures === 'unsettled' || dates === 'unsettled' || exclusive || !predicate)
      return undefined;
    if (fact.stance === 'claimed') return 'claimed';
    return 'yes';
  }

  /** The first three facts after the first in the ranking that share a topic or a (minor) entity with the best. */
  private relatedTo(best: Scored, ranked: Scored[]): Fact[] {
    const fact = best.indexed.fact;
    const related: Fact[] = [];
    // Best first, stopping at three: the ranking runs to every fact of the story.
    for (let i = 1; i < ranked.length && related.length < 3; i++) {
      const other = (ranked[i] as Scored).indexed.fact;
      if (
        (ranked[i] as Scored).score > 0 &&
        other.quote !== fact.quote &&
        (other.topics.some((t) => fact.topics.includes(t)) ||
          other.entities.some((e) => fact.entities.includes(e) && !this.mainSubjects.has(e)))
      )
        related.push(other);
    }
    return related;
  }

  private nearestSuggestions(ranked: Scored[]): Suggestion[] {
    const near = ranked.filter((s) => s.score > 0.05).slice(0, 3);
    const suggestions = near.map((s) => ({
      question: s.indexed.fact.questions[0] as string,
      factId: s.indexed.fact.id,
    }));
    if (suggestions.length >= 3) return suggestions;
    for (const featured of this.featuredSuggestions()) {
      if (suggestions.length >= 3) break;
      if (!suggestions.some((s) => s.factId === featured.factId)) suggestions.push(featured);
    }
    return suggestions;
  }

  /**
   * The canonical questions of the facts about the given entities (or their parts: Widget for Globex),
   * those naming most of them first, in the story's order; topped up with the featured questions.
   */
  suggestionsAbout(entities: readonly Entity[], limit = 3): Suggestion[] {
    const keys = entities.map((entity) => `@${entity.id}`);
    const about = this.indexed
      .map((indexed, order) => ({
        indexed,
        order,
        named: keys.filter((key) => indexed.entityKeys.has(key)).length,
        // The fact's own subject (its first entity) before facts that only mention it.
        subject: keys.includes(`@${indexed.fact.entities[0]}`) ? 1 : 0,
      }))
      .filter((f) => f.named > 0)
      .sort((a, b) => b.named - a.named || b.subject - a.subject || a.order - b.order);
    const suggestions: Suggestion[] = [];
    for (const { indexed } of about) {
      if (suggestions.length >= limit) break;
      const question = indexed.fact.questions[0] as string;
      if (!suggestions.some((s) => s.question === question))
        suggestions.push({ question, factId: indexed.fact.id });
    }
    for (const featured of this.featuredSuggestions()) {
      if (suggestions.length >= limit) break;
      if (!suggestions.some((s) => s.factId === featured.factId)) suggestions.push(featured);
    }
    return suggestions;
  }

  /** The story's featured questions, offered when nothing nearer is known. */
  featuredSuggestions(): Suggestion[] {
    return this.story.featuredFactIds.flatMap((id) => {
      const fact = this.story.factsById.get(id);
      return fact ? [{ question: fact.questions[0] as string, factId: id }] : [];
    });
  }

  /**
   * Questions the bot can answer, ranked for text typed so far (for autocomplete): the facts that best
   * match the words typed, then fuzzy matches on the question wording itself.
   */
  suggestQuestions(partial: string, limit = 25): Suggestion[] {
    const text = partial.trim().slice(0, MAX_QUESTION_LENGTH);
    if (this.answerCacheSize === 0) return this.suggestionsFor(text, limit);
    // Remembered like answers: many people type the same first letters.
    const key = `${limit}\u0000${text}`;
    return [...remembered(this.suggested, key, this.answerCacheSize, () => this.suggestionsFor(text, limit))];
  }

  /** Autocomplete's suggestions for a trimmed text (see suggestQuestions). */
  private suggestionsFor(text: string, limit: number): Suggestion[] {
    const out: Suggestion[] = [];
    const seen = new Set<string>();
    const push = (s: Suggestion) => {
      if (out.length < limit && !seen.has(s.question)) {
        seen.add(s.question);
        out.push(s);
      }
    };
    if (normaliseText(text).length === 0) {
      for (const s of this.featuredSuggestions()) push(s);
      for (const fact of this.story.facts) push({ question: fact.questions[0] as string, factId: fact.id });
      return out;
    }
    // Words typed so far matched as prefixes of a question's words: cheap enough for every keystroke.
    // Only when neither that nor the engine's ranking (which corrects typos) finds anything does the
    // fuzzy search over every question's wording run.
    const prefixed = this.questionsByPrefix(text, limit);
    const analysis = this.analyse(text);
    const ranked = analysis.terms.length > 0 ? this.rank(analysis).filter((s) => s.score > 0.2) : [];
    const fuzzy =
      prefixed.length > 0 || ranked.length > 0
        ? prefixed
        : this.questionFuse.search(text.slice(0, FUZZY_PATTERN_MAX), { limit }).map((r) => r.item);
    const byFact = new Map<string, Suggestion>();
    for (const item of fuzzy) if (!byFact.has(item.factId)) byFact.set(item.factId, item);
    for (const s of ranked.slice(0, Math.ceil(limit / 2))) {
      push(
        byFact.get(s.indexed.fact.id) ?? {
          question: s.indexed.fact.questions[0] as string,
          factId: s.indexed.fact.id,
        },
      );
    }
    for (const item of fuzzy) push(item);
    for (const s of ranked)
      push({ question: s.indexed.fact.questions[0] as string, factId: s.indexed.fact.id });
    return out;
  }

  /**
   * Questions in which every word typed (all but the last whole, the last as the start of a word)
   * begins a word of the question; with three or more words typed, all but one suffice. Best first:
   * more words matched, then shorter questions.
   */
  private questionsByPrefix(text: string, limit: number): Suggestion[] {
    const typed = normaliseText(text).split(' ').filter(Boolean).slice(0, 12);
    if (typed.length === 0) return [];
    const needed = typed.length >= 3 ? typed.length - 1 : typed.length;
    const scored: { suggestion: Suggestion; matched: number; length: number }[] = [];
    for (const { suggestion, words } of this.questionWords) {
      let matched = 0;
      for (const word of typed) if (words.some((w) => w.startsWith(word))) matched += 1;
      if (matched >= needed) scored.push({ suggestion, matched, length: words.length });
    }
    scored.sort((a, b) => b.matched - a.matched || a.length - b.length);
    return scored.slice(0, limit).map((s) => s.suggestion);
  }
}

/**
 * Scored facts sorted in place, best first, facts of equal score in the order given: the order of
 * Array.prototype.sort by descending score (a stable sort), by insertion, which for 40-odd facts
 * takes a fraction of the time of sort calling a comparator.
 */
export function bestFirst<T extends { score: number }>(items: T[]): T[] {
  for (let i = 1; i < items.length; i++) {
    const item = items[i] as T;
    let j = i - 1;
    for (; j >= 0 && (items[j] as T).score < item.score; j--) items[j + 1] = items[j] as T;
    items[j + 1] = item;
  }
  return items;
}

/** "outside rush hour", "outside peak times": a time the question sets apart. */
const OUTSIDE = /\boutside(?: of)?\s+(?:the\s+)?([a-z]+(?:[\s-][a-z]+)?)/i;
const TIME_WORDS = /\b(?:hours?|times?|peak|weekends?|weekdays?|days?|nights?|mornings?|evenings?|seasons?)$/;

/**
 * "how long does the bus take outside rush hour": a fact that speaks only of the time set apart
 * ("up to 50 minutes at rush hour") does not say how it is at other times.
 */
function askedOutside(question: string, fact: Fact): boolean {
  const apart = OUTSIDE.exec(question)?.[1]?.toLowerCase();
  return (
    apart !== undefined &&
    TIME_WORDS.test(apart) &&
    `${fact.statement} ${fact.quote}`.toLowerCase().includes(apart)
  );
}

/**
 * "which state department …", "how much interest …": the thing a question word asks for, the last
 * word before its verb, is a word the story never uses (and the fact lacks): the article names or
 * measures no such thing.
 */
function askedThingUnknown(analysis: Analysis, best: Scored): boolean {
  const words = analysis.normalised.split(' ');
  if (!['which', 'what', 'howmuch', 'howmany'].includes(words[0] ?? '')) return false;
  const asked = words.slice(1, 4);
  const end = asked.findIndex((w) => AUXILIARIES.has(w) || STOPWORDS.has(w));
  const head = (end < 0 ? asked : asked.slice(0, end)).at(-1);
  // A unit ("how many billions") asks a sum, which the amount check weighs; a part of a whole
  // ("which arms of the government") is asked by the whole.
  // A comparative ("how much higher is …") asks a difference, which the figures answer.
  if (!head || UNIT_WORDS.has(head) || asked[end] === 'of' || ABOVE_WORDS.has(head) || BELOW_WORDS.has(head))
    return false;
  const term = analysis.terms.find((t) => t.surface === head);
  return term?.kind === 'unknown' && best.uncovered.includes(term);
}

/** A name the question asks about: not one in a premise or a likeness (see asideWords). */
function isNameAsked(t: Term, aside: ReadonlySet<string>): boolean {
  return t.kind === 'entity' && !t.surface.split(' ').every((w) => aside.has(w));
}

/** The engine's result for a question it does not answer. */
function notAnswered(
  question: string,
  reason: NotAnsweredReason,
  suggestions: Suggestion[],
  unknownTerms: string[] = [],
  confidence = 0,
) {
  return { answered: false, question, reason, unknownTerms, suggestions, confidence } as const;
}

/** Whether any key of the question is one of the fact's trigger words. */
function sharesAny(keys: ReadonlySet<string>, triggers: ReadonlySet<string>): boolean {
  for (const key of keys) if (triggers.has(key)) return true;
  return false;
}

/** How strongly fact f covers the question's k-th key (see KeyColumns.credit). */
function creditAt(columns: KeyColumns, k: number, f: number): number {
  return columns.credit[k * columns.facts + f] as number;
}

// Sentence openers that are lower-cased after a "Yes — " prefix; names keep their capital.
const COMMON_OPENERS =
  /^(The|A|An|Several|Many|Both|Despite|Since|On|Earlier|As|Amid|Even|Announcing|Senior|This|These)\b/;

function withVerdict(verdict: string | undefined, fact: Fact, story: Story): string {
  // "The article leaves it open: …" says so itself.
  if (verdict === 'open' && /^The article\b/.test(fact.statement)) return fact.statement;
  const prefix = prefixFor(verdict, fact, story);
  if (!prefix) return fact.statement;
  return prefix + lowerOpener(fact.statement);
}

function lowerOpener(statement: string): string {
  return statement.replace(COMMON_OPENERS, (word) => word.toLowerCase());
}

// General English: the words of a direction and of a stance, for either/or questions.
const UP_WORDS = new Set(
  'up rise rose risen rising gain gained gains surge surged increase increased higher climb climbed grew grow soar soared'.split(
    ' ',
  ),
);
const DOWN_WORDS = new Set(
  'down drop dropped fall fell fallen dip dipped decline declined lower plunge plunged slump slumped sink sank lose lost'.split(
    ' ',
  ),
);
const DENY_WORDS = new Set('deny denied denies reject rejected dismiss dismissed refute refuted'.split(' '));
const CONFIRM_WORDS = new Set('confirm confirmed confirms admit admitted accept accepted'.split(' '));

/** A word opening an answer: capitalised, and a short one (an abbreviation: VP, CEO, R1) in capitals. */
function capitalised(word: string): string {
  return word.length <= 3 ? word.toUpperCase() : `${word.charAt(0).toUpperCase()}${word.slice(1)}`;
}

/**
 * Which of two alternatives of direction or stance the fact bears out ("Up", "Denied"), or
 * undefined when it settles neither.
 */
function settledAlternative([first, second]: [string, string], fact: Fact): string | undefined {
  const directions = new Set((fact.figures ?? []).flatMap((f) => (f.direction ? [f.direction] : [])));
  for (const [yes, no, holds, said] of [
    [UP_WORDS, DOWN_WORDS, directions.size === 1 && directions.has('up'), 'Up'],
    [DOWN_WORDS, UP_WORDS, directions.size === 1 && directions.has('down'), 'Down'],
    [DENY_WORDS, CONFIRM_WORDS, fact.stance === 'denied', 'Denied'],
    [CONFIRM_WORDS, DENY_WORDS, fact.stance === 'affirmed', 'Confirmed'],
  ] as const) {
    if (!holds) continue;
    if ((yes.has(first) && no.has(second)) || (yes.has(second) && no.has(first))) return said;
  }
  return undefined;
}

/**
 * Whether a fact's text (normalised, spaced at both ends) says both alternatives joined by "and"
 * ("both domestic and global"), so that "domestic or global" is answered Both.
 */
function joinsBoth([first, second]: [string, string], text: string): boolean {
  return text.includes(` ${first} and ${second} `) || text.includes(` ${second} and ${first} `);
}

/** Two names or things: the one the fact's text speaks of, when it speaks of only one of them. */
function alternativeNamedIn([first, second]: [string, string], fact: Fact): string | undefined {
  const text = `${fact.statement} ${fact.quote}`.toLowerCase();
  const inFact = [first, second].filter((word) => word.length > 2 && new RegExp(`\\b${word}`).test(text));
  return inFact.length === 1 ? capitalised(inFact[0] as string) : undefined;
}

function prefixFor(verdict: string | undefined, fact: Fact, story: Story): string {
  switch (verdict) {
    case 'yes':
      return 'Yes — ';
    case 'no':
      return 'No — ';
    case 'open':
      return 'The article doesn’t settle that — ';
    case 'claimed': {
      const who = fact.claimedBy ? story.entitiesById.get(fact.claimedBy)?.name : undefined;
      return who ? `${who} says so — ` : 'That is the claim — ';
    }
    default:
      return '';
  }
}

/** Where a run of words starts in a list of words, or -1. */
function indexOfWords(words: string[], run: string[]): number {
  for (let i = 0; i + run.length <= words.length; i++)
    if (run.every((word, j) => words[i + j] === word)) return i;
  return -1;
}

/** A person or group the article does not name: “an industry expert”, “analysts”, “unnamed sources”. */
/** The name of the entity whose initials an abbreviation is ("abc" → Alpha Beta Council). */
function expansionOf(abbreviation: string, entity: Entity): string | undefined {
  const letters = abbreviation.toLowerCase().replace(/[^a-z]/g, '');
  if (letters.length < 2) return undefined;
  return [entity.name, ...entity.aliases].find((name) => {
    const words = name.split(/[\s-]+/).filter((w) => /^[A-Za-z]/.test(w));
    return words.length === letters.length && words.map((w) => w[0]?.toLowerCase()).join('') === letters;
  });
}

const AUXILIARIES = new Set('does did do is was are were has have had will would can could'.split(' '));

/**
 * The name a wh-question asks about as the subject of its verb: the entity right after the
 * auxiliary ("what chips does Globex use", "how much did Initech's stock drop"); undefined for a
 * yes/no question, or when no name stands there.
 */
function subjectAfterAuxiliary(analysis: Analysis): string | undefined {
  const words = analysis.normalised.split(' ');
  const opener = /^(?:what|which|who|whom|whose|how|howmuch|howmany|howlong|when|where|why)$/;
  if (analysis.yesNo || !opener.test(words[0] ?? '')) return undefined;
  const at = words.findIndex((w, i) => i > 0 && AUXILIARIES.has(w));
  if (at < 0) return undefined;
  const after = words.slice(at + 1).join(' ');
  const entity = analysis.terms.find(
    (t) => t.kind === 'entity' && (after === t.surface || after.startsWith(`${t.surface} `)),
  );
  return entity?.key;
}

const PREMISE = /^(?:if|since|given|considering|assuming)\s+(.+?)\s+(?:why|how|what|who|when|where|then)\b/;

/**
 * "when will Ruritania ban it", "which state will ban it next": when or what is still to come is
 * asked, which a fact telling only what has happened does not answer.
 */
function notYetSaid(analysis: Analysis, indexed: IndexedFact): boolean {
  return (
    analysis.future &&
    !indexed.speaksToFuture &&
    (analysis.intents.has('when') || analysis.normalised.split(' ').includes('next'))
  );
}

/** A which- or what-question, then a short name guessed after a comma or a question mark. */
const GUESSED_NAME = /^(?:which|what)\b[^?,]*[?,]\s*([^?,]{1,40}?)\s*\?+\s*$/i;

/** A statement of what is to come: "will publish", "is expected to", "scheduled to begin". */
const FUTURE_WORDS =
  /\b(?:will|would|shall|expect(?:s|ed)? to|scheduled|plan(?:s|ned|ning)? to|going to|could|may|might)\b/i;

/** Pronouns of no one in particular. */
const INDEFINITE_PRONOUNS: ReadonlySet<string> = new Set(
  'everyone everybody someone somebody anyone anybody'.split(' '),
);

/** A fact scoring no more than this is not read as part of a why-question's answer. */
const REASON_PAIR_SCORE = 0.15;

/**
 * Whether a question asks the reason for something done ("why did Globex …", "what's driving the
 * surge", "what triggered it"). "why was the timing so odd" asks what made it so, which telling it
 * answers; "why is everyone banning it" still asks a reason.
 */
function asksReason(analysis: Analysis): boolean {
  if (!analysis.intents.has('why') || analysis.yesNo) return false;
  const words = analysis.normalised.split(' ');
  const copula = words[0] === 'why' && /^(?:is|was|are|were)$/.test(words[1] ?? '');
  // A verb in -ing ("banning"), not a noun ("the timing", "its pricing").
  const doing = (w: string, i: number) =>
    /[a-z]{3}ing$/.test(w) && !INTENT_WORDS.has(w) && !DETERMINERS.has(words[i + 1] ?? '');
  return !copula || words.slice(2).some((w, i) => doing(w, i));
}

const DETERMINERS: ReadonlySet<string> = new Set(
  'the a an its their his her this that these those our my your'.split(' '),
);
/**
 * "which benchmarks did Globex top": the kind asked for ("benchmarks") is read as the same notion as
 * the verb ("top" → outperform), so any fact of the verb seems to cover it. Unless the fact's own
 * words name that kind, it does not say which.
 */
function askedKindFolded(question: string, analysis: Analysis, fact: Fact): boolean {
  const kind = /^(?:(?:on|in|at|from|for|with|by|to)\s+)?(?:which|what)\s+([a-z]+)\b/i
    .exec(question.trim())?.[1]
    ?.toLowerCase();
  if (!kind) return false;
  const term = analysis.terms.find((t) => t.kind === 'word' && t.surface === kind);
  if (!term) return false;
  const folded = analysis.terms.some((t) => t !== term && t.key === term.key && t.surface !== term.surface);
  if (!folded) return false;
  const stem = kind.replace(/(?:ies|es|s)$/, '');
  const text = `${fact.statement} ${fact.quote}`.toLowerCase();
  return !new RegExp(`\\b${escapeRegExp(stem.length >= 3 ? stem : kind)}`).test(text);
}

/**
 * The kind asked for is a noun the verb follows ("what chips did …", "which company is …"), not a
 * verb ("which brings in more") nor the start of a longer phrase ("which arms of the government").
 * Compiled once, not on every question.
 */
const ASKED_KIND = new RegExp(
  `^(?:(?:on|in|at|from|for|with|by|to)\\s+)?(?:what|which)\\s+([a-z]+)\\s+(?:${[...AUXILIARIES].join('|')})\\b`,
  'i',
);

/**
 * "what chips did Globex use to train it": the kind of thing asked for, right after "what" or
 * "which", is not a word the fact covers, so the fact does not say which.
 */
function askedKindMissing(question: string, best: Scored, story: Story): boolean {
  const kind = ASKED_KIND.exec(question.trim())?.[1]?.toLowerCase();
  if (kind === undefined || !best.uncovered.some((t) => t.kind !== 'entity' && t.surface === kind))
    return false;
  // "which company", "which country": the kind of a name the fact gives.
  const kinds = NAMED_KINDS.find(([pattern]) => pattern.test(kind))?.[1] ?? [];
  const fact = best.indexed.fact;
  const names = [
    ...fact.entities,
    ...(fact.items ?? []).flatMap((item) => (item.entity ? [item.entity] : [])),
  ];
  return !names.some((id) => kinds.includes(story.entitiesById.get(id)?.kind ?? ''));
}

/** The kinds of named thing a noun asks for ("which company" → an organisation). */
const NAMED_KINDS: [RegExp, string[]][] = [
  [
    /^(?:compan|firm|business|corporation|startup|organi[sz]ation|brand|maker|manufacturer)/,
    ['organization'],
  ],
  [/^(?:countr|nation|state|place|cit|region|town|area|province)/, ['place', 'government']],
  [/^(?:person|people|executive|official|expert|leader|spokes)/, ['person']],
  [/^(?:agenc|bod|government|department|authorit|regulator)/, ['government', 'organization']],
  [/^(?:product|app|tool|service|platform)/, ['product']],
];

const LIKENESS =
  /\b(?:like|as|the way)\s+((?:\S+\s+){0,2}?\S+)\s+(?:did|does|do|has|have|had|was|were|is|are)(?:\s+not)?$/;

/**
 * The words of a question that only set it up: a premise before it ("if it is so cheap, why …") or
 * a likeness after it ("did it drop like Initech did"), each only when some question is left.
 */
function asideWords(normalised: string): Set<string> {
  const words = new Set<string>();
  const premise = PREMISE.exec(normalised);
  if (premise) for (const w of (premise[1] as string).split(' ')) words.add(w);
  const likeness = LIKENESS.exec(normalised);
  if (likeness && likeness.index > 0) for (const w of (likeness[1] as string).split(' ')) words.add(w);
  return words;
}

/**
 * Whether a fact gives a count, which may name what it counts otherwise ("140 shops" of "how many
 * businesses"): a figure in other units than money and shares, or a number in its statement beside
 * its sums and percentages. Read only for a question that counts (see lacksAskedDetail).
 */
function givesCount(fact: Fact): boolean {
  return (
    (fact.figures ?? []).some((f) => f.unit !== 'usd' && f.unit !== 'percent') ||
    /\d/.test(fact.statement.replace(/\$\s?[\d.,]+\s?(?:billion|million|bn|m)?|[\d.,]+\s?%/gi, ''))
  );
}
/** Whether each entity is unnamed (see unnamed), worked out once: it is asked of every fact's names. */
const UNNAMED = new WeakMap<Entity, boolean>();

export function isUnnamed(entity: Entity | undefined): boolean {
  if (!entity) return false;
  let known = UNNAMED.get(entity);
  if (known === undefined) {
    known = unnamed(entity);
    UNNAMED.set(entity, known);
  }
  return known;
}

/** A person or group the article does not name ("an industry expert", "analysts"), or a thing it only describes. */
function unnamed(entity: Entity): boolean {
  // "Globex's chat assistant": a thing the article only describes, by whose it is, has no name of its own.
  if ((entity.kind === 'product' || entity.kind === 'organization') && /\S['’]s\s/.test(entity.name))
    return true;
  if (entity.kind !== 'person' && entity.kind !== 'group') return false;
  return /^(?:an?|some|several|many|unnamed)\b/i.test(entity.name) || /\bunnamed\b/i.test(entity.role);
}

/**
 * A collective whose members the article does not name as such: a group ("analysts", "residents"),
 * or a body it names only by a common noun ("intelligence agencies").
 */
function isCollective(entity: Entity): boolean {
  if (entity.kind === 'group') return true;
  return MEMBERSHIP_KINDS.has(entity.kind) && /^[a-z]/.test(entity.name.replace(/^the\s+/, ''));
}

/** The ranking score as a 0–1 confidence, rounded for display. */
function confidenceOf(score: number): number {
  return Math.round(Math.max(0, Math.min(1, score)) * 100) / 100;
}

/**
 * The detail asked that the fact lacks: an amount of money ("what was the share price", "how much did
 * it cost") of a fact giving no sum in dollars, or a calendar date ("the exact date") of a fact with
 * no date the calendar places ("earlier today").
 */
const CHANGE_WORDS =
  /\b(?:grow|grows|grown|grew|rise|rises|rose|risen|increase[sd]?|jump(?:s|ed)?|climb(?:s|ed)?|fall|falls|fell|fallen|drop(?:s|ped)?|decline[sd]?|change[sd]?|go up|went up|gone up|go down|went down)\b/i;

/** A difference asked: "how much more … than", "how much higher than". */
const DIFFERENCE_ASKED =
  /\bhow (?:much|many) (?:more|less|fewer|higher|lower|bigger|smaller|larger|greater)\b[^?]*\bthan\b/i;
/** A change by a figure: "has grown by 22%", "went up by $74 million". */
const BY_FIGURE = /\bby\s+(?:about\s+|nearly\s+|over\s+|almost\s+|some\s+)?\$?\d/i;

/** Whether a fact tells by how much something changed. */
function givesChange(fact: Fact): boolean {
  return CHANGE_WORDS.test(fact.statement) && BY_FIGURE.test(fact.statement);
}

/** Names asked of things the fact only counts: the count as the article gives it ("four directors"). */
export interface NamesOf {
  names: string;
}

/** A time asked about ("on weekends") that a fact giving how often speaks of other times only. */
export interface PeriodOf {
  period: string;
}

/** Names asked for: "which directors", "who are the four", "list the …", "names pls". */
const ASKS_NAMES = /^(?:which|who)\b|\b(?:list|name|names|named)\b/;

/** How often something happens, asked of a time of the week or the day. */
const ASKS_HOW_OFTEN = /\bhow (?:often|frequent(?:ly)?)\b|\bfrequen(?:cy|t|tly)\b/i;
const PERIOD =
  /\b(?:(?:on|at|during|over|in)\s+(?:the\s+)?)?(weekends?|weekdays?|saturdays?|sundays?|nights?|overnight|holidays?|mornings?|afternoons?|evenings?|off[- ]peak|rush hours?|peak (?:times?|hours?)|late at night)\b/i;

/**
 * "how often do buses run on weekends" of a fact giving how often at other times (peak times, the
 * evening): the time asked, which the fact does not speak of.
 */
function lacksPeriod(question: string, fact: Fact): PeriodOf | undefined {
  if (!ASKS_HOW_OFTEN.test(question)) return undefined;
  const period = PERIOD.exec(question);
  if (!period) return undefined;
  const word = (period[1] as string).toLowerCase().split(/[\s-]+/)[0] as string;
  // Rush hour is the peak.
  const roots = word === 'rush' || word === 'peak' ? ['rush', 'peak'] : [word.replace(/s$/, '')];
  const text = `${fact.statement} ${fact.quote}`.toLowerCase();
  return roots.some((root) => new RegExp(`\\b${escapeRegExp(root)}`).test(text))
    ? undefined
    : { period: period[0].trim() };
}

/** A change named as an event, after an article or a determiner: "after the drop", "that 16% jump". */
const CHANGE_AS_EVENT = new RegExp(
  `\\b(?:the|a|an|that|this|its|their)\\s+(?:\\S*\\d\\S*\\s+(?:percent\\s+)?)?(?:${CHANGE_WORDS.source})`,
  'gi',
);

/** A money word before the noun it names: "cost claim", "price cuts", "pricing structure". */
const MONEY_AS_MODIFIER =
  /\b(?:price|prices|pricing|cost|costs|spending)\s+(?:claims?|cuts?|wars?|structures?|efficiency|advantage|edge|strateg(?:y|ies)|models?|pressure|competition|savings?|concerns?|fears?)\b/gi;

/** A sum asked as the level a change reached ("fall to", "ended up at") or in a currency ("in dollars"). */
const LEVEL_ASKED =
  /\bin (?:dollars|us dollars|usd|bucks|cash)\b|\b(?:fall|falls|fell|fallen|drop|drops|dropped|sink|sank|sunk|slide|slid|rise|rises|rose|risen|climb|climbed|go|went|gone|end|ended|close|closed)\s+(?:up\s+|down\s+)?(?:to|at)\b/i;

/** What kind of detail a withheld fact lacks (see EngineResult's `withheld`). */
export type Lacks = 'amount' | 'date' | 'time' | 'reason' | ShareOf | NamesOf | PeriodOf;

/** The whole a percentage is asked of, and the percentages the fact does give. */
export interface ShareOf {
  whole: string;
  percentages: string[];
}

/** "what percentage (or %) of (the) voters", "what share of residents": the whole, a word of its own. */
const SHARE_OF =
  /\b(?:what|which|how big an?|how large an?)\s+(?:percentage|percent|%|share|proportion|fraction|portion)\s+of\s+(?:the\s+|all\s+)?([a-z][a-z'-]+)/;

function lacksAmountOrDate(question: string, fact: Fact): 'amount' | 'date' | 'time' | undefined {
  // "what's its big cost claim", "the price cuts": a money word naming something else asks no sum.
  const money = question.replace(MONEY_AS_MODIFIER, ' ');
  if (MONEY.test(money) && ASKS_VALUE.test(money)) {
    // "how much has the price grown": by how much it changed, which a percentage tells.
    // "the price after the drop" asks a price: a change named as an event ("the drop") is not asked.
    // Read only when a sum is asked.
    // "what did the price fall to", "in dollars": the level itself, not by how much it changed.
    // "how much more does it cost than …": a difference, which a percentage change tells too.
    const change =
      DIFFERENCE_ASKED.test(question) ||
      (!LEVEL_ASKED.test(question) && CHANGE_WORDS.test(question.replace(CHANGE_AS_EVENT, ' ')));
    return (fact.figures ?? []).some((f) => f.unit === 'usd' || (change && f.unit === 'percent'))
      ? undefined
      : 'amount';
  }
  if (ASKS_DATE.test(question) && !fact.when?.iso) return 'date';
  // "the exact date … in September": a day, which a month or a year alone does not give.
  if (ASKS_EXACT_DAY.test(question) && (fact.when?.precision === 'month' || fact.when?.precision === 'year'))
    return 'date';
  // "what time does the meeting start": a clock time, which a day ("next Thursday") does not give.
  if (ASKS_CLOCK_TIME.test(question) && !CLOCK_TIME.test(`${fact.when?.label ?? ''} ${fact.statement}`))
    return 'time';
  return undefined;
}

/** A day asked for exactly: "the exact date", "what specific day". */
const ASKS_EXACT_DAY = /\b(?:exact|precise|specific|actual)\s+(?:date|day)\b/i;

/** A time of day asked for: "what time does it start", "at what time". Not "what time of year", a time frame. */
const ASKS_CLOCK_TIME =
  /\b(?:what|which) time\b(?! of (?:the )?(?:year|month|week|day)\b|\s*(?:frame|line|table|scale)s?\b)/i;
/** A time of day as an article gives one: "7pm", "10:30", "noon". */
const CLOCK_TIME =
  /\b\d{1,2}(?::\d{2})?\s*(?:am|pm|a\.m\.|p\.m\.)|\b\d{1,2}:\d{2}\b|\bnoon\b|\bmidnight\b|o['’]clock/i;

const NUMBER_WORDS = ['Two', 'Three', 'Four', 'Five', 'Six', 'Seven', 'Eight', 'Nine', 'Ten'];

/**
 * "how many countries …" of a list with no figure: how many it names ("Three"), when every item is
 * one thing (not "several EU nations"); undefined otherwise.
 */
function countNamed(fact: Fact): string | undefined {
  const items = fact.items ?? [];
  if (items.length < 2 || fact.figures?.length) return undefined;
  if (items.some((item) => /^(?:several|many|some|multiple|other|various|a few|more)\b/i.test(item.label)))
    return undefined;
  return NUMBER_WORDS[items.length - 2] ?? String(items.length);
}

/** "the best app to use", "which model should I pick": a recommendation asked for. */
const RECOMMENDATION =
  /\b(?:best|worst|top)\b(?:\s+\S+){0,3}?\s+(?:to|for me to)\s+(?:use|buy|get|try|download|pick|choose|install)\b|\bwhich\b(?:\s+\S+){0,3}?\s+should (?:i|we) (?:use|buy|get|try|download|pick|choose|install)\b/;

/** The words of "is this (even) a real news story?", "is the article legit": nothing else is asked. */
const ARTICLE_TRUTH_WORDS = new Set(
  'is was are this the that it even really actually a an whole news article story piece real true legit genuine authentic fake made up fiction fictional accurate reliable credible trustworthy'.split(
    ' ',
  ),
);

/** Text holding a word for the article ("article", "story", "piece"), or holding one inside a word. */
const ARTICLE_NAMED = /article|story|piece/;

/** Whether a question asks whether the article itself is true or real, and nothing else. */
function articleTruthAsked(question: string): boolean {
  const lower = question.toLowerCase();
  // The article must be named: a search for its words is far cheaper than reading every word.
  if (!ARTICLE_NAMED.test(lower)) return false;
  const words = lower
    .replace(/[^a-z\s]+/g, ' ')
    .split(/\s+/)
    .filter(Boolean);
  return (
    /^(?:is|was|are)$/.test(words[0] ?? '') &&
    words.some((w) => ['article', 'story', 'piece'].includes(w)) &&
    words.some((w) =>
      /^(?:real|true|legit|genuine|authentic|fake|made|fiction|fictional|accurate|reliable|credible|trustworthy)$/.test(
        w,
      ),
    ) &&
    words.every((w) => ARTICLE_TRUTH_WORDS.has(w))
  );
}

/** A place in the article itself that a question asks about. */
type Place = 'headline' | 'start' | 'end';

const ARTICLE_WORDS = /\b(?:article|story|piece|report|author|writer|text)\b/;
const ARTICLE_WORDS_ALL = new RegExp(ARTICLE_WORDS.source, 'g');
/** The date of the piece itself: "the publication date on this piece", "when was the article written". */
const ASKS_PUBLICATION =
  /\bpublication date\b|\b(?:date|day) (?:of|on) (?:this|the) (?:article|story|piece|report)\b|\bwhen (?:was|did) (?:this|the) (?:article|story|piece|report) (?:come out|get )?(?:written|published|posted|released|out)\b/;
/**
 * Which place of the article a question asks about, if any: its headline ("what's the headline
 * saying"), its start ("in the first paragraph", "how does the story open") or its end ("how does
 * the article end", "the big question at the end of the piece"). General English.
 */
export function placeAsked(question: string): { place: Place; rest: string } | undefined {
  const text = question.toLowerCase().replace(/’/g, "'");
  const headline = /\bheadline\b|\btitle of (?:the|this) (?:article|story|piece)\b/;
  if (headline.test(text)) return placeFound(text, 'headline', headline);
  const startPart = /\b(?:first|opening|lead|top) (?:paragraph|para|line|sentence|lines|bit)\b|\blede\b/;
  const startWords =
    /\b(?:(?:start|begin|open)s? with|(?:start|beginning|top) of the|(?:start|begin|open|opens|starts|begins)\W*$)\b/;
  if (startPart.test(text) || (ARTICLE_WORDS.test(text) && startWords.test(text)))
    return placeFound(text, 'start', startPart, startWords);
  const endPart = /\b(?:last|final|closing|concluding) (?:paragraph|para|line|sentence|lines|bit|words?)\b/;
  const endWords = /\b(?:end|ends|ending|conclusion|concludes?|wraps? up|finish(?:es)?)\b/;
  if (
    endPart.test(text) ||
    (ARTICLE_WORDS.test(text) && endWords.test(text)) ||
    /\bhow does it (?:end|finish|conclude|wrap up)\b/.test(text)
  )
    return placeFound(text, 'end', endPart, endWords);
  return undefined;
}

/** A place asked about, and the question's other words: without the article's and the place's. */
function placeFound(text: string, place: Place, ...words: RegExp[]): { place: Place; rest: string } {
  let rest = text.replace(ARTICLE_WORDS_ALL, ' ');
  for (const pattern of words) rest = rest.replace(new RegExp(pattern.source, 'g'), ' ');
  return { place, rest };
}
const SECTION_WORD = /\b(?:part|section|bit|heading|subheading)\b/;

/** Whether a text ends in a word of thanks or "please" (then spaces and stops), as every politeness lacksAskedDetail drops does. */
function endsPolitely(text: string): boolean {
  let end = text.length;
  while (end > 0 && TRAILING_STOP.test(text[end - 1] as string)) end--;
  const head = text.slice(0, end);
  return POLITE_ENDINGS.some((word) => head.endsWith(word));
}
const TRAILING_STOP = /[\s.!?]/;
const POLITE_ENDINGS = ['please', 'pls', 'plz', 'thanks', 'thx', 'ty'];

/** "how many … does it say were forced …": "it", asked whether it says, is the article. */
function itSays(words: readonly string[], i: number): boolean {
  return (
    words[i] === 'it' && SAY_FORMS.has(words[i + 1] ?? '') && /^(?:does|did|do)$/.test(words[i - 1] ?? '')
  );
}
/** The word for saying right after "does it" ("how many … does it say …"). */
const SAY_FORMS: ReadonlySet<string> = new Set([
  'say',
  'says',
  'said',
  'mention',
  'mentions',
  'tell',
  'tells',
]);
/** A section asked for by its heading's words: "in the what's next part", "under the bans heading". */
const SECTION_NAMED =
  /\b(?:in|under|from|of)\s+(?:the\s+)?(?:['"“]\s*)?(.{3,60}?)(?:\s*['"”])?\s+(?:part|section|bit|heading|subheading)\b/;
/** "the section about paying for the line", "the part on bans". */
const SECTION_ABOUT =
  /\b(?:part|section|bit|heading)\s+(?:about|on|called|titled|headed)\s+(.{3,60}?)(?=\s+(?:say|says|said|mention|mentions|tell|tells)\b|\s*[,?!.]|$)/;

/** Chat openers before a question word ("so who …", "ok which …"). */
const OPENING_FILLER = /^(?:(?:so|ok|okay|and|but|wait|hey|hmm+|um|then|also|sorry)\W+)+/;
/** Bodies with members that a question may ask to be named ("which Union countries"). */
const MEMBERSHIP_KINDS: ReadonlySet<string> = new Set(['government', 'organization', 'group']);
/** Plural nouns of a body's members, after its name. */
const MEMBER_NOUNS: ReadonlySet<string> = new Set(
  'countries nations states member members governments companies firms agencies departments bodies units divisions subsidiaries'.split(
    ' ',
  ),
);

const EVALUATIVE_WORDS = new Set([
  'safe',
  'safety',
  'secure',
  'trustworthy',
  'trust',
  'good',
  'bad',
  'worth',
  'dangerous',
  'harmful',
  'legal',
  'ethical',
]);
/** Words that make a yes/no question ask that nothing else is so ("the only one"). */
const EXCLUSIVE_WORDS = new Set(['only', 'sole', 'solely', 'alone', 'exclusively']);
const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];
const MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];

/** Days that name a date in any year: a question naming one names a date. */
const HOLIDAYS = [
  'christmas',
  'xmas',
  'easter',
  'thanksgiving',
  'halloween',
  'hanukkah',
  'diwali',
  'ramadan',
  'valentines',
];

/** A weekday, a month or a holiday. */
function isDateWord(word: string): boolean {
  return WEEKDAYS.includes(word) || MONTHS.includes(word) || HOLIDAYS.includes(word);
}

function isYear(n: number): boolean {
  return Number.isInteger(n) && n >= 1900 && n <= 2100;
}

/** Whether the question's year, month or weekday agrees with the fact's date. */
function checkDates(analysis: Analysis, fact: Fact): 'agrees' | 'contradicts' | 'unsettled' | 'none' {
  const words = analysis.normalised.split(' ');
  const years = analysis.numbers.filter(isYear);
  const weekday = WEEKDAYS.find((d) => words.includes(d));
  const month = MONTHS.findIndex((m) => words.includes(m));
  const holiday = HOLIDAYS.find((h) => words.includes(h));
  if (years.length === 0 && !weekday && month < 0 && !holiday) return 'none';
  if (!fact.when) return 'unsettled';
  const label = fact.when.label.toLowerCase();
  // A holiday is that day; a fact dated by another day, or by another holiday, is not on it.
  if (holiday && !label.includes(holiday)) return 'contradicts';
  const [isoYear, isoMonth] = (fact.when.iso ?? '').split('-').map(Number);
  if (weekday) {
    const factWeekday = WEEKDAYS.find((d) => label.includes(d));
    if (!factWeekday) return 'unsettled';
    if (factWeekday !== weekday) return 'contradicts';
  }
  if (years.length > 0) {
    if (!isoYear) return 'unsettled';
    if (!years.includes(isoYear)) return 'contradicts';
  }
  if (month >= 0) {
    if (!isoMonth) return 'unsettled';
    if (isoMonth !== month + 1) return 'contradicts';
  }
  return 'agrees';
}

/** The kind of question a figure answers, by its unit. */
const FIGURE_ANSWERS: Record<Figure['unit'], Intent> = {
  percent: 'how-much',
  usd: 'how-much',
  years: 'how-long',
  minutes: 'how-long',
  miles: 'how-long',
  km: 'how-long',
  count: 'how-many',
  votes: 'how-many',
};

/** A vote with no one against: "unanimous", "unopposed". */
const UNANIMOUS = /\b(?:unanimous|unanimously|unopposed|without opposition)\b/;

/** A distance in kilometres, of a figure in miles or km. */
function inKm(figure: Figure): number | undefined {
  return figure.unit === 'km' ? figure.value : figure.unit === 'miles' ? figure.value * 1.609344 : undefined;
}

/** The fact's figures in the same terms as one the question gives: a distance in either unit, a count of the same things. */
export function figuresAlike(asked: Figure, fact: Fact): Figure[] {
  const noun = (f: Figure) => f.counts?.split(' ').at(-1);
  return (fact.figures ?? []).filter((f) =>
    asked.unit === 'miles' || asked.unit === 'km'
      ? inKm(f) !== undefined
      : f.unit === asked.unit && (asked.unit !== 'count' || noun(f) === noun(asked)),
  );
}

/** A word without which no bound is set (see ABOVE_BOUND and BELOW_BOUND). */
const MAY_BOUND = /\b(?:over|above|exceed\w*|at least|than|under|below|at most)\b/i;
/** Words that set a bound above a figure ("over $400 million", "longer than 10 miles") … */
const ABOVE_BOUND =
  /\b(?:over|above|exceed(?:s|ing)?|at least|(?:more|greater|higher|longer|bigger|larger|pricier|costlier) than|more expensive than)\s+$/;
/** … and below one ("under $400 million", "shorter than 10 miles"). */
const BELOW_BOUND =
  /\b(?:under|below|at most|(?:less|fewer|lower|shorter|smaller|cheaper) than|less expensive than)\s+$/;
/** The comparatives an either/or sets against a bound ("longer or shorter than 10 miles"). */
const ABOVE_WORDS = new Set([
  'more',
  'over',
  'above',
  'greater',
  'higher',
  'longer',
  'bigger',
  'larger',
  'pricier',
  'costlier',
]);
const BELOW_WORDS = new Set(['less', 'under', 'below', 'fewer', 'lower', 'shorter', 'smaller', 'cheaper']);

/** A bound the question sets on a figure: "under $400 million" (below), "longer than 10 miles" (above). */
export interface Bound {
  figure: Figure;
  above: boolean;
}

/** The bounds a question sets on its figures, each read from the words just before it. */
export function boundsIn(question: string): Bound[] {
  // Most questions set no bound: looked for only when a word that could is there.
  if (!MAY_BOUND.test(question)) return [];
  const lower = question.toLowerCase();
  return findFigures(question).flatMap((figure): Bound[] => {
    const at = lower.indexOf(figure.text.toLowerCase());
    if (at < 0) return [];
    // The figure's own qualifier ("under $400 million") is read with the words before it.
    const number = figure.text.search(/[$\d]|\b(?:one|two|three|four|five|six|seven|eight|nine|ten)\b/i);
    const before = `${lower.slice(0, at)}${lower.slice(at, at + Math.max(0, number))}`.replace(/\s*$/, ' ');
    if (ABOVE_BOUND.test(before)) return [{ figure, above: true }];
    if (BELOW_BOUND.test(before)) return [{ figure, above: false }];
    return [];
  });
}

/**
 * Which side of the question's bound the fact's figure in the same terms falls: "above" or "below";
 * undefined when the fact has none, its figures fall on both sides, or one is too rough to tell
 * ("about 40,000" against 39,000; "over 8%" against 10%).
 */
export function sideOfBound(bound: Bound, fact: Fact): 'above' | 'below' | undefined {
  const limit = inKm(bound.figure) ?? bound.figure.value;
  const sides = new Set(
    figuresAlike(bound.figure, fact).map((f) => {
      const value = inKm(bound.figure) !== undefined ? (inKm(f) as number) : f.value;
      // "over 8%" is above a bound of 8%, as well as above any lower one.
      if (f.qualifier === 'over') return value >= limit ? 'above' : 'unsettled';
      if (value === limit) return 'on';
      if (f.qualifier === 'nearly' && Math.abs(value - limit) <= limit * 0.1) return 'unsettled';
      return value > limit ? 'above' : 'below';
    }),
  );
  if (sides.size !== 1) return undefined;
  const [side] = sides;
  return side === 'above' || side === 'below' ? side : undefined;
}

/** Whether the fact's figure holds the question's bounds ("is it under $400 million?" of $412 million: no). */
function checkBounds(bounds: Bound[], fact: Fact): 'agrees' | 'contradicts' | 'unsettled' | 'none' {
  if (bounds.length === 0) return 'none';
  const held = bounds.map((b) => {
    const side = sideOfBound(b, fact);
    return side === undefined ? undefined : (side === 'above') === b.above;
  });
  if (held.includes(false)) return 'contradicts';
  return held.includes(undefined) ? 'unsettled' : 'agrees';
}

/** Whether an either/or's alternatives are a comparative each way ("longer or shorter", "more or less"). */
function comparatives([first, second]: [string, string]): boolean {
  return (
    (ABOVE_WORDS.has(first) && BELOW_WORDS.has(second)) || (BELOW_WORDS.has(first) && ABOVE_WORDS.has(second))
  );
}

/** The words a fact lacks, less the numbers of bounds its figure settles ("under $400 million" of $412 million). */
function beyondBounds(uncovered: Term[], bounds: Bound[], fact: Fact): Term[] {
  const settled = ['agrees', 'contradicts'].includes(checkBounds(bounds, fact));
  return settled ? uncovered.filter((t) => t.kind !== 'number') : uncovered;
}

/** Of "longer or shorter than 10 miles", the comparative the fact's figure bears out. */
function boundAlternative(alternatives: [string, string], bounds: Bound[], fact: Fact): string | undefined {
  const [bound] = bounds;
  const side = bound && bounds.length === 1 ? sideOfBound(bound, fact) : undefined;
  if (!side) return undefined;
  const holds = side === 'above' ? ABOVE_WORDS : BELOW_WORDS;
  const fails = side === 'above' ? BELOW_WORDS : ABOVE_WORDS;
  const [first, second] = alternatives;
  if (holds.has(first) && fails.has(second)) return capitalised(first);
  if (holds.has(second) && fails.has(first)) return capitalised(second);
  return undefined;
}

/**
 * Whether a figure the question gives (in minutes, a distance, a count of things, a vote's split) is
 * the fact's figure in the same terms: a count of the same things, a distance in either unit.
 */
function compareFigure(asked: Figure, fact: Fact): 'agrees' | 'contradicts' | 'unsettled' {
  const alike = figuresAlike(asked, fact);
  if (alike.length === 0) return 'unsettled';
  let unsettled = false;
  for (const f of alike) {
    const [n, value] =
      inKm(asked) !== undefined ? [inKm(asked) as number, inKm(f) as number] : [asked.value, f.value];
    const close =
      Math.abs(n - value) <= value * (inKm(asked) !== undefined && asked.unit !== f.unit ? 0.05 : 0);
    if (close && (f.unit !== 'votes' || asked.against === f.against)) return 'agrees';
    if (f.qualifier === 'over' && n > value) unsettled = true;
    if (f.qualifier === 'nearly' && n >= value) unsettled = true;
    if (f.qualifier === 'nearly' && n < value && n >= value * 0.9) return 'agrees';
  }
  return unsettled ? 'unsettled' : 'contradicts';
}

/**
 * Whether the question's numbers agree with the fact's figures ("over 8%" neither confirms nor denies
 * 10%). A number the question gives in units ("20 mins", "12 branches", "7 to 4") is weighed against the
 * fact's figures in the same terms only; a bare number against any of them.
 */
function checkFigures(
  numbers: number[],
  fact: Fact,
  asked: Figure[] = [],
): 'agrees' | 'contradicts' | 'unsettled' | 'none' {
  if (numbers.length === 0 || !fact.figures?.length) return 'none';
  const inUnits = asked.filter((f) => !['percent', 'usd', 'years'].includes(f.unit));
  const given = new Set(inUnits.flatMap((f) => [f.value, ...(f.against === undefined ? [] : [f.against])]));
  const outcomes = inUnits.map((f) => compareFigure(f, fact));
  if (outcomes.includes('agrees')) return 'agrees';
  let unsettled = outcomes.includes('unsettled');
  let bare = 0;
  for (const n of numbers) {
    // Hours and distances are read in other units than typed ("two hours" is 120 minutes).
    if (given.has(n) || inUnits.some((f) => f.text.includes(String(n)))) continue;
    bare += 1;
    for (const f of fact.figures) {
      if (n === f.value || n === f.against || (f.unit === 'usd' && n * 1e9 === f.value)) return 'agrees';
      if (f.qualifier === 'over' && n > f.value) unsettled = true;
      if (f.qualifier === 'nearly' && n >= f.value) unsettled = true;
      if (f.qualifier === 'nearly' && n < f.value && n >= f.value * 0.9) return 'agrees';
    }
  }
  if (bare === 0 && outcomes.length === 0) return 'none';
  return unsettled ? 'unsettled' : 'contradicts';
}
