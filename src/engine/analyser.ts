import Fuse from 'fuse.js';
import type { Story } from '../knowledge/load-story.ts';
import { isEnglishWord } from './english-words.ts';
import {
  DENIAL_WORDS,
  FRAME_WORDS,
  INTENT_WORDS,
  MEANINGFUL_LY_WORDS,
  STOPWORDS,
  SYNONYM_GROUPS,
  YES_NO_OPENERS,
} from './lexicon.ts';
import { escapeRegExp, irregularBase, isAscii, normaliseText, stem, tokenize } from './normalise.ts';
import { checkThesaurus, thesaurusSynonyms } from './thesaurus.ts';

/** What kind of answer a question asks for. */
export type Intent =
  | 'what'
  | 'who'
  | 'when'
  | 'where'
  | 'why'
  | 'how'
  | 'how-much'
  | 'how-many'
  | 'how-long'
  | 'which';

/** One meaningful unit of a question or fact: a folded word, an entity or a number. */
export interface Term {
  key: string;
  kind: 'word' | 'entity' | 'number' | 'unknown';
  /** The word as the user typed it (after normalising), for messages. */
  surface: string;
}

/** A question read by the analyser. */
export interface Analysis {
  normalised: string;
  terms: Term[];
  intents: Set<Intent>;
  yesNo: boolean;
  /** A question about what will happen ("Will Acme …?"). */
  future: boolean;
  /** A negated question ("Didn't Globex …?", "did it not …"), which Yes or No would only confuse. */
  negated: boolean;
  numbers: number[];
  /** Spelling corrections applied, e.g. initch → initech. */
  corrections: { from: string; to: string }[];
  /** The two words of an either/or question ("up or down", "deny or confirm"), which Yes or No cannot answer. */
  alternatives?: [string, string];
}

