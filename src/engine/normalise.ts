import { CHAT_SPELLINGS, PHRASES } from './lexicon.ts';

/** Longest question the engine accepts, in characters. */
export const MAX_QUESTION_LENGTH = 500;

// Chat markup in angle brackets (mentions, channel links, custom emoji, links on any platform) and
// @-mentions are not words of a question. Adapters strip their own platform's forms; this is the
// platform-blind safety net for whatever reaches the engine.
const ANGLE_MARKUP = /<[^<>\s|]+(?:\|[^<>]*)?>/g;
const AT_MENTION = /(?<![\w@])@\w+/g;
const URLS = /\bhttps?:\/\/\S+/g;
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what is stripped
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u200B-\u200F\u2028-\u202E\u2060-\u206F\uFEFF]/g;

const PHRASE_REPLACEMENTS = new Map(PHRASES.map(([phrase, replacement]) => [phrase, replacement]));
// One pass over the text: longest phrases first, so "how many years" wins over "how many".
const PHRASE_PATTERN = new RegExp(
  `\\b(?:${[...PHRASE_REPLACEMENTS.keys()]
    .sort((a, b) => b.length - a.length)
    .map(escapeRegExp)
    .join('|')})\\b`,
  'g',
);

/** What follows "like" in a likeness: "… like Initech did", "… like Initech's stock has". */
const LIKENESS_AFTER = /^\s+(?:\S+\s+){0,2}?(?:did|does|do|has|have|had|was|were|is|are)(?:\s+not)?[\s?!.]*$/;

const CHAT_WORD_PATTERN = new RegExp(`\\b(?:${[...CHAT_SPELLINGS.keys()].join('|')})\\b`, 'g');

/** "us" in any case (without the u flag, no letter beyond ASCII matches one within it). */
const ANY_US = /us/i;

/** Any character beyond ASCII (without the u flag, each half of a surrogate pair is one). */
const NON_ASCII = /[\u0080-\uffff]/;

/**
 * Whether a text is plain ASCII, as most typed questions are: Unicode's normal forms leave such a
 * text as it is, and it holds no accent to fold and no curly quote to straighten, so those passes
 * can be skipped.
 */
export function isAscii(text: string): boolean {
  return !NON_ASCII.test(text);
}

/** Removes control characters and invisible formatting; keeps letters, digits, punctuation and emoji. */
export function stripControlCharacters(text: string): string {
  return text.replace(CONTROL, ' ');
}

/**
 * Turns free chat text into the plain lower-case word stream the engine matches on:
 * mentions, links, markup and emoji become spaces; apostrophes, tickers and number formats are unified.
 */
