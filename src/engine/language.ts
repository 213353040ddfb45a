import { createRequire } from 'node:module';
import { withinOneEdit } from './analyser.ts';
import { isEnglishWord } from './english-words.ts';
import { CHAT_SPELLINGS, STOPWORDS } from './lexicon.ts';
import { isAscii } from './normalise.ts';

type DetectAll = typeof import('tinyld').detectAll;
let loadedDetectAll: DetectAll | undefined;

/** tinyld takes about a tenth of a second to load: not at every start, but once the bot is up (or on first need). */
function detectAll(...args: Parameters<DetectAll>): ReturnType<DetectAll> {
  loadDetector();
  return (loadedDetectAll as DetectAll)(...args);
}

/** Loads the language model now, if it is not loaded yet. */
export function loadDetector(): void {
  loadedDetectAll ??= (createRequire(import.meta.url)('tinyld') as typeof import('tinyld')).detectAll;
}

/** Why a question was taken for another language than English. */
export interface ForeignLanguage {
  /** ISO 639-1 code where the detector names one, else the dominant script in lower case ("han"). */
  language: string;
  /** How it was told: its letters are of another script, or its words are of another Latin-script language. */
  by: 'script' | 'words';
}

// Letters of scripts other than Latin, weighted roughly by how many Latin letters one of them stands
// for: a Han character or a Hangul block is a syllable, a kana one or two letters.
const SCRIPT_WEIGHTS: readonly (readonly [string, RegExp, number])[] = [
  ['han', /\p{Script=Han}/u, 3],
  ['hangul', /\p{Script=Hangul}/u, 3],
  ['kana', /[\p{Script=Hiragana}\p{Script=Katakana}]/u, 2],
];
const LETTER = /\p{L}/u;
const LATIN_LETTER = /\p{Script=Latin}/u;
// Words with their digits ("1b", "v3"), so that a figure's unit is not read as a word.
const LATIN_WORD = /[\p{Script=Latin}\p{M}\p{N}]+(?:['’][\p{Script=Latin}]+)*/gu;
/** LATIN_WORD over lower-case ASCII text, where Latin letters are a–z, digits 0–9, and there are no marks. */
const ASCII_WORD = /[a-z0-9]+(?:'[a-z]+)*/g;
const NON_LATIN_RUN = /[^\p{Script=Latin}\p{Script=Common}\p{Script=Inherited}]+/gu;
const MARKUP = /<[^<>]*>|\bhttps?:\/\/\S+|(?<![\w@])@\w+/g;
/** Punctuation only other languages write: Spanish opening marks. */
const FOREIGN_PUNCTUATION = /[¿¡]/g;
/**
 * Latin-script languages the word detector may name. The detector knows dozens more, many of which
 * share English's short words ("is", "do", "a"); only widely written languages with well-trained
 * profiles are allowed, so that a terse English question is never read as, say, Afrikaans.
 */
const LATIN_LANGUAGES = [
  'en',
  'es',
  'fr',
  'de',
  'pt',
  'it',
  'nl',
  'ca',
  'ro',
  'pl',
  'cs',
  'sv',
  'da',
  'tr',
  'id',
];
/** At least this many of a question's words must be foreign, and at least this share of them. */
const MIN_FOREIGN_WORDS = 2;
const MIN_FOREIGN_SHARE = 0.5;

/**
 * Tells a question written in another language than English, conservatively: short English chat
 * ("wen did widget drop", "r u sure", "tldr"), tickers and names are never taken for another language.
 * Names of the story (in any script) are neutral: "北京大学" in an English question does not make it Chinese.
 */
export class LanguageDetector {
  private readonly scriptNames: string[];
  private readonly nameWords: ReadonlySet<string>;
  /** The words of names of five letters or more, which a word one edit away is taken to misspell. */
  private readonly longNameWords: readonly string[];
  private readonly isKnownWord: (word: string) => boolean;

  /**
   * @param names every name and alias of the story's entities
   * @param isKnownWord words of the story (its facts' vocabulary), which count as neither English nor foreign
   */
  constructor(names: Iterable<string>, isKnownWord: (word: string) => boolean = () => false) {
    const scriptNames: string[] = [];
    const nameWords = new Set<string>();
    for (const name of names) {
      const lower = name.normalize('NFC').toLowerCase();
      if ([...lower].some((c) => LETTER.test(c) && !LATIN_LETTER.test(c))) scriptNames.push(lower);
      for (const [word] of lower.matchAll(LATIN_WORD)) nameWords.add(word);
    }
    // Longest first, so "北京大学图书馆" is removed whole rather than leaving "图书馆".
    this.scriptNames = scriptNames.sort((a, b) => b.length - a.length);
    this.nameWords = nameWords;
    this.longNameWords = [...nameWords].filter((name) => name.length >= 5);
    this.isKnownWord = isKnownWord;
  }

  /** The language of a question that is clearly not English; undefined for English, or when it cannot tell. */
  foreignLanguageOf(question: string): ForeignLanguage | undefined {
    const ascii = isAscii(question);
    let text = (ascii ? question : question.normalize('NFC')).replace(MARKUP, ' ').toLowerCase();
    // Plain ASCII (most questions) holds no letter of another script, nor a name written in one.
    if (ascii) return this.byWords(text, true);
    for (const name of this.scriptNames) text = text.split(name).join(' ');
    return this.byScript(text) ?? this.byWords(text, false);
  }

  /** Letters of another script outweighing the Latin letters of words that are not names. */
  private byScript(text: string): ForeignLanguage | undefined {
    const weights = new Map<string, number>();
    let foreign = 0;
    for (const [run] of text.matchAll(NON_LATIN_RUN)) {
      for (const char of run) {
        if (!LETTER.test(char)) continue;
        const [script, , weight] = SCRIPT_WEIGHTS.find(([, pattern]) => pattern.test(char)) ?? [
          'other',
          /./,
          1,
        ];
        weights.set(script, (weights.get(script) ?? 0) + weight);
        foreign += weight;
      }
    }
    if (foreign === 0) return undefined;
    let latin = 0;
    for (const [word] of text.matchAll(LATIN_WORD)) if (!this.isNeutral(word)) latin += word.length;
    if (foreign <= latin) return undefined;
    const detected = detectAll(text)[0]?.lang;
    const script = [...weights].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 'other';
    return { language: detected && detected !== 'en' ? detected : script, by: 'script' };
  }

  /**
   * Words of another Latin-script language: at least two of the question's words, and at least half
   * of those that are not names, are no English word, and the detector names a language other than
   * English for the whole question. Both must agree: the dictionary alone would take typos and slang
   * for a language, the detector alone misreads short English questions.
   */
  private byWords(text: string, ascii: boolean): ForeignLanguage | undefined {
    let foreign = ascii ? 0 : (text.match(FOREIGN_PUNCTUATION)?.length ?? 0);
    let counted = 0;
    for (const [word] of text.matchAll(ascii ? ASCII_WORD : LATIN_WORD)) {
      if (ascii ? /[0-9]/.test(word) : /\p{N}/u.test(word)) continue;
      // As isNeutral, with the dictionary asked once per word.
      const english = this.isEnglish(word);
      if (!english && this.isNameOrStoryWord(word)) continue;
      counted += 1;
      if (!english) foreign += 1;
    }
    if (foreign < MIN_FOREIGN_WORDS || foreign < MIN_FOREIGN_SHARE * counted) return undefined;
    const top = detectAll(text, { only: LATIN_LANGUAGES })[0]?.lang;
    if (!top || top === 'en') return undefined;
    return { language: top, by: 'words' };
  }

  /** A name of the story, or a story word, that is not also an English word: evidence of nothing. */
  private isNeutral(word: string): boolean {
    return !this.isEnglish(word) && this.isNameOrStoryWord(word);
  }

  /** A word of the story's names or texts, or a misspelt name ("alibabba", "deepseak"): still a name. */
  private isNameOrStoryWord(word: string): boolean {
    if (this.nameWords.has(word) || this.isKnownWord(word)) return true;
    return word.length >= 5 && this.longNameWords.some((name) => withinOneEdit(word, name));
  }

  private isEnglish(word: string): boolean {
    const plain = word.includes('’') ? word.replace(/’/g, "'") : word;
    // An accented letter is no English spelling ("invirtió"); the dictionary holds plain letters only.
    if (/[^a-z']/.test(plain)) return false;
    if (STOPWORDS.has(plain) || CHAT_SPELLINGS.has(plain)) return true;
    // A word without an apostrophe (most): itself the one part below.
    if (plain.length > 0 && !plain.includes("'")) return isEnglishWord(plain) || isEnglishEnding(plain);
    return plain
      .split("'")
      .filter((part) => part.length > 0)
      .every((part) => isEnglishWord(part) || isEnglishEnding(part));
  }
}

/** The part of an English word after an apostrophe ("it's", "don't", "we'll"). */
function isEnglishEnding(part: string): boolean {
  return part.length <= 2 && /^(?:s|t|d|ll|re|ve|m)$/.test(part);
}