const FILLER_OPENERS = new Set([
  'ok',
  'okay',
  'so',
  'hey',
  'yo',
  'hi',
  'hello',
  'bot',
  'well',
  'um',
  'uh',
  'and',
  'but',
  'also',
  'quick',
  'question',
  'q',
  'pls',
  'please',
  'wait',
  'hmm',
  'lol',
  'bruh',
  'dude',
  'sooo',
  'soo',
  'ai',
  'news',
]);
const INTENT_MARKERS: ReadonlyMap<string, Intent[]> = new Map(
  Object.entries({
    howmuch: ['how-much'],
    howmany: ['how-many'],
    howlong: ['how-long'],
  }),
);
const ARTICLES = new Set(['a', 'an', 'the']);
/** Words after what they restrict ("officials only"), before an "or". */
const RESTRICTIVE = new Set(['only', 'alone', 'exclusively']);
/** How many things a "what two …" question asks for. */
const COUNT_WORDS = new Set(['two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'both']);
/** "can you …", "could you …": with a verb of REQUEST_VERBS, a request for something, not a yes/no question. */
const REQUEST_OPENERS = new Set(['can', 'could', 'would', 'will']);
const REQUEST_VERBS = new Set(
  'give tell show list share explain summarise summarize describe name quote send provide walk recap break'.split(
    ' ',
  ),
);
/** A tag after a statement that makes it a yes/no question: "…, right?", "… true?", "…, isn't it?". */
/** The word of such a tag that would otherwise be read as a word of the question. */
const TAG_WORDS: ReadonlySet<string> = new Set(['true', 'correct', 'yes', 'yeah', 'yea', 'no', 'innit']);
const TAG_QUESTION =
  /[\s,]+(?:right|true|correct|yes|yeah|yea|no|innit|isn['’]?t (?:it|that so)|aren['’]?t they|(?:is|am) i right)\s*\?/i;
/** The words that ask a question themselves, not nouns of what is asked ("timing", "reason"). */
const QUESTION_WORDS = new Set(['who', 'whom', 'whose', 'what', 'when', 'where', 'why', 'which', 'how']);
/** Verbs of holding an opinion: "what do analysts think of X" asks the opinion. */
const OPINION_VERBS = new Set(['think', 'thinks', 'thought', 'believe', 'believes', 'feel', 'feels', 'make']);
const META_TOKENS = new Set(['howmuch', 'howmany', 'howlong', 'ornot', 'when', 'how']);
const MAX_CORRECTION_CACHE = 5000;
const MAX_CORRECTIONS_PER_QUESTION = 6;
const MAX_CORRECTABLE_LENGTH = 24;
const STOPWORD_STEMS = new Set([...STOPWORDS].map(stem));

/** What a question word asks for, singular or plural ("reasons" → why, "names" → which). */
function intentOf(word: string): string | undefined {
  return (
    INTENT_WORDS.get(word) ??
    (word.length > 4 && word.endsWith('s') ? INTENT_WORDS.get(word.slice(0, -1)) : undefined)
  );
}

/** A word with no meaning for matching, in any inflection ("makes", "getting"). */
function isStopword(word: string): boolean {
  if (STOPWORDS.has(word)) return true;
  // An inflection of a stopword ("makes", "knowing"), not a word that only shares a stopword's stem
  // ("real" of "really", "fare" of "far").
  const stemmed = stem(word);
  if (stemmed === word || !STOPWORD_STEMS.has(stemmed)) return false;
  // "evening" is no inflection of "even", nor "outing" of "out": only verbs take -ing and -ed.
  const verbal = /(?:ing|ed)$/.test(word);
  return inflectionBases(word).some((b) => STOPWORDS.has(b) && !(verbal && NOT_VERBS.has(b)));
}

/** Stopwords that are never verbs, so a word in -ing or -ed built on them is a word of its own. */
const NOT_VERBS: ReadonlySet<string> = new Set(
  'even far out over under off only just very pretty quite yet bit once again further right well'.split(' '),
);

/** The words an inflected form may come from: "makes" → make, "getting" → get, "tried" → try. */
function inflectionBases(word: string): string[] {
  const bases: string[] = [];
  const irregular = irregularBase(word);
  if (irregular) bases.push(irregular);
  const undoubled = (w: string) => (/([b-df-hj-np-tv-z])\1$/.test(w) ? w.slice(0, -1) : w);
  if (word.endsWith('ies')) bases.push(`${word.slice(0, -3)}y`);
  if (word.endsWith('es')) bases.push(word.slice(0, -2));
  if (word.endsWith('s')) bases.push(word.slice(0, -1));
  if (word.endsWith('ied')) bases.push(`${word.slice(0, -3)}y`);
  if (word.endsWith('ed')) {
    const base = word.slice(0, -2);
    bases.push(base, `${base}e`, undoubled(base));
  }
  if (word.endsWith('ing')) {
    const base = word.slice(0, -3);
    bases.push(base, `${base}e`, undoubled(base));
  }
  return bases;
}

/** Edit distance with adjacent transpositions (optimal string alignment). */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) => {
    const row = new Array<number>(cols).fill(0);
    row[0] = i;
    return row;
  });
  for (let j = 0; j < cols; j++) (d[0] as number[])[j] = j;
  for (let i = 1; i < rows; i++) {
    const row = d[i] as number[];
    const prev = d[i - 1] as number[];
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(
        (prev[j] as number) + 1,
        (row[j - 1] as number) + 1,
        (prev[j - 1] as number) + cost,
      );
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        best = Math.min(best, ((d[i - 2] as number[])[j - 2] as number) + 1);
      }
      row[j] = best;
    }
  }
  return (d[a.length] as number[])[b.length] as number;
}

/**
 * Whether two strings are at most one edit apart (editDistance(a, b) <= 1): equal, or one letter
 * changed, added, dropped, or swapped with the next. In one pass, without editDistance's table.
 */
export function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (a.length > b.length) return a.slice(i + 1) === b.slice(i);
  if (a.length < b.length) return a.slice(i) === b.slice(i + 1);
  if (a.slice(i + 1) === b.slice(i + 1)) return true;
  return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
}

function allowedEdits(length: number): number {
  if (length < 4) return 0;
  if (length <= 7) return 1;
  return 2;
}

interface AliasNode {
  children: Map<string, AliasNode>;
  entityId?: string;
}

/**
 * Reads questions and fact texts into comparable terms. Built once per story: it holds the
 * story's vocabulary (for spelling correction with fuse.js), the entity alias trie and the synonym map.
 */