export function normaliseText(raw: string): string {
  // Every pass below writes ASCII only: a text that starts as ASCII stays ASCII.
  const ascii = isAscii(raw);
  let text = stripControlCharacters(ascii ? raw : raw.normalize('NFKC'));
  // Most passes below only run on text holding a string that every match of theirs holds (most
  // questions have no markup, link, abbreviation or figure): a search for it is far cheaper.
  if (text.includes('<')) text = text.replace(ANGLE_MARKUP, ' ');
  if (text.includes('://')) text = text.replace(URLS, ' ');
  if (text.includes('@')) text = text.replace(AT_MENTION, ' ');
  // "U.S." and an upper-case "US" name the country; a lower-case "us" is a pronoun.
  if (text.includes('.')) text = text.replace(/\bu\.s\.(?:a\.?)?(?=\W|$)/gi, ' usa ');
  if (text.includes('US')) text = text.replace(/\bUSA?\b/g, ' usa ');
  // A lower-case "us" after "the", or before what only a country has, is the country too.
  if (ANY_US.test(text))
    text = text
      .replace(/\bthe us\b/gi, 'the usa')
      .replace(
        /\bus(?= (?:gov|govt|government|agencies|agency|military|navy|army|congress|officials|lawmakers|senate|federal|states|state|ban|bans|banned|authorities|regulators)\b)/gi,
        'usa',
      );
  if (text.includes('E.U')) text = text.replace(/\bE\.U\.?(?=\W|$)/g, ' eu ');
  text = text.toLowerCase();
  // Accents are folded, not dropped: "invirtió" is matched as "invirtio", one word, not "invirti".
  if (!ascii) text = text.normalize('NFD').replace(/\p{M}+/gu, '');
  if (text.includes('`')) text = text.replace(/`/g, "'");
  if (!ascii) text = text.replace(/[‘’´]/g, "'").replace(/[“”«»„]/g, '"');
  // "the network's take on the tram", "your take on it": what they say of it, not taking on a rival.
  if (text.includes('take on'))
    text = text.replace(/('s|s'|\b(?:my|your|his|her|its|our|their))\s+take\s+on\b/g, '$1 say on');
  // Contractions and possessives, in text with an apostrophe.
  if (text.includes("'")) {
    // "did its stock crash like Initech's?": a likeness, as "like Initech's did" says it.
    // Only the last "'s" can end the text, and only after "like" or "as".
    if (endsInPossessive(text) && (text.includes('like') || text.includes('as')))
      text = text.replace(/\b(like|as)\s+((?:\S+\s+)?\S+?)'s(?=[\s?!.]*$)/, '$1 $2 did');
    // "won't", "can't", "shan't": the verb is not what is left before "n't" ("wo", "ca").
    if (text.includes("n't"))
      text = text
        .replace(/\bwon't\b/g, 'will not')
        .replace(/\bcan't\b/g, 'cannot')
        .replace(/\bshan't\b/g, 'shall not')
        .replace(/\bain't\b/g, 'is not')
        .replace(/n't\b/g, ' not');
    if (text.includes("'s")) text = text.replace(/'s\b/g, '');
    if (text.includes("s'")) text = text.replace(/s'(?=\s|$)/g, 's');
    text = text.replace(/'(re|ve|ll|d|m)\b/g, ' ');
  }
  // The passes for figures, which most questions have none of; none of them writes a digit.
  const figures = /\d/.test(text);
  if (figures) {
    text = text.replace(/\$\s*(\d+(?:\.\d+)?)\s*(?:bn|b|billion)\b/g, ' $1 billion ');
    text = text.replace(/\b(\d+(?:\.\d+)?)\s*(?:bn|b)\b/g, ' $1 billion ');
    text = text.replace(/(\d)\s*%/g, '$1 percent ');
  }
  // "what % of voters": a percent sign with no number before it asks a percentage.
  if (text.includes('%')) text = text.replace(/\s*%/g, ' percent');
  if (text.includes('pct') || text.includes('per cent'))
    text = text.replace(/\bpct\b|\bper cent\b/g, ' percent ');
  if (text.includes('$')) text = text.replace(/\$/g, ' ');
  // "does Globex like Initech": the verb, not the filler ("like what did …") nor "look like".
  if (text.includes('like') || text.includes('love'))
    text = text.replace(
      /\b(do|does|did)\s+((?:[a-z0-9]+\s+){1,3}?)(like|love|likes|loves)(?=\s+[a-z])/g,
      (whole, verb: string, subject: string, _like: string, at: number, all: string) =>
        /\b(?:seem|seems|look|looks|feel|feels|sound|sounds|act|acts|be)\s+$/.test(subject) ||
        // "did it drop like Initech did": a likeness, not the verb.
        LIKENESS_AFTER.test(all.slice(at + whole.length))
          ? whole
          : `${verb} ${subject}admire`,
    );
  // "her own feed" is her feed: "own" only stresses whose it is.
  if (text.includes(' own')) text = text.replace(/\b(my|your|his|her|its|our|their) own\b/g, '$1');
  if (figures) {
    // "eli5" (explain like I'm five) is a request to explain, not a number.
    text = text.replace(/\beli5\b/g, ' explain ');
    text = text.replace(/([a-z])(\d)/g, '$1 $2').replace(/(\d)([a-z])/g, '$1 $2');
    text = text.replace(/\b(v|r)\s+(\d)\b/g, '$1$2'); // v3, r1 stay one token
  }
  // "controversy-free", "risk-free": without it.
  if (text.includes('-free')) text = text.replace(/\b([a-z]+)-free\b/g, 'without $1');
  if (text.includes('commerce')) text = text.replace(/\be[-\s]?commerce\b/g, 'ecommerce');
  text = text.replace(CHAT_WORD_PATTERN, (word) => CHAT_SPELLINGS.get(word) ?? word);
  text = text.replace(PHRASE_PATTERN, (phrase) => ` ${PHRASE_REPLACEMENTS.get(phrase) ?? phrase} `);
  text = text.replace(/[^a-z0-9.\s]+/g, ' ');
  if (text.includes('.')) text = text.replace(/(^|\s)\.+|\.+(?=\s|$)/g, ' ');
  return text.replace(/\s+/g, ' ').trim();
}

/** Whether the text's last "'s" is followed by nothing but spaces and closing stops. */
function endsInPossessive(text: string): boolean {
  const at = text.lastIndexOf("'s");
  return at >= 0 && POSSESSIVE_END.test(text.slice(at + 2));
}
const POSSESSIVE_END = /^[\s?!.]*$/;

const TYPED_WORD = /^[\p{L}\p{N}]+(?:[.'’-][\p{L}\p{N}]+)*$/u;

/**
 * Each normalised word of a text → the word as the user typed it, lower-cased with its accents
 * ("invirtio" → "invirtió"), for echoing words back. Only words typed as one plain word are mapped.
 * Given the words wanted, it stops reading once each has been found (each word is normalised on
 * its own, which is not cheap): their spellings are the same, and later words are left out.
 */
export function typedSpellings(raw: string, wanted?: ReadonlySet<string>): Map<string, string> {
  const spellings = new Map<string, string>();
  let found = 0;
  if (wanted?.size === 0) return spellings;
  for (const chunk of stripControlCharacters(isAscii(raw) ? raw : raw.normalize('NFC')).split(/\s+/)) {
    const typed = chunk.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '').toLowerCase();
    // Letters with stacked marks that do not compose, or punctuation inside, are shown as normalised.
    if (!TYPED_WORD.test(typed)) continue;
    const words = tokenize(normaliseText(typed));
    const word = words[0] as string;
    if (words.length !== 1 || spellings.has(word)) continue;
    spellings.set(word, typed);
    if (wanted?.has(word) && ++found === wanted.size) break;
  }
  return spellings;
}

/** Splits normalised text into words. */
export function tokenize(normalised: string): string[] {
  return normalised.length === 0 ? [] : normalised.split(' ').filter((w) => w.length > 0);
}

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Irregular verb forms, read as the verb ("sent" → send, "grew" → grow). Forms that are as often
 * another word ("left", "found", "saw", "won", "lay") are left alone.
 */
const IRREGULAR_FORMS: ReadonlyMap<string, string> = new Map(
  Object.entries({
    sent: 'send',
    took: 'take',
    taken: 'take',
    bought: 'buy',
    sold: 'sell',
    fell: 'fall',
    fallen: 'fall',
    beaten: 'beat',
    rose: 'rise',
    risen: 'rise',
    grew: 'grow',
    grown: 'grow',
    began: 'begin',
    begun: 'begin',
    led: 'lead',
    lost: 'lose',
    spent: 'spend',
    paid: 'pay',
    built: 'build',
    ran: 'run',
    told: 'tell',
    brought: 'bring',
    gave: 'give',
    given: 'give',
    held: 'hold',
    kept: 'keep',
    met: 'meet',
    spoke: 'speak',
    spoken: 'speak',
    wrote: 'write',
    written: 'write',
    chose: 'choose',
    chosen: 'choose',
    drove: 'drive',
    driven: 'drive',
    flew: 'fly',
    flown: 'fly',
    knew: 'know',
    known: 'know',
    rode: 'ride',
    ridden: 'ride',
    shook: 'shake',
    shaken: 'shake',
    sought: 'seek',
    struck: 'strike',
    taught: 'teach',
    threw: 'throw',
    thrown: 'throw',
    withdrew: 'withdraw',
    withdrawn: 'withdraw',
    undertook: 'undertake',
    overtook: 'overtake',
    hid: 'hide',
    hidden: 'hide',
    broke: 'break',
    broken: 'break',
    stole: 'steal',
    stolen: 'steal',
    froze: 'freeze',
    frozen: 'freeze',
    forbade: 'forbid',
    forbidden: 'forbid',
    swore: 'swear',
    sworn: 'swear',
    woke: 'wake',
    wore: 'wear',
    worn: 'wear',
    ate: 'eat',
    eaten: 'eat',
    drew: 'draw',
    drawn: 'draw',
    blew: 'blow',
    blown: 'blow',
    understood: 'understand',
  }),
);

/** The verb an irregular form is of ("sent" → send), if it is one. */
export function irregularBase(word: string): string | undefined {
  return IRREGULAR_FORMS.get(word);
}

/**
 * A light suffix stemmer: enough to fold "bans/banned/banning" and "stores/stored" together.
 * Both questions and facts go through it, so it only has to be consistent, not linguistically right.
 */
export function stem(word: string): string {
  const irregular = IRREGULAR_FORMS.get(word);
  if (irregular) return stem(irregular);
  if (word.length <= 3 || /\d/.test(word)) return word;
  // A plural of a noun in -ing ("evenings", "meetings") stems as the singular does.
  let w = word.endsWith('ings') && word.length > 6 ? word.slice(0, -1) : word;
  if (w.endsWith('ies') && w.length > 4) w = `${w.slice(0, -3)}y`;
  else if (w.endsWith('ied') && w.length > 4) w = `${w.slice(0, -3)}y`;
  else if (w.endsWith('sses')) w = w.slice(0, -2);
  else if (w.endsWith('ing') && w.length > 5) w = undouble(w.slice(0, -3));
  else if (w.endsWith('ed') && w.length > 4) w = undouble(w.slice(0, -2));
  else if (w.endsWith('es') && /(sh|ch|x|ss)es$/.test(w)) w = w.slice(0, -2);
  else if (w.endsWith('s') && !/(ss|us|is)$/.test(w)) w = w.slice(0, -1);
  if (w.endsWith('ly') && w.length > 5) w = w.slice(0, -2);
  if (w.endsWith('e') && w.length > 3) w = w.slice(0, -1);
  return w;
}

function undouble(w: string): string {
  return /([b-df-hj-np-tv-z])\1$/.test(w) && !/(ll|ss|zz)$/.test(w) ? w.slice(0, -1) : w;
}
