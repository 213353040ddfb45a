import { isEnglishWord } from '../engine/english-words.ts';
import { escapeRegExp } from '../engine/normalise.ts';
import type { Entity } from './schema.ts';

/** A drafted entity, with how often the article names it. */
export type DraftedEntity = Entity & { count: number };

/**
 * Words that stand before a name as a title or role ("Vice President Jane Doe", "Governor Doe"):
 * they split a run of capitalised words, and what follows them is a person.
 */
const TITLES = new Set(
  'mr mrs ms dr prof professor sir dame lord lady governor gov mayor president vice senator sen representative rep councillor councilor alderman chief ceo cfo cto chair chairman chairwoman chairperson director minister secretary executive spokesperson spokesman spokeswoman judge justice general gen colonel col captain capt sergeant sgt lieutenant lt commissioner superintendent inspector officer sheriff king queen prince princess pope bishop father sister brother rabbi imam coach'.split(
    ' ',
  ),
);

const CALENDAR = new Set(
  'monday tuesday wednesday thursday friday saturday sunday january february march april may june july august september october november december'.split(
    ' ',
  ),
);

/** Lower-case words that join the words of a name ("Bank of England", "Universidad de Chile"). */
const CONNECTORS = new Set(['of', 'de', 'du', 'da', 'del', 'der', 'van', 'von', 'la', 'le', 'al', 'bin']);

/** Verbs that report what someone said: their subject, or the phrase after a quote, is a speaker. */
export const SPEECH =
  'said|says|say|stated|states|told|tells|added|adds|clarified|explained|warned|warns|noted|notes|wrote|writes|argued|argues|insisted|replied|declared|announced|announces|claimed|claims|believe|believes|believed|revealed|reveals|estimated|estimates|predicted|predicts|commented|confirmed|denied|acknowledged|asked';

/** The last word of a name that tells what it names. */
const GOVERNMENT_HEADS = new Set(
  'council congress navy army pentagon party union ministry department agency parliament senate government commission court police administration assembly legislature cabinet bureau'.split(
    ' ',
  ),
);
const ORGANIZATION_HEADS = new Set(
  'association network group inc corp corporation company co ltd bank university college institute foundation authority society club trust partners holdings labs media league federation alliance'.split(
    ' ',
  ),
);
const PLACE_HEADS = new Set(
  'street st road rd avenue ave lane boulevard station hall valley harbour harbor square park bridge river city county district island islands bay airport port state province region coast mountains'.split(
    ' ',
  ),
);

/**
 * Plural (or collective) nouns for people and bodies that an article quotes or cites without naming
 * them: "analysts believe", "residents submitted", "officials warned". General English.
 */
const GROUP_HEADS = new Set(
  'analysts experts economists observers commentators critics supporters opponents backers campaigners protesters activists residents locals citizens voters taxpayers consumers customers shoppers users subscribers passengers riders commuters drivers motorists patients doctors nurses teachers students parents workers employees staff unions officials lawmakers legislators politicians regulators authorities investigators prosecutors police officers soldiers troops planners engineers scientists researchers academics contractors builders developers investors shareholders traders merchants retailers businesses shopkeepers owners landlords tenants farmers fishermen councillors councilors members delegates ministers executives managers leaders sources insiders outlets newspapers broadcasters journalists reporters media press agencies governments companies firms banks lenders startups manufacturers suppliers competitors rivals regulators'.split(
    ' ',
  ),
);
/** Collective nouns for an institution, singular: "the Chinese government", "the council". */
const BODY_HEADS = new Set([
  'government',
  'administration',
  'regime',
  'military',
  'press',
  'media',
  'police',
]);

/** Words that end a noun phrase on its left: determiners, quantifiers, prepositions, pronouns. */
const FUNCTION_WORDS = new Set(
  'a an the this that these those some many most much multiple several few fewer more less all any each every both other others another such no nor not and or but if of in on at to for from by with without about against between among into onto over under after before during since until upon via per than as its their his her our your my whose which who whom what where when why how it they we he she you i is are was were be been being has have had do does did will would can could may might must shall should also only even just still yet so very too already'.split(
    ' ',
  ),
);
/** Frequent verbs that can stand before a group's noun ("told reporters", "require companies"). */
const VERBS = new Set(
  `${SPEECH.replace(/\|/g, ' ')} require requires make makes made take takes took get gets got give gives gave help helps allow allows let force forces see sees saw find finds found know knows think thinks want wants need needs urge urges tell meet meets hit hits put puts set sets keep keeps kept bring brings brought leave leaves left become becomes became join joins show shows call calls invite invites expect expects hire hires pay pays paid serve serves include includes like unlike undercut cut cuts hurt lead leads led win wins won lose loses lost back backs attract attracts reach reaches face faces`.split(
    ' ',
  ),
);
const NUMBER_WORDS = new Set(
  'two three four five six seven eight nine ten eleven twelve dozen hundred hundreds thousand thousands'.split(
    ' ',
  ),
);