export class Analyser {
  readonly vocabulary: ReadonlySet<string>;
  /** The words of the story's own texts (facts, names, topics), without the lexicon's synonyms. */
  private readonly storyWords: ReadonlySet<string>;
  /** The same words stemmed ("comments" → comment). */
  private readonly storyStems: ReadonlySet<string>;
  private readonly synonyms = new Map<string, string>();
  private readonly aliasTrie: AliasNode = { children: new Map() };
  /** One fuse.js index per first letter: typos keep the first letter, and small indexes are fast. */
  private readonly fuseByInitial = new Map<string, Fuse<string>>();
  /** The same words by first letter, for the close misspellings fuse.js's bitap misses (a swap: "qaio"). */
  private readonly wordsByInitial = new Map<string, string[]>();
  private readonly corrections = new Map<string, string | null>();
  private readonly synonymCache = new Map<string, string | null>();
  private storyKeys: ReadonlySet<string> = new Set();
  /** Names in other scripts (北京大学 → Globex), longest first; normalising would drop them. */
  private readonly scriptAliases: { alias: string; name: string }[] = [];

  /**
   * The story's own phrases (its pack's vocabulary), each read as one word; longest first. `words`:
   * a phrase in ASCII's words in lower case, which ASCII text must all hold for its pattern to match.
   */
  private readonly storyPhrases: { pattern: RegExp; means: string; words?: string[] }[];

  constructor(story: Story) {
    checkThesaurus();
    this.storyPhrases = [...story.vocabulary.phrases]
      .sort((a, b) => b.phrase.length - a.phrase.length)
      .map(({ phrase, means }) => {
        const words = phrase.trim().split(/\s+/);
        return {
          pattern: new RegExp(
            `(?<![\\p{L}\\p{N}])${words.map(escapeRegExp).join('[\\s-]+')}(?![\\p{L}\\p{N}])`,
            'giu',
          ),
          means,
          ...(isAscii(phrase) ? { words: words.map((w) => w.toLowerCase()) } : {}),
        };
      });
    // The story's own groups first: where a word is in both, the story's reading wins.
    for (const group of [...story.vocabulary.synonyms, ...SYNONYM_GROUPS]) {
      const head = stem(group[0] as string);
      for (const word of group) {
        const key = stem(word);
        if (!this.synonyms.has(key)) this.synonyms.set(key, head);
      }
    }
    const vocabulary = new Set<string>();
    const addWords = (text: string) => {
      for (const word of tokenize(this.normalise(text))) vocabulary.add(word);
    };
    for (const entity of story.entities) {
      for (const alias of [entity.name, ...entity.aliases]) {
        if (/\p{L}/u.test(alias) && this.normalise(alias) === '')
          this.scriptAliases.push({ alias: alias.normalize('NFKC'), name: entity.name });
        const words = tokenize(this.normalise(alias)).filter((w, i) => !(i === 0 && w === 'the'));
        if (words.length === 0 || (words.length === 1 && STOPWORDS.has(words[0] as string))) continue;
        this.addAlias(words, entity.id);
        for (const word of words) vocabulary.add(word);
      }
    }
    for (const fact of story.facts) {
      for (const text of [fact.statement, fact.quote, ...fact.keywords, ...fact.questions]) addWords(text);
    }
    for (const topic of story.topics)
      for (const text of [topic.id, topic.name, ...topic.aliases]) addWords(text);
    this.storyWords = new Set(vocabulary);
    this.storyStems = new Set([...vocabulary].map(stem));
    for (const group of [...story.vocabulary.synonyms, ...SYNONYM_GROUPS])
      for (const word of group) addWords(word);
    this.vocabulary = vocabulary;
    this.scriptAliases.sort((a, b) => b.alias.length - a.alias.length);
    const candidates = [...vocabulary].filter((w) => w.length >= 3 && !/^\d/.test(w) && !STOPWORDS.has(w));
    const byInitial = new Map<string, string[]>();
    for (const word of candidates)
      byInitial.set(word[0] as string, [...(byInitial.get(word[0] as string) ?? []), word]);
    for (const [initial, words] of byInitial) {
      this.wordsByInitial.set(initial, words);
      this.fuseByInitial.set(
        initial,
        new Fuse(words, { includeScore: true, threshold: 0.45, ignoreLocation: true, minMatchCharLength: 2 }),
      );
    }
  }

  private addAlias(words: string[], entityId: string): void {
    let node = this.aliasTrie;
    for (const word of words) {
      let next = node.children.get(word);
      if (!next) {
        next = { children: new Map() };
        node.children.set(word, next);
      }
      node = next;
    }
    node.entityId ??= entityId;
  }

  /** The story word a misspelt word most likely means, or null when none is close enough. */
  correct(word: string): string | null {
    const cached = this.corrections.get(word);
    if (cached !== undefined) return cached;
    let best: string | null = null;
    const budget = allowedEdits(word.length);
    if (budget > 0) {
      let bestDistance = budget + 1;
      // Most typos keep the first letter; requiring it keeps real words from being "corrected" into story words.
      const index = this.fuseByInitial.get(word[0] as string);
      const near = (index?.search(word, { limit: 12 }) ?? []).map((r) => r.item);
      for (const item of [...near, ...(this.wordsByInitial.get(word[0] as string) ?? [])]) {
        if (Math.abs(item.length - word.length) > budget) continue;
        const distance = editDistance(word, item);
        if (distance < bestDistance) {
          bestDistance = distance;
          best = item;
        }
      }
    }
    if (this.corrections.size >= MAX_CORRECTION_CACHE) this.corrections.clear();
    this.corrections.set(word, best);
    return best;
  }

  /**
   * A story word that an unknown word means, from WordNet (the thesaurus): "prohibition" → ban,
   * "reduce" → cut. Only synonyms the story itself uses count, so a word the article never touches
   * ("valuation") stays unknown. Cached per word.
   */
  private storySynonym(word: string): string | null {
    const cached = this.synonymCache.get(word);
    if (cached !== undefined) return cached;
    let found: string | null = null;
    // The thesaurus holds one-word nouns and adjectives only: verb senses ("raise" → rise, "free" →
    // release) stray too far.
    const candidates =
      thesaurusSynonyms(word) ??
      thesaurusSynonyms(stem(word)) ??
      thesaurusSynonyms(word.replace(/s$/, '')) ??
      [];
    for (const candidate of candidates) {
      if (candidate === word) continue;
      const key = this.fold(candidate);
      // The synonym must be a word the story uses itself: one that reaches the story only through
      // another group of synonyms strays too far ("fast" → firm → company).
      if (this.storyKeys.has(key) && (key === stem(candidate) || this.storyWords.has(candidate))) {
        found = key;
        break;
      }
    }
    if (this.synonymCache.size >= MAX_CORRECTION_CACHE) this.synonymCache.clear();
    this.synonymCache.set(word, found);
    return found;
  }

  /** The story word a doer is named after ("commenters" → comment, "backers" → back), if any. */
  private agentBase(word: string): string | null {
    const match = /^(.{3,}?)(?:er|or)s?$/.exec(word);
    if (!match) return null;
    const base = match[1] as string;
    for (const candidate of [base, `${base}e`, base.replace(/(.)\1$/, '$1')]) {
      if (this.storyStems.has(stem(candidate))) return this.fold(candidate);
    }
    return null;
  }

  /** Tells the analyser which folded words the story's facts use (set once the facts are indexed). */
  setStoryKeys(keys: Iterable<string>): void {
    this.storyKeys = new Set(keys);
    this.synonymCache.clear();
  }

  /** normaliseText, with the story's own phrases read as one word first (in questions and facts alike). */
  normalise(text: string): string {
    let read = isAscii(text) ? text : text.normalize('NFKC');
    // Most texts hold none of the phrases: in ASCII text, a phrase whose words are not all there
    // cannot match, and its pattern (Unicode-aware, so not cheap) need not run.
    let lower = isAscii(read) ? read.toLowerCase() : undefined;
    for (const { pattern, means, words } of this.storyPhrases) {
      const holds = lower;
      if (holds !== undefined && words && !words.every((w) => holds.includes(w))) continue;
      const replaced = read.replace(pattern, ` ${means} `);
      if (replaced === read) continue;
      read = replaced;
      lower = isAscii(read) ? read.toLowerCase() : undefined;
    }
    return normaliseText(read);
  }