/** Nouns that name a product when they follow "Acme’s" and a name: "Acme’s X1 model", "Acme’s AI assistant". */
const PRODUCT_HEADS = new Set(
  'model models assistant app apps chatbot chip chips phone smartphone device platform service software system engine browser car vehicle drug vaccine tool console satellite rocket aircraft plane processor game'.split(
    ' ',
  ),
);

interface Token {
  /** The word without surrounding punctuation or a possessive ending. */
  core: string;
  /** Whether punctuation or a possessive ends a name after this word. */
  breaks: boolean;
  possessive: boolean;
  /** Whether a sentence, a quotation or a clause after a colon starts at this word. */
  opens: boolean;
  /** Whether a bracket opens before it: "Acme (AC)" is two names. */
  bracketed: boolean;
}

function tokenize(sentence: string): Token[] {
  const tokens: Token[] = [];
  let opensNext = true;
  for (const raw of sentence.split(/\s+|(?<=\p{L})[—–](?=\p{L})/u)) {
    if (raw.length === 0) continue;
    const lead = /^[(“"‘[]+/u.exec(raw)?.[0] ?? '';
    let rest = raw.slice(lead.length);
    let trail = /[,;:!?)”"\].]+$/u.exec(rest)?.[0] ?? '';
    rest = rest.slice(0, rest.length - trail.length);
    // "U.S." keeps its last full stop.
    if (trail.startsWith('.') && /^(?:\p{Lu}\.)+\p{Lu}$/u.test(rest)) {
      rest += '.';
      trail = trail.slice(1);
    }
    let possessive = false;
    if (/\p{L}[’']s$/u.test(rest)) {
      rest = rest.slice(0, -2);
      possessive = true;
    }
    // "Acme-based", "AI-driven": the name is the part before a hyphen and an ordinary lower-case word.
    let compound = false;
    const hyphen = /^(.+?)-(\p{Ll}+)$/u.exec(rest);
    if (hyphen && /^\p{Lu}/u.test(rest) && isEnglishWord(hyphen[2] as string)) {
      rest = hyphen[1] as string;
      compound = true;
    }
    tokens.push({
      core: rest,
      breaks: trail.length > 0 || possessive || compound,
      possessive,
      opens: opensNext || /[“"]/.test(lead),
      bracketed: /[([]/.test(lead),
    });
    opensNext = trail.includes(':');
  }
  return tokens;
}

const isCapitalised = (word: string) => /^\p{Lu}/u.test(word);
const bare = (word: string) => word.toLowerCase().replace(/[^\p{L}]/gu, '');
const isOrdinary = (word: string) => /^[\p{L}’'-]+$/u.test(word) && isEnglishWord(bare(word));
const isAcronym = (word: string) => /^(?:\p{Lu}{2,6}|(?:\p{Lu}\.){2,})$/u.test(word);
/** A version written after a name: "2.5", "2.5-Max", "3"; not a year. */
const isVersion = (word: string) =>
  /^\d+(?:\.\d+)?(?:-[\p{L}\p{N}]+)*$/u.test(word) && !/^(?:19|20)\d{2}$/.test(word);

/** One name as the article writes it in a sentence, with what surrounds it. */
interface Mention {
  name: string;
  sentence: number;
  /** It follows a title or role ("Governor Doe"). */
  titled?: string;
  /** The name owning it ("Acme’s X1" → Acme). */
  owner?: string;
  /** It is the subject of a reporting verb ("Doe said"). */
  speaks?: boolean;
  /** The word before it ("in", "from"). */
  before?: string;
}

/** Runs of capitalised words in a sentence, cut at punctuation, possessives and titles. */
function nameRuns(tokens: Token[]): { start: number; words: Token[] }[] {
  const runs: { start: number; words: Token[] }[] = [];
  let current: { start: number; words: Token[] } | undefined;
  tokens.forEach((token, index) => {
    const previous = current?.words.at(-1);
    const continues =
      current !== undefined &&
      previous !== undefined &&
      !previous.breaks &&
      !token.bracketed &&
      (isCapitalised(token.core) ||
        (isVersion(token.core) && !CALENDAR.has(previous.core.toLowerCase())) ||
        (CONNECTORS.has(token.core) && !token.breaks && isCapitalised(tokens[index + 1]?.core ?? '')));
    if (continues) current?.words.push(token);
    else if (isCapitalised(token.core)) {
      current = { start: index, words: [token] };
      runs.push(current);
    } else current = undefined;
  });
  return runs;
}

/**
 * Acronyms the article uses for a lower-case term it also spells out ("AI" beside "artificial
 * intelligence" twice): a word of the text, not a name.
 */
function commonAcronyms(text: string): Set<string> {
  const found = new Set<string>();
  for (const [word] of text.matchAll(/\b\p{Lu}{2,5}\b/gu)) {
    if (found.has(word)) continue;
    const letters = [...word.toLowerCase()];
    const spelled = new RegExp(
      `(?<![\\p{L}])${letters.map((l) => `${l}\\p{Ll}{3,}`).join('[\\s-]+')}(?![\\p{L}])`,
      'gu',
    );
    if ((text.match(spelled) ?? []).length >= 2) found.add(word);
  }
  return found;
}

/** The mentions of names in the article's sentences. */
function findMentions(sentences: string[], text: string): Mention[] {
  const common = commonAcronyms(text);
  const tokenized = sentences.map(tokenize);
  // Names seen inside sentences, where capitals mark names and not a sentence's start.
  const midSentence: string[] = [];
  for (const tokens of tokenized)
    for (const run of nameRuns(tokens))
      if (!run.words[0]?.opens) midSentence.push(run.words.map((w) => w.core.toLowerCase()).join(' '));
  /** Whether an ordinary word opening a sentence starts a name the article also writes inside one. */
  const startsKnownName = (words: Token[]) => {
    const opening = words.map((w) => w.core.toLowerCase());
    const known = (name: string) => {
      const seen = name.split(' ');
      return opening.length === 1
        ? seen.length === 1 && seen[0] === opening[0]
        : seen[0] === opening[0] && seen[1] === opening[1];
    };
    return midSentence.some(known);
  };

  const mentions: Mention[] = [];
  tokenized.forEach((tokens, sentence) => {
    for (const run of nameRuns(tokens)) {
      const before = tokens[run.start - 1];
      const after = tokens[run.start + run.words.length];
      // Cut at titles: "Acme Vice President Jane Doe" → Acme, Jane Doe (titled).
      const parts: { words: Token[]; titled?: string }[] = [{ words: [] }];
      let title: string[] = [];
      for (const word of run.words) {
        if (TITLES.has(bare(word.core)) && !word.possessive) {
          title.push(word.core);
          if ((parts.at(-1) as { words: Token[] }).words.length > 0) parts.push({ words: [] });
        } else {
          const last = parts.at(-1) as { words: Token[]; titled?: string };
          if (title.length > 0 && last.words.length === 0) last.titled = title.join(' ');
          title = [];
          last.words.push(word);
        }
      }
      let owner: string | undefined;
      for (const [index, part] of parts.entries()) {
        const words = part.words;
        // An ordinary word opening a sentence is no part of a name ("Despite Acme" → Acme), unless
        // the article capitalises it inside sentences too ("Old Harbour ... in Old Harbour").
        while (words.length > 0 && words[0]?.opens && isOrdinary(words[0].core) && !startsKnownName(words))
          words.shift();
        while (
          words.length > 0 &&
          (CONNECTORS.has(words.at(-1)?.core ?? '') || common.has(words.at(-1)?.core ?? ''))
        )
          words.pop();
        while (words.length > 0 && common.has(words[0]?.core ?? '')) words.shift();
        const name = words.map((w) => w.core).join(' ');
        if (name.length < 2 || words.every((w) => CALENDAR.has(w.core.toLowerCase()))) {
          owner = undefined;
          continue;
        }
        if (words.length === 1 && /^(?:I|A|O)$/.test(name)) continue;
        const last = index === parts.length - 1;
        mentions.push({
          name,
          sentence,
          ...(part.titled ? { titled: part.titled } : {}),
          ...(owner ? { owner } : {}),
          ...(last && after && new RegExp(`^(?:${SPEECH})$`).test(after.core) ? { speaks: true } : {}),
          ...(index === 0 && before ? { before: before.core.toLowerCase() } : {}),
        });
        owner = words.at(-1)?.possessive ? name : undefined;
      }
      // "Acme’s AI assistant": a product the owner has, named by a word the article uses as a term.
      const end = run.start + run.words.length;
      const lastWord = run.words.at(-1);
      if (lastWord?.possessive) {
        const inner: string[] = [];
        let at = end;
        while (
          tokens[at] &&
          (isCapitalised(tokens[at]?.core ?? '') || isVersion(tokens[at]?.core ?? '')) &&
          !tokens[at]?.breaks
        )
          inner.push(tokens[at++]?.core as string);
        const head = tokens[at]?.core;
        const ownerName = mentions.at(-1)?.name;
        if (inner.length > 0 && head && PRODUCT_HEADS.has(head) && ownerName)
          mentions.push({ name: `${inner.join(' ')} ${head}`, sentence, owner: ownerName });
      }
    }
  });
  return mentions;
}

/** Unnamed speakers of direct quotes: "…,” an industry expert said." */
function unnamedSpeakers(sentences: string[]): Mention[] {
  const found: Mention[] = [];
  const after = new RegExp(`”,?\\s+((?:an?|the)\\s+[\\p{Ll}\\s-]{2,40}?)\\s+(?:${SPEECH})\\b`, 'u');
  const before = new RegExp(`^((?:an?|the)\\s+[\\p{Ll}\\s-]{2,40}?)\\s+(?:${SPEECH})\\b[^“]*[:,]\\s*“`, 'iu');
  sentences.forEach((sentence, index) => {
    const phrase = (after.exec(sentence) ?? before.exec(sentence))?.[1];
    if (phrase) found.push({ name: phrase.trim(), sentence: index, speaks: true });
  });
  return found;
}

/** Groups the article cites without naming: "many analysts", "Chinese media outlets", "the four councillors". */
function groupPhrases(sentences: string[]): { phrase: string; head: string; sentence: number }[] {
  const found: { phrase: string; head: string; sentence: number }[] = [];
  sentences.forEach((sentence, index) => {
    const tokens = tokenize(sentence);
    tokens.forEach((token, at) => {
      const head = token.core.toLowerCase();
      if (!(GROUP_HEADS.has(head) || BODY_HEADS.has(head)) || token.core !== head) return;
      if (
        BODY_HEADS.has(head) &&
        !/^the$/i.test(tokens[at - 1]?.core ?? '') &&
        !isCapitalised(tokens[at - 1]?.core ?? '')
      )
        return;
      // "media outlets": the head is the last noun.
      const next = tokens[at + 1]?.core ?? '';
      if (!token.breaks && (GROUP_HEADS.has(next) || BODY_HEADS.has(next))) return;
      const words = [token.core];
      for (let back = at - 1; back >= 0 && words.length < 3; back--) {
        const word = tokens[back] as Token;
        if (word.breaks) break;
        const lower = word.core.toLowerCase();
        if (NUMBER_WORDS.has(lower)) {
          // A definite count names a set group: "the four councillors".
          if (/^(?:the|these|those)$/i.test(tokens[back - 1]?.core ?? '')) words.unshift(lower);
          break;
        }
        if (
          FUNCTION_WORDS.has(lower) ||
          VERBS.has(lower) ||
          /(?:ing|ed|ly)$/.test(lower) ||
          !/^[\p{L}-]+$/u.test(word.core)
        )
          break;
        // A capitalised word qualifies a group when it is an ordinary word ("City planners", "Chinese
        // media"), not a name ("Doe told reporters").
        if (!isEnglishWord(lower) && !isAcronym(word.core)) break;
        words.unshift(word.core);
      }
      found.push({ phrase: words.join(' '), head, sentence: index });
    });
  });
  return found;
}

/** Places named by a compass point: "the east side", "the city’s north bank". */
function compassPlaces(sentences: string[]): Mention[] {
  const found: Mention[] = [];
  const pattern =
    /\b((?:north|south|east|west)(?:-?(?:east|west))?(?:ern)?\s+(?:side|end|bank|coast|shore|suburbs|quarter|wing))\b/gu;
  sentences.forEach((sentence, index) => {
    for (const match of sentence.matchAll(pattern)) found.push({ name: match[1] as string, sentence: index });
  });
  return found;
}

/** A dateline's place: "SPRINGFIELD, March 3, 2025" or "SPRINGFIELD (Reuters) —" as the article's first body line. */
function datelinePlace(text: string): string | undefined {
  const line = text.split('\n')[1]?.trim() ?? '';
  const match = /^(\p{Lu}[\p{Lu} .’'-]{2,40})(?:,|\s+\(|\s+[—–-])/u.exec(line);
  if (!match) return undefined;
  return (match[1] as string)
    .trim()
    .toLowerCase()
    .replace(/(^|[\s-])(\p{L})/gu, (_, space: string, letter: string) => space + letter.toUpperCase());
}

const idOf = (name: string) =>
  name
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-|-$/g, '') || 'entity';

/** Spellings an editor is likely to want as aliases: straight apostrophes, spaces for hyphens. */
function variants(name: string): string[] {
  const out = [name];
  if (/[’]/.test(name)) out.push(name.replace(/’/g, "'"));
  if (/\p{L}-[\p{Lu}\p{N}]/u.test(name)) out.push(name.replace(/-/g, ' '));
  return out;
}

/** The initials of a name's capitalised words: "World Health Organization" → WHO. */
const initials = (name: string) =>
  name
    .split(/\s+/)
    .filter((w) => isCapitalised(w))
    .map((w) => w[0])
    .join('');

/**
 * Entities from the article: names (runs of capitalised words, model names with versions,
 * acronyms, possessives and titles taken apart), unnamed speakers of quotes, groups the article
 * cites, and places by compass point; each with how often the article names it and candidate aliases
 * (a person's surname, an acronym the article spells out, a country's adjective, a product's name
 * without its owner or version).
 */
export function findEntities(sentences: string[], text: string): DraftedEntity[] {
  const mentions = findMentions(sentences, text);
  const dateline = datelinePlace(text);

  interface Draft {
    name: string;
    kind: Entity['kind'];
    aliases: Set<string>;
    count: number;
    parent?: string;
    titled?: string;
    /** How many of its mentions follow "in", "from"…: a place's. */
    placeCues: number;
  }
  const byName = new Map<string, Draft>();
  for (const mention of mentions) {
    const key = mention.name.toLowerCase();
    const draft = byName.get(key) ?? {
      name: mention.name,
      kind: 'organization' as const,
      aliases: new Set<string>(),
      count: 0,
      placeCues: 0,
    };
    draft.count++;
    if (mention.titled) draft.titled = mention.titled;
    if (mention.speaks || mention.titled) draft.kind = 'person';
    if (
      mention.owner &&
      (/\d/.test(mention.name) || PRODUCT_HEADS.has(mention.name.split(' ').at(-1) as string))
    ) {
      draft.kind = 'product';
      draft.parent = mention.owner;
      draft.aliases.add(`${mention.owner} ${mention.name}`);
    }
    if (mention.before && /^(?:in|from|across|throughout|near|to)$/.test(mention.before)) draft.placeCues++;
    byName.set(key, draft);
  }
  if (dateline) {
    const key = dateline.toLowerCase();
    const draft = byName.get(key) ?? {
      name: dateline,
      kind: 'place' as const,
      aliases: new Set<string>(),
      count: 0,
      placeCues: 0,
    };
    draft.kind = 'place';
    draft.count++;
    byName.set(key, draft);
  }

  // The shared first word of several names is a name of its own: "Springfield City Council" and
  // "Springfield Transit" → Springfield.
  const prefixes = new Map<string, Set<string>>();
  for (const draft of byName.values()) {
    const [first, ...rest] = draft.name.split(' ');
    if (
      first &&
      rest.length > 0 &&
      isCapitalised(rest[0] as string) &&
      !isOrdinary(first) &&
      !TITLES.has(bare(first))
    )
      prefixes.set(first, (prefixes.get(first) ?? new Set()).add(draft.name));
  }
  for (const [prefix, names] of prefixes) {
    if (names.size < 2 || byName.has(prefix.toLowerCase())) continue;
    const count = sentences.filter((s) =>
      new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(prefix)}(?![\\p{L}\\p{N}-])`, 'u').test(s),
    ).length;
    byName.set(prefix.toLowerCase(), {
      name: prefix,
      kind: 'place',
      aliases: new Set(),
      count,
      placeCues: 0,
    });
  }

  for (const draft of byName.values()) {
    const words = draft.name.split(' ');
    const last = (words.at(-1) as string).toLowerCase();
    if (draft.kind === 'organization' && draft.placeCues * 2 >= draft.count) draft.kind = 'place';
    if (draft.kind === 'organization' || draft.kind === 'place') {
      if (GOVERNMENT_HEADS.has(last)) draft.kind = 'government';
      else if (ORGANIZATION_HEADS.has(last)) draft.kind = 'organization';
      else if (PLACE_HEADS.has(last)) draft.kind = 'place';
      else if (/\d/.test(draft.name)) draft.kind = 'product';
      else if (
        words.length >= 2 &&
        words.length <= 3 &&
        words.every((w) => /^\p{Lu}\p{Ll}+$/u.test(w) && !isEnglishWord(w.toLowerCase()))
      )
        draft.kind = 'person';
    }
  }

  // Merges: a surname into its person, an acronym into the name it abbreviates, a country's
  // adjective into the country, a version's shorter spelling into the full one.
  const drafts = [...byName.values()];
  const merged = new Set<Draft>();
  const absorb = (into: Draft, from: Draft) => {
    if (into === from || merged.has(into)) return;
    into.count += from.count;
    into.aliases.add(from.name);
    for (const alias of from.aliases) into.aliases.add(alias);
    if (!into.parent && from.parent) into.parent = from.parent;
    merged.add(from);
  };
  for (const person of drafts.filter((d) => d.kind === 'person' && d.name.includes(' '))) {
    const surname = person.name.split(' ').at(-1) as string;
    person.aliases.add(surname);
    if (person.titled) person.aliases.add(`${person.titled} ${surname}`);
    const alone = byName.get(surname.toLowerCase());
    if (alone && alone !== person && !merged.has(alone)) {
      absorb(person, alone);
      if (alone.titled) person.aliases.add(`${alone.titled} ${surname}`);
    }
  }
  for (const acronym of drafts.filter((d) => isAcronym(d.name) && !merged.has(d))) {
    const letters = acronym.name.replace(/\./g, '');
    const full = drafts.find(
      (d) =>
        d !== acronym &&
        !merged.has(d) &&
        d.name.includes(' ') &&
        initials(d.name.replace(/\b(?:of|and|the|for)\b/g, '')) === letters,
    );
    if (full) absorb(full, acronym);
  }
  for (const adjective of drafts.filter(
    (d) => !d.name.includes(' ') && /(?:ese|ian|an|ish|i)$/.test(d.name) && !merged.has(d),
  )) {
    const place = drafts.find(
      (d) =>
        d !== adjective &&
        !merged.has(d) &&
        !d.name.includes(' ') &&
        d.name.length < adjective.name.length &&
        d.name.length >= 4 &&
        adjective.name.startsWith(d.name.slice(0, Math.max(4, d.name.length - 1))),
    );
    if (place) {
      absorb(place, adjective);
      place.kind = 'place';
    }
  }
  for (const short of drafts.filter((d) => /\d/.test(d.name) && !merged.has(d))) {
    const full = drafts.find((d) => d !== short && !merged.has(d) && d.name.startsWith(`${short.name}-`));
    if (full) absorb(full, short);
  }
  // A product named with a term its owner's name stands before ("Acme X1 model") goes to the name.
  for (const product of drafts.filter((d) => d.kind === 'product' && !merged.has(d))) {
    const words = product.name.split(' ');
    if (!PRODUCT_HEADS.has(words.at(-1) as string)) continue;
    const inner = words.slice(0, -1).join(' ');
    const named = drafts.find(
      (d) => !merged.has(d) && d !== product && (d.name === inner || d.aliases.has(inner)),
    );
    if (named) {
      absorb(named, product);
      named.kind = 'product';
      if (product.parent) named.parent ??= product.parent;
      if (named.parent) named.aliases.add(`${named.parent} ${inner}`);
    } else if (product.parent) {
      // No name inside ("AI assistant"): the owner's possessive names it.
      product.aliases.add(product.name);
      product.aliases.add(`${product.parent} ${words.at(-1)}`);
      product.name = `${product.parent}’s ${product.name}`;
    }
  }
  // A name written as another's alias ("Acme X1" beside "Acme’s X1") is that one.
  for (const draft of drafts.filter((d) => !merged.has(d))) {
    const same = drafts.find((d) => d !== draft && !merged.has(d) && d.aliases.has(draft.name));
    if (same) absorb(same, draft);
  }
  // A name that starts with another ("Springfield City Council", "Acme-X1") belongs to it, and the
  // rest is a candidate alias ("City Council", "X1").
  const live = drafts.filter((d) => !merged.has(d));
  for (const draft of live) {
    for (const other of live) {
      if (other === draft || other.name.length >= draft.name.length) continue;
      const rest = draft.name.startsWith(`${other.name} `)
        ? draft.name.slice(other.name.length + 1)
        : draft.name.startsWith(`${other.name}-`)
          ? draft.name.slice(other.name.length + 1)
          : undefined;
      if (!rest) continue;
      // A one-word rest that is an ordinary word is an alias only for an institution ("the Navy").
      const plainWord = !/[\s\d]/.test(rest) && isOrdinary(rest);
      if (plainWord && !GOVERNMENT_HEADS.has(rest.toLowerCase())) {
        if (!draft.parent || draft.parent.length < other.name.length) draft.parent = other.name;
        continue;
      }
      if (!draft.parent || draft.parent.length < other.name.length) draft.parent = other.name;
      if (!byName.has(rest.toLowerCase())) draft.aliases.add(rest);
    }
  }

  const entities: DraftedEntity[] = [];
  const used = new Set<string>();
  const add = (
    name: string,
    kind: Entity['kind'],
    aliases: Iterable<string>,
    count: number,
    parent?: string,
  ) => {
    let id = idOf(name);
    for (let n = 2; used.has(id); n++) id = `${idOf(name)}-${n}`;
    used.add(id);
    const all = [...new Set([...variants(name), ...[...aliases].flatMap(variants)])];
    entities.push({
      id,
      name,
      kind,
      role: `named ${count} time${count === 1 ? '' : 's'} in the article (drafted)`,
      aliases: all,
      count,
      ...(parent ? { parent } : {}),
    });
  };
  for (const draft of live.sort((a, b) => b.count - a.count))
    add(draft.name, draft.kind, draft.aliases, draft.count, draft.parent);
  // Parents by id, now that ids are fixed.
  for (const entity of entities) {
    if (!entity.parent) continue;
    const parent = entities.find(
      (e) => e.name === entity.parent || e.aliases.includes(entity.parent as string),
    );
    if (parent && parent.id !== entity.id) entity.parent = parent.id;
    else delete entity.parent;
  }

  // Unnamed speakers, groups and compass places, after the names: their words are lower-case.
  const speakers = new Map<string, number>();
  for (const speaker of unnamedSpeakers(sentences)) {
    const key = speaker.name.toLowerCase();
    speakers.set(key, (speakers.get(key) ?? 0) + 1);
  }
  for (const [phrase, count] of speakers) {
    const name = phrase.replace(/^(?:an?|the)\s+/, '');
    add(name, 'person', [phrase, name, name.split(' ').at(-1) as string], count);
  }
  const groups = new Map<string, { phrases: Map<string, number>; count: number }>();
  for (const { phrase, head } of groupPhrases(sentences)) {
    const group = groups.get(head) ?? { phrases: new Map(), count: 0 };
    group.count++;
    group.phrases.set(phrase, (group.phrases.get(phrase) ?? 0) + 1);
    groups.set(head, group);
  }
  for (const [head, { phrases, count }] of groups) {
    if (entities.some((e) => e.aliases.some((a) => a.toLowerCase() === head))) continue;
    const ranked = [...phrases].sort(
      (a, b) => b[1] - a[1] || b[0].split(' ').length - a[0].split(' ').length,
    );
    const name = (ranked[0] as [string, number])[0];
    const aliases = new Set<string>([head]);
    for (const [phrase] of ranked) {
      aliases.add(phrase);
      // Without its capitalised words ("Chinese media outlets" → media outlets).
      const plain = phrase
        .split(' ')
        .filter((w) => !isCapitalised(w))
        .join(' ');
      if (plain.length > 0) aliases.add(plain);
    }
    add(name, BODY_HEADS.has(head) ? 'government' : 'group', aliases, count);
  }
  const places = new Map<string, number>();
  for (const place of compassPlaces(sentences))
    places.set(place.name.toLowerCase(), (places.get(place.name.toLowerCase()) ?? 0) + 1);
  for (const [name, count] of places) add(name, 'place', [name, `the ${name}`], count);
  return entities;
}