  /** Folds a plain word onto its synonym head after stemming. */
  fold(word: string): string {
    const stemmed = stem(word);
    return this.synonyms.get(stemmed) ?? this.synonyms.get(word) ?? stemmed;
  }

  /**
   * A word of a question as read: as typed when known, else the name it continues ("jane doh" →
   * doe, even though "doh" is an English word) or the story word it misspells.
   */
  private correctedWord(
    word: string,
    before: string[],
    corrections: Analysis['corrections'],
    budget: { searches: number },
  ): string {
    if (this.isKnownOrIgnored(word) || /\d/.test(word) || word.length > MAX_CORRECTABLE_LENGTH) return word;
    const continued = this.continuedName(word, before);
    if (continued) {
      corrections.push({ from: word, to: continued });
      return continued;
    }
    // Spelling correction costs a fuzzy search: a question of random words must not cost more than a few.
    if (budget.searches <= 0 || isEnglishWord(word)) return word;
    budget.searches--;
    // A misspelt plural ("evnings") is the singular's misspelling, one edit further off.
    const singular = word.length > 4 && word.endsWith('s') ? this.correct(word.slice(0, -1)) : null;
    const fix = this.correct(word) ?? (singular ? `${singular}s` : null);
    if (fix) corrections.push({ from: word, to: fix });
    return fix ?? word;
  }

  /** The next word of a name of several words begun by the words before, misspelt by an edit or two. */
  private continuedName(word: string, before: string[]): string | undefined {
    for (let from = Math.max(0, before.length - 3); from < before.length; from++) {
      let node: AliasNode | undefined = this.aliasTrie;
      for (let i = from; i < before.length && node; i++) node = node.children.get(before[i] as string);
      if (!node || node === this.aliasTrie) continue;
      for (const next of node.children.keys()) {
        const budget = allowedEdits(next.length);
        if (budget > 0 && Math.abs(next.length - word.length) <= budget && editDistance(word, next) <= budget)
          return next;
      }
    }
    return undefined;
  }

  /** Reads a user's question: corrects typos, finds entities, folds synonyms, notes intent and yes/no form. */
  analyseQuestion(question: string): Analysis {
    const normalised = this.normalise(this.withLatinNames(question));
    const words = tokenize(normalised);
    const corrections: Analysis['corrections'] = [];
    const budget = { searches: MAX_CORRECTIONS_PER_QUESTION };
    const corrected: string[] = [];
    for (const word of words) corrected.push(this.correctedWord(word, corrected, corrections, budget));
    const intents = new Set<Intent>();
    const openerAt = corrected.findIndex((w) => !FILLER_OPENERS.has(w));
    const opener = openerAt < 0 ? undefined : corrected[openerAt];
    corrected.forEach((word, at) => {
      const intent = intentOf(word);
      // "what does Globex claim about how much it costs": what is claimed is asked, not the figure.
      const embedded =
        at > openerAt + 1 && corrected[at - 1] === 'about' && (opener === 'what' || opener === 'which');
      if (embedded && (intent || INTENT_MARKERS.has(word))) return;
      // "what do analysts think of the release timing": an opinion of it is asked, not its date.
      const opinionOf =
        opener === 'what' &&
        intent !== undefined &&
        !QUESTION_WORDS.has(word) &&
        corrected.slice(openerAt + 1, at).some((w) => OPINION_VERBS.has(w));
      if (opinionOf) return;
      if (intent) intents.add(intent as Intent);
      for (const marked of INTENT_MARKERS.get(word) ?? []) intents.add(marked);
    });
    if (opener === 'how' && !intents.has('how-much') && !intents.has('how-many')) intents.add('how');
    if (opener === 'what' && intents.size === 0) intents.add('what');
    // "can you give me the full quote": a request, not a question to answer Yes or No.
    const request =
      REQUEST_OPENERS.has(opener ?? '') &&
      ['you', 'u'].includes(corrected[openerAt + 1] ?? '') &&
      REQUEST_VERBS.has(corrected[openerAt + 2] ?? '');
    // "could you tell me whether …" asks the yes/no question it embeds.
    const embedsYesNo = request && corrected.some((w) => w === 'if' || w === 'whether');
    // "the fare's $3, right?", "so it got cheaper, true?": a statement with a tag asks whether it holds.
    const tagged =
      opener !== undefined &&
      intentOf(opener) === undefined &&
      opener !== 'how' &&
      TAG_QUESTION.test(question);
    const yesNo =
      (opener !== undefined && YES_NO_OPENERS.has(opener) && (!request || embedsYesNo)) ||
      corrected.includes('ornot') ||
      tagged;
    // "will it …", and "when will it …", "what will happen to …": a question about what is to come.
    // "which state will ban it next", "who's gonna ban it": the verb of what is to come follows the
    // question word's noun.
    const future =
      ((opener === 'will' || opener === 'would') && !request) ||
      (intentOf(opener ?? '') !== undefined &&
        corrected.slice(openerAt + 1, openerAt + 5).some((w) => w === 'will' || w === 'gonna')) ||
      (opener !== undefined && YES_NO_OPENERS.has(opener) && corrected.includes('gonna'));
    // "has it come without controversy", "controversy-free", "had no controversy" deny what they ask
    // about, as "not" does ("yes or no" denies nothing).
    const negated =
      corrected.includes('not') ||
      corrected.includes('never') ||
      corrected.includes('without') ||
      corrected.some((w, i) => w === 'no' && i > 0 && corrected[i - 1] !== 'or' && i + 1 < corrected.length);
    // "what two places does it connect": how many are asked for frames the question; it is not asked.
    // The tag only asks: "…, true?" is not a question about truth.
    const untagged = tagged && TAG_WORDS.has(corrected.at(-1) ?? '') ? corrected.slice(0, -1) : corrected;
    const counted =
      (opener === 'what' || opener === 'which') &&
      (COUNT_WORDS.has(corrected[openerAt + 1] ?? '') || /^(?:[2-9]|10)$/.test(corrected[openerAt + 1] ?? ''))
        ? untagged.filter((_, at) => at !== openerAt + 1)
        : untagged;
    // "X or Y" (never "or not", already a token of its own): the words either side of the "or".
    // From the words as typed, not as folded onto synonyms ("up" must stay "up").
    // An article before the second word is skipped: "the CEO or a VP" weighs CEO against VP.
    const typed = normalised.split(' ');
    const or = typed.indexOf('or');
    const after = ARTICLES.has(typed[or + 1] ?? '') ? or + 2 : or + 1;
    // "light rail or heavy rail": the words that differ are weighed, not the word both share.
    const shared = or > 1 && typed[or - 1] === typed[after + 1];
    // "for officials only or everyone": the alternative is what "only" restricts to.
    const before = shared || (or > 1 && RESTRICTIVE.has(typed[or - 1] ?? '')) ? or - 2 : or - 1;
    const alternatives =
      or > 0 && after < typed.length && typed[or + 1] !== 'not'
        ? ([typed[before], typed[after]] as [string, string])
        : undefined;
    // "slow or quick": an alternative is read though chat uses the word as filler ("quick q"), when the
    // lexicon knows what it means.
    const kept = new Set((alternatives ?? []).filter((w) => isStopword(w) && this.synonyms.has(stem(w))));
    const terms = this.termsOf(counted, true, kept);
    // "how long is the line": of a named thing alone, not of doing ("the wait", "the trip"), it asks a
    // length, when the story gives any.
    const length = this.fold('length');
    // Only a question opening with "how long" can be that: the words are joined only for one.
    const lengthOf =
      corrected[0] === 'howlong'
        ? /^howlong (?:is|was|will be) (?:the |this |that )?(.+)$/.exec(corrected.join(' '))?.[1]
        : undefined;
    if (
      lengthOf !== undefined &&
      terms.length === 1 &&
      terms[0]?.kind === 'entity' &&
      terms[0].surface === lengthOf &&
      this.storyKeys.has(length)
    )
      terms.push({ key: length, kind: 'word', surface: 'length' });
    const numbers = terms.filter((t) => t.kind === 'number').map((t) => Number(t.surface));
    return {
      normalised,
      terms,
      intents,
      yesNo,
      future,
      negated,
      numbers,
      corrections,
      ...(alternatives ? { alternatives } : {}),
    };
  }

  /** The text with the story's names in other scripts replaced by their English names ("清华大学" → Acme). */
  withLatinNames(text: string): string {
    if (this.scriptAliases.length === 0 || !/[^\p{Script=Latin}\p{Script=Common}]/u.test(text)) return text;
    let out = text.normalize('NFKC');
    for (const { alias, name } of this.scriptAliases) out = out.split(alias).join(` ${name} `);
    return out;
  }

  private isKnownOrIgnored(word: string): boolean {
    return this.vocabulary.has(word) || isStopword(word) || intentOf(word) !== undefined;
  }

  /** Reads a fact's text (no spelling correction: the data is spelt right). */
  analyseText(text: string): Term[] {
    return this.termsOf(tokenize(this.normalise(text)), false);
  }

  /**
   * The words of a name of several words, read as plain words ("Elm Street" → elm, street), for
   * questions that name a thing by its kind ("which street").
   */
  nameWords(name: string): Term[] {
    const words = tokenize(this.normalise(name));
    if (words.length < 2) return [];
    return words
      .filter((w) => w.length > 1 && !/\d/.test(w) && !isStopword(w) && intentOf(w) === undefined)
      .map((w) => ({ key: this.fold(w), kind: 'word', surface: w }));
  }

  /** True when the question's words include a denial ("deny", "fake", "false" …). */
  mentionsDenial(terms: readonly Term[]): boolean {
    return terms.some((t) => DENIAL_WORDS.has(t.key));
  }

  private termsOf(words: string[], fromQuestion: boolean, kept: ReadonlySet<string> = new Set()): Term[] {
    const terms: Term[] = [];
    for (let i = 0; i < words.length; ) {
      const match = this.matchEntity(words, i);
      if (match) {
        terms.push({
          key: `@${match.entityId}`,
          kind: 'entity',
          surface: words.slice(i, match.end).join(' '),
        });
        i = match.end;
        continue;
      }
      const word = words[i] as string;
      i++;
      if ((isStopword(word) && !kept.has(word)) || META_TOKENS.has(word) || intentOf(word) !== undefined)
        continue;
      if (/^\d+(\.\d+)?$/.test(word)) {
        terms.push({ key: `#${Number(word)}`, kind: 'number', surface: word });
        continue;
      }
      if (word.length < 2) continue;
      const known = !fromQuestion || this.vocabulary.has(word) || this.storyKeys.has(this.fold(word));
      if (known) {
        terms.push({ key: this.fold(word), kind: 'word', surface: word });
        continue;
      }
      // An unknown adverb ("generally", "outright") rarely carries what is asked.
      if (word.length > 4 && word.endsWith('ly') && !MEANINGFUL_LY_WORDS.has(word)) continue;
      // Nor does a word that only frames the question ("supposed", "care", "lowkey").
      if (FRAME_WORDS.has(word)) continue;
      // Nor a comparative setting a bound on a figure ("shorter than 10 miles"): the figure is weighed.
      if (words[i] === 'than' && /^\d/.test(words[i + 1] ?? '')) continue;
      // The lexicon is authoritative: a word it knows ("raise") is never re-read through the thesaurus.
      const synonym = this.synonyms.has(stem(word))
        ? null
        : (this.storySynonym(word) ?? this.agentBase(word));
      terms.push(
        synonym
          ? { key: synonym, kind: 'word', surface: word }
          : { key: this.fold(word), kind: 'unknown', surface: word },
      );
    }
    return terms;
  }

  private matchEntity(words: string[], start: number): { entityId: string; end: number } | null {
    let node: AliasNode | undefined = this.aliasTrie;
    let found: { entityId: string; end: number } | null = null;
    for (let i = start; i < words.length && node; i++) {
      node = node.children.get(words[i] as string);
      if (node?.entityId) found = { entityId: node.entityId, end: i + 1 };
    }
    return found;
  }
}
