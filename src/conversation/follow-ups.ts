import type { Turn } from '../core/conversation.ts';
import type { QueryEngine } from '../engine/engine.ts';
import { isUnnamed } from '../engine/engine.ts';
import { escapeRegExp, normaliseText, stem } from '../engine/normalise.ts';
import { aliasPattern, givesReason } from '../knowledge/lookup.ts';
import type { Entity, Fact } from '../knowledge/schema.ts';
import { namedBeside } from './compound.ts';
import { joinList } from './follow-up-replies.ts';

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
  | {
      kind: 'more';
      fact?: Fact;
      after: Fact;
      /** After a list answer: the items the question was about and the others, to name those. */
      besides?: { asked: string[]; rest: string[] };
      /** After a list answer that gave every item: the items, all there are, before the next fact. */
      listed?: string[];
    }
  | { kind: 'unresolved' };

/** The detail of the last answer a follow-up asks about. */
export type Detail =
  | 'who-said'
  | 'true'
  | 'when'
  | 'where'
  | 'how-much'
  | 'why'
  | 'others'
  | 'named'
  | 'outcome'
  | 'examples'
  | 'source'
  | 'effect'
  | 'aim';

// General English, no word of any story. Punctuation and case are folded before matching.
const MORE =
  /^(?:(?:tell|show|give) me more(?: about (?:that|it|this))?|more|more please|go on|keep going|and then|what else|anything else|more info|continue|elaborate)$/;
const DETAILS: [Detail, RegExp][] = [
  [
    'who-said',
    /^(?:who (?:said|says|claimed|claims|stated) (?:that|it|this|so)|says who|according to whom|who said|whose (?:claim|words) (?:is|are) (?:that|those|these)|source|who (?:is|was|are|were) (?:complaining|worried|warning|objecting|concerned|upset|unhappy|angry) (?:about|over|of) (?:that|it|this))$/,
  ],
  [
    'true',
    /^(?:is (?:that|it|this) (?:true|right|correct|so|a fact|confirmed)|really|true|for real|are you sure|is that confirmed|confirmed|seriously)$/,
  ],
  [
    'when',
    /^(?:when|when (?:was|did|is|were) (?:that|it|this)(?: (?:happen|happening|occur|take place|[a-z]+ed|made|said|done|shown|held|built|begun|sold|set|told|given|written))?|when (?:is|was) (?:that|this|it)(?: [a-z]+)? from|what date|since when|at what time|(?:on |in |at |by )?(?:what|which) (?:day|date|weekday|month|year|time)(?: (?:was|is|did) (?:that|it|this)(?: [a-z]+ed)?)?)$/,
  ],
  [
    'where',
    /^(?:where|where (?:was|is|were) (?:that|it|this)(?: [a-z]+ed| said| posted| made)?|where (?:did|does|do) (?:he|she|they|it) (?:say|post|write|announce|publish|share) (?:it|that|this|so)|on what platform|which platform|what platform|(?:on |in |at )?(?:which|what) (?:street|road|avenue|city|town|area|district|neighbou?rhood|country|state|site|location))$/,
  ],
  [
    'how-much',
    /^(?:(?:by )?how much|how many|how big|how far|by what (?:percent|percentage|amount)|what (?:was|is) the (?:figure|number|amount|percentage))$/,
  ],
  [
    'why',
    /^(?:why|why (?:is|was|did|does) (?:that|it|this)(?: (?:happen|happening|going on|so|the case|(?:a |an |such a )?(?:bad|good|big deal|problem|issue|concern|worry|risk|important|significant|notable|worrying|concerning|dangerous)))?|how come|for what reason|what for|why so|what is the reason|what was the reason)$/,
  ],
];
/**
 * Chat words around a short follow-up that change nothing of what it asks: "so what, why's that
 * bad" is "why is that bad"; "since when then" is "since when".
 */
const LEADING_FILLER = /^(?:(?:so what|so|ok|okay|oh|hmm+|wait|but|well|right|and|then|huh|lol)\s+)+/;
const TRAILING_FILLER =
  /(?:\s+(?:then|tho|though|exactly|specifically|precisely|in particular|again|now|lol|huh|anyway|btw))+$/;
const CONTRACTIONS: [RegExp, string][] = [
  [/\b(why|what|who|when|where|how|that|it)(?:'|’)s\b/g, '$1 is'],
  [/\b(why|what|who|when|where|how)(?:'|’)d\b/g, '$1 did'],
];

/** A short follow-up with its chat fillers and contractions read away, for matching its kind. */
function bare(folded: string): string {
  let text = folded;
  for (const [pattern, replacement] of CONTRACTIONS) text = text.replace(pattern, replacement);
  return text.replace(LEADING_FILLER, '').replace(TRAILING_FILLER, '').trim();
}

const ABOUT = /^(?:and|what about|how about|and what about|what of|same for|and for)\s+(.+)$/;
/** "Initech too?", "and Initech as well?": whether the last answer holds of another name. */
const TOO = /^(?:and )?(.+?) (?:too|as well|also)$/;
/** "Ruritania too?", "also Ruritania?": the same as "and Ruritania?". */
const ALSO = /^(?:also\s+(.+)|(.+?)\s+(?:too|as well|also))$/;
const PRONOUNS = /\b(?:it|they|them|that|this|he|she|him|her|its|their|his)\b/;

function fold(text: string): string {
  return text
    .toLowerCase()
    .replace(/[?!.,;:…]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** A question ending on "there" ("who's in charge there", "what happened over there"). */
const THERE = /\b(?:over |in |out )?there$/;
const THERE_WORDS = /\s+(?:over |in |out )?there(?=[\s?!.]*$)/i;

/** "is that …", "was it …": a yes/no asked of the last answer. */
const YES_NO_OF_THAT = /^(?:is|was|are|were|does|did|will|would) (?:that|this|it)\b/;
const NEGATION = /\b(?:not|no|never|neither|nor|without)\b|n’t|n't/i;

/** Whether every word the question asks about is in the fact's own statement, which negates nothing. */
function settledBy(fact: Fact, question: string, engine: QueryEngine): boolean {
  if (NEGATION.test(fact.statement) || NEGATION.test(question)) return false;
  const asked = engine.analyse(question).terms.filter((t) => t.kind === 'word');
  if (asked.length === 0) return false;
  const own = new Set(engine.analyser.analyseText(fact.statement).map((t) => t.key));
  return asked.every((t) => own.has(t.key));
}

/** "what does it say …", "does it mention …": "it" is the article. */
const ARTICLE_SAYS = /\b(?:does|did|do) it (?:say|mention|tell|report|claim|explain|describe)\b|\bit says\b/;

/** "why bring up X", "why does it mention X". */
const MENTION =
  /^why (?:(?:does|did|do|would) (?:it|they|the article|the story|the piece|the author|the writer|he|she) )?(?:bring up|brings up|bring in|mention|mentions|talk about|talks about|refer to|cite|include) (.+)$/;
/** "why is X relevant here", "why does X matter", "what does X have to do with it": why X is in the story. */
const RELEVANCE =
  /^(?:why (?:is|are|was|were) (.+?) (?:relevant|important|significant|mentioned|brought up|in (?:the|this) (?:article|story|piece))|why (?:does|do|did) (.+?) matter|what (?:does|do|did) (.+?) have to do with (?:it|this|that|anything|the story|the article))(?: here| at all| in (?:this|the) (?:article|story|piece))?$/;
/** A claim followed by "is that true?" (its punctuation folded away). */
const CLAIM_CHECK =
  /^(.+?) (?:is (?:that|this|it) (?:true|right|correct|accurate|real|legit|so)|true or false|true or not|fact or fiction)$/;
/** Where the asker met the claim, which is no part of it: "saw somewhere that", "i heard". */
const CLAIM_SOURCE =
  /^(?:(?:i |someone |my friend |a friend )?(?:saw|heard|read|was told|told me|said|says)(?: (?:somewhere|online|on (?:twitter|x|reddit|the news|tv)|it|people say|that))*\s*)+/;

/** "what happened after that", "what came next": what the article tells next. */
const AFTER =
  /^(?:what happened (?:after|next|then|afterwards|after that|after this|next after that)|what (?:came|comes|happens) (?:next|after that|after)|and after that|then what|what next|and then what|what then)$/;
/** "which ones?", "name them": the things the last answer speaks of. */
const WHICH_ONES = /^(?:which ones?|which of them|name them|who are they|what are they|which are they)$/;
/** "what are their names?": the people the last answer speaks of, by name. */
const NAMES =
  /^(?:what (?:are|were) (?:their|the|those) names|(?:and )?their names|who (?:are|were) those|names)$/;
/** "anything else he promised?", "what else did she say": more of the last answer's speaker's words. */
const ELSE_SAID =
  /^(?:(?:anything|what) else (?:did |has |does |do )?(?:he|she|they) (?:say|said|promise|promised|add|added|announce|announced|mention|mentioned|claim|claimed|warn|warned|pledge|pledged)|(?:did|has) (?:he|she|they) (?:say|said|promise|promised|add|added) anything else)$/;
/** "… after that", "… afterwards": a question about what came after the last answer. */
const AFTER_THAT = /\s(?:after that|after this|afterwards|next)$/;
/** "what's it called?", "what's its name": the name of what the last answer spoke of. */
const CALLED = /^(?:what (?:is|was) (?:it|that|this) called|what is its name)$/;
/** "so what's the answer?", "will it?": how a question the last answer left open turns out. */
const OUTCOME =
  /^(?:(?:(?:what )?is the answer|and the answer|which is it|which one)(?: (?:will|does|did|is) (?:it|they|he|she))?|(?:will|does|did|is) (?:it|they|he|she))$/;
/** "which companies?", "what outlets": a bare kind of thing, asked of the last answer. */
const WHICH = /^(?:which|what|name the|name those|which ones? of the) ([a-z]+s)$/;

/** "any other states?", "other countries?", "any others": more of the kind of thing the last answer named. */
const OTHERS = /^(?:are there |were there |any |what |which )?(?:other|more|others)(?: (\w+(?: \w+)?))?$/;
/** "which countries specifically?": a kind asked of the last answer only, narrowed by its last word. */
const NARROWED = /\s(?:specifically|exactly|precisely|in particular)$/;
/** "which companies are expected to bid?": a kind of thing asked for, with what they do. */
const WHICH_DOING = /^(?:which|what) ([a-z]+s) (?:are|were|is|will|would|did|do|does|have|has|got|get)\b/;

/** "who reported it?", "who started the rumours": whoever made the reports the last answer speaks of. */
const REPORTED_BY =
  /^who (?:reported|leaked|spread|circulated|started|broke|published|floated|put out) (?:it|that|this|them|the (?:news|story|rumou?rs?|reports?|claims?|speculation))$/;
/** A report in a fact's own words: someone "circulated claims", "reported", "leaked". */
const REPORTING = /\b(?:reported|reporting|circulated|circulating|leaked|rumou?red|claims? that)\b/i;
/** "when did those reports come out": when the reports the conversation speaks of appeared. */
const REPORTS_WHEN =
  /^when (?:did|were|was) (?:those|these|the|that|them) (?:reports?|rumou?rs?|claims?|news|speculation|stories|story) (?:come out|came out|surface|emerge|appear|first appear|break|start|get out|circulate|published|reported|made)$/;
/** "examples?", "like what?", "such as?": the examples the last answer lists. */
const EXAMPLES =
  /^(?:examples?|any examples?|some examples|(?:for|an|one) (?:example|instance)|like what|such as(?: what)?|e ?g|give (?:me )?(?:an |some )?examples?|(?:what|which) (?:are|were) (?:some|the) examples|what examples|name (?:some|a few))$/;
/** "what did Initech call it": the words a party (or its people) gave what the last answer speaks of. */
const CALLED_BY =
  /^what (?:did|does|do|has|have) (.+?) call(?:ed)? (?:it|them|that|this|those|these|the (?:news|story|rumou?rs?|reports?|claims?|vote|plan|decision))$/;
/** A name or label given in a fact's own words: calling them “fake news”. */
const CALLING = /\bcall(?:s|ed|ing)?\b[^.]*[“"]/i;
/** "what did that claim do", "what impact did it have": what the last answer's thing brought about. */
const EFFECT =
  /^(?:what (?:did|has|have) (?:that|this|the) [a-z]+ (?:do|done|cause|caused|lead to|led to|trigger|triggered|bring about|result in)|what (?:did|has|have) (?:that|it|this) (?:cause|caused|lead to|led to|trigger|triggered|bring about|result in)|what (?:effect|impact|difference) (?:did|does|has|had) (?:that|it|this)(?: [a-z]+)? (?:have|had|make|made)|what came of (?:it|that|this))$/;
/** A consequence in a fact's own words: "a claim that sent shockwaves", "forcing rivals to …". */
const CONSEQUENCE =
  /\b(?:sent|sending|caus(?:ed|ing)|forc(?:ed|ing)|led to|leading to|triggered|triggering|prompt(?:ed|ing)|sparked|sparking|shook|shaken|resulted in)\b/i;
/** "what's he trying to protect", "what does she mean": what the person's own words, just given, aim at. */
const AIMS =
  /^what (?:is|was|are|were|does|did) (?:he|she|they) (?:(?:trying|hoping|looking|aiming|seeking|wanting|fighting) to [a-z]+|want(?:s|ed)?(?: to [a-z]+)?|mean|getting at|after)$/;
/** "who is this expert?": someone the last answer speaks of by a description. */
const WHO_THIS = /^who (?:is|was|are|were) (?:this|that|the|these|those) ([a-z]+(?: [a-z]+)?)$/;
/** "why did Globex go up (when the others fell)?": why a thing moved as the last answer's figure did. */
const WHY_MOVED =
  /^why (?:did|has|have|is|was|were|are|do|does) (.+?) (?:go(?:ne)? up|going up|rise|risen|rising|surge|surged|surging|gain|gained|climb|climbed|jump|jumped|go(?:ne)? down|going down|fall|fallen|falling|drop|dropped|dropping|dip|dipped|decline|declined|sink|sank|tank|tanked)\b/;
/** "which one went up?": one of the things the last answer's figures are of. */
const WHICH_ONE =
  /^which (?:one|ones)(?: of them| of those)? ((?:is|was|are|were|did|has|have|went|got|rose|fell|dropped|gained|lost|grew)\b.*)$/;
/** "were people working that day?": the day (or year) of the last answer. */
const THAT_DAY = /\b(?:that|the same) (?:day|date|night|morning|evening)\b/;
const THAT_YEAR = /\b(?:that|the same) (?:year|month)\b/;
/** A sentence that begins by pointing back at the one before it: "This disruption signals …". */
const POINTS_BACK = /^(?:this|these|that|those|such) (?!(?:year|month|week|day|time|is|was)\b)([a-z-]+)\b/i;

/** Reads a message against the last turn of its conversation. */
export function readFollowUp(text: string, previous: Turn | undefined, engine: QueryEngine): FollowUp {
  const folded = fold(text);
  if (folded === '' || folded.length > 200) return { kind: 'none' };
  const short = bare(folded);
  // The fact the conversation is about: the last answer's, or, after a question the article does not
  // answer ("penalties?"), the last fact shown before it.
  const lastId = previous?.factId ?? previous?.shownFactIds.at(-1);
  const last = lastId ? engine.story.factsById.get(lastId) : undefined;
  const asked = previous?.resolvedQuestion ?? previous?.text ?? '';
  // "why bring up the harbour?": what the article says of it is why it is there.
  const mention = MENTION.exec(short);
  const relevance = RELEVANCE.exec(short);
  const mentioned = mention?.[1] ?? relevance?.slice(1).find((group) => group !== undefined);
  if (mentioned && !PRONOUNS.test(mentioned))
    return { kind: 'rewrite', question: `what does the article say about ${mentioned}` };
  // "saw somewhere that Acme is buying Initech, is that true?": the claim, asked as a yes/no.
  const claim = CLAIM_CHECK.exec(short);
  if (claim) {
    const claimed = (claim[1] as string).replace(CLAIM_SOURCE, '').trim();
    if (claimed.split(' ').length >= 3) return { kind: 'rewrite', question: `is it true that ${claimed}` };
  }
  if (MORE.test(folded) || MORE.test(short)) {
    if (!last) return { kind: 'unresolved' };
    // After a list answer to a question about some of its items ("what does Globex offer
    // merchants"), "what else" asks for the others.
    const besides = previous?.factId === last.id ? otherItems(last, asked, engine) : undefined;
    if (besides) return { kind: 'more', fact: last, after: last, besides };
    // After a list given whole, "what else" is told that is all it lists, then the next fact.
    const listed =
      previous?.factId === last.id && (last.items?.length ?? 0) >= 2
        ? { listed: (last.items ?? []).map((item) => item.label) }
        : {};
    const next = nextFact(last, previous?.shownFactIds ?? [], engine);
    return next
      ? { kind: 'more', fact: next, after: last, ...listed }
      : { kind: 'more', after: last, ...listed };
  }
  if (AFTER.test(short)) {
    if (!last) return { kind: 'unresolved' };
    const next = followingFact(last, previous?.shownFactIds ?? [], engine);
    return next ? { kind: 'more', fact: next, after: last } : { kind: 'more', after: last };
  }
  // "what did it do to competitors after that": what the article tells next, when it answers.
  const afterThat = AFTER_THAT.exec(folded);
  if (afterThat && last && previous?.factId) {
    const question = resolvePronouns(folded.replace(AFTER_THAT, ' ').trim(), last, asked, engine);
    const next = followingFact(last, previous.shownFactIds, engine);
    if (next && engine.scoreFor(question, next.id).answers) return { kind: 'more', fact: next, after: last };
  }
  // "which ones?", "name them": the things the last answer names, or that it names none.
  if (WHICH_ONES.test(short) && last && previous?.factId) {
    const inAsked = idsIn(asked, engine);
    // After a reply that did not answer ("it gives the number, not the names"), only a list names them.
    const answeredBefore = previous.kind === 'answer' || previous.kind === 'list';
    return namesFrom(
      last,
      (last.items?.length ?? 0) >= 2 ||
        (answeredBefore && last.entities.filter((id) => !inAsked.has(id)).length >= 2),
    );
  }
  // "what are their names?" after a count of people: the people it names, or that it names none.
  if (NAMES.test(short) && last && previous?.factId) {
    const inAsked = idsIn(asked, engine);
    const people = last.entities.filter(
      (id) => !inAsked.has(id) && engine.story.entitiesById.get(id)?.kind === 'person',
    );
    return namesFrom(last, people.length >= 2 || (last.items?.length ?? 0) >= 2);
  }
  // "anything else he promised?": the next of the speaker's words the article reports, not yet shown.
  if (ELSE_SAID.test(short)) {
    if (!last) return { kind: 'unresolved' };
    const speaker = last.speaker ?? last.claimedBy;
    const more = speaker
      ? unseenBeside(last, previous?.shownFactIds ?? [], engine)
          .filter((f) => (f.speaker ?? f.claimedBy) === speaker)
          .sort((a, b) => position(a, engine) - position(b, engine))[0]
      : undefined;
    return more ? { kind: 'more', fact: more, after: last } : { kind: 'more', after: last };
  }
  // "what's it called?": the name of a thing the last answer gave beyond the last question's own
  // names; when it gave none, what was asked about has no name in the article. ("what's their
  // name" is asked of whoever the answer speaks of, read below.)
  if (CALLED.test(short) && last && previous?.factId) {
    const inAsked = idsIn(asked, engine);
    return namesFrom(
      last,
      last.entities.some((id) => !inAsked.has(id)),
    );
  }
  // "so what's the answer, will it?" after a question the article leaves open: it gives none.
  if (OUTCOME.test(short) && last?.stance === 'open' && previous?.factId === last.id)
    return { kind: 'about', fact: last, asks: 'outcome' };
  // "which companies?", "what outlets?": the things of that kind the last answer (or its sentence) names.
  const which = WHICH.exec(short);
  if (which && last && engine.entitiesIn(text).length === 0) {
    const kindOf = namingFact(last, which[1] as string, asked, engine);
    if (kindOf) return kindOf;
    // "which countries specifically?" narrows the last answer: it names some of that kind, or none.
    if (NARROWED.test(folded) && previous?.factId === last.id) {
      const named = namesKind(last, which[1] as string, asked, engine);
      if (named !== undefined) return namesFrom(last, named);
    }
  }
  // "which companies are expected to bid?" answered by the last answer's own fact, which names none.
  const doing = WHICH_DOING.exec(short);
  if (doing && last && previous?.factId === last.id && engine.entitiesIn(text).length === 0) {
    const result = engine.ask(text);
    const named = namesKind(last, doing[1] as string, asked, engine);
    if (result.answered && result.fact.id === last.id && named === false) return namesFrom(last, false);
  }
  const fromLast = last && previous?.factId === last.id ? last : undefined;
  // "who reported it?": the party whose reports or claims the last answer speaks of.
  if (REPORTED_BY.test(short)) return last ? reportOf(last, engine) : { kind: 'unresolved' };
  // "when did those reports come out": when the article says the reports appeared.
  const report = REPORTS_WHEN.test(short) ? reportingFact(last, engine) : undefined;
  if (report) return aboutFact(report, 'when', asked, engine);
  // "examples?": the items the last answer (or its sentence) lists, or that it gives none.
  if (EXAMPLES.test(short) && fromLast) {
    const listing = [fromLast, ...engine.story.facts.filter((f) => f.quote === fromLast.quote)].find(
      (f) => (f.items?.length ?? 0) >= 2,
    );
    return listing
      ? {
          kind: 'about',
          fact: listing,
          asks: 'examples',
          answer: joinList((listing.items ?? []).map((item) => item.label)),
        }
      : { kind: 'about', fact: fromLast, asks: 'examples' };
  }
  // "what did Initech call it": the fact where it (or one of its people) calls it something.
  const calledBy = CALLED_BY.exec(short);
  const caller = calledBy && last ? engine.entitiesIn(calledBy[1] as string)[0]?.entity : undefined;
  if (caller && last) {
    const calling = callingFact(last, caller, engine);
    if (calling) return { kind: 'more', fact: calling, after: last };
  }
  // "what did that claim do": the consequence the last answer gives in its own words.
  if (EFFECT.test(short) && fromLast && CONSEQUENCE.test(fromLast.statement))
    return { kind: 'about', fact: fromLast, asks: 'effect', answer: fromLast.statement };
  // "what's he trying to protect?" after his own words: those words are what he aims at.
  if (
    AIMS.test(short) &&
    fromLast?.speaker &&
    engine.story.entitiesById.get(fromLast.speaker)?.kind === 'person'
  )
    return { kind: 'about', fact: fromLast, asks: 'aim', answer: fromLast.statement };
  // "who is this expert?" of someone the article does not name: it doesn't name them.
  const described = WHO_THIS.exec(short);
  const unnamedOne = described ? engine.entitiesIn(described[1] as string)[0]?.entity : undefined;
  if (unnamedOne && last?.entities.includes(unnamedOne.id) && isUnnamed(unnamedOne))
    return namesFrom(last, false);
  // "why did Globex go up when the others fell?" after Globex's figure: "why?" of that figure.
  const moved = WHY_MOVED.exec(short);
  const mover = moved && fromLast ? engine.entitiesIn(moved[1] as string)[0]?.entity : undefined;
  if (mover && fromLast && figureOf(fromLast, mover, engine))
    return aboutFact(fromLast, 'why', asked, engine);
  // "which one went up?" after figures of several things: "one" is the kind they are of ("shares").
  const one = WHICH_ONE.exec(short);
  const kindOfFigures = one && previous ? figureKind(previous.shownFactIds, engine) : undefined;
  if (one && kindOfFigures) return { kind: 'rewrite', question: `which ${kindOfFigures} ${one[1]}` };
  // "were people working that day?": the day the last answer gives.
  const day = fromLast?.when && !/[()]/.test(fromLast.when.label) ? fromLast.when.label : undefined;
  if (day && THAT_DAY.test(folded))
    return { kind: 'rewrite', question: folded.replace(THAT_DAY, `on ${day}`) };
  if (day && THAT_YEAR.test(folded))
    return { kind: 'rewrite', question: folded.replace(THAT_YEAR, `in ${day}`) };
  for (const [detail, pattern] of DETAILS) {
    if (!pattern.test(folded) && !pattern.test(short)) continue;
    if (!last) return { kind: 'unresolved' };
    // "when was that announced" of a fact dated "after the announcement": that date is not given.
    const verb = / (?:that|it|this) ([a-z]+ed)$/.exec(short)?.[1];
    const label = last.when?.label.toLowerCase() ?? '';
    if (
      detail === 'when' &&
      verb &&
      /\b(?:after|before|since|following|ahead of|amid)\b/.test(label) &&
      label.includes(verb.slice(0, Math.max(4, verb.length - 3)))
    )
      return { kind: 'about', fact: last, asks: 'when' };
    return aboutFact(last, detail, asked, engine);
  }
  const others = OTHERS.exec(short);
  if (others && last && engine.entitiesIn(text).length === 0) return otherThan(last, asked, engine);
  // "Initech too?" after a list answer that names Initech among others: Yes, from that answer.
  const too = TOO.exec(short);
  const tooWords = too && previous?.factId ? (too[1] as string) : '';
  const tooNamed = tooWords && last ? engine.entitiesIn(tooWords) : [];
  if (
    last &&
    tooNamed.length === 1 &&
    tooNamed[0]?.surface.length === tooWords.length &&
    last.entities.includes(tooNamed[0].entity.id) &&
    ((last.items?.length ?? 0) >= 2 || last.entities.length >= 3)
  )
    return { kind: 'about', fact: last, asks: 'true', answer: last.stance };
  const also = ALSO.exec(folded);
  const alsoNamed = also?.[1] ?? also?.[2];
  // What "and …?" asks about; "Ruritania too?" only of a name alone ("did Globex drop too" is a
  // question of its own).
  const about =
    ABOUT.exec(folded)?.[1] ??
    (alsoNamed && engine.entitiesIn(alsoNamed).length > 0 && stripNames(alsoNamed, engine) === ''
      ? alsoNamed
      : undefined);
  const answered = previous?.factId ? last : undefined;
  // "and for the year overall?" after a figure of one period: the last answer's figure of that period.
  const period = about && answered ? figureOfPeriod(answered, about) : undefined;
  if (period && answered) return { kind: 'about', fact: answered, asks: 'how-much', answer: period };
  if (about && answered && asked) {
    const rewritten = substitute(asked, about, engine);
    // "what about the other firms?" after "who's the chair?": when the last question, swapped,
    // finds nothing but the words alone do, they are the question.
    if (
      rewritten &&
      engine.entitiesIn(asked).length === 0 &&
      !engine.ask(rewritten).answered &&
      engine.ask(folded).answered
    )
      return { kind: 'none' };
    // "and Globex's?" after a figure of Initech's: Globex's figure of the same kind, when the last
    // question, swapped, finds nothing, or only the last answer again.
    const swapped = rewritten ? engine.ask(rewritten) : undefined;
    const figure =
      swapped && (!swapped.answered || swapped.fact.id === answered.id)
        ? sameFigureOf(answered, about, engine)
        : undefined;
    if (figure) return { kind: 'more', fact: figure, after: answered };
    if (rewritten) return { kind: 'rewrite', question: rewritten };
  }
  // "and how often in the evening?" with nothing before it is a question of its own.
  const ownQuestion = /^(?:how|what|when|where|who|why|which)\b/.test(about ?? '');
  const named = engine.entitiesIn(text);
  if (about && !answered && !ownQuestion && engine.entitiesIn(folded).length === 0)
    return { kind: 'unresolved' };
  // "how much did it drop?" after a question about Umbrella: the pronoun is the last question's subject;
  // "where did she post it": "she" is the person the last answer speaks of.
  // "is she Globex's CEO?": a personal pronoun beside names of no person is still the person, and
  // after a question the article does not answer, the person of the last fact shown.
  // "is that the same as the bus?" after "a fare costs $2.50, the same as a bus ticket": a yes/no
  // about the last answer whose every word that answer's own words hold is settled by it.
  // Of a denial, only a word it denies is answered No ("is it investing?"); "is this story fictional"
  // of "the story is fictional" is the statement itself.
  if (answered && YES_NO_OF_THAT.test(folded) && named.length === 0 && settledBy(answered, folded, engine)) {
    const denied = new Set((answered.negates ?? []).map((w) => engine.analyser.fold(w)));
    const deniesAsked = engine.analyse(folded).terms.some((t) => denied.has(t.key));
    const stance = answered.stance === 'denied' && !deniesAsked ? 'affirmed' : answered.stance;
    return { kind: 'about', fact: answered, asks: 'true', answer: stance };
  }
  // "who's in charge there": "there" is the place or body the last answer is about.
  if (answered && THERE.test(folded) && named.length === 0) {
    const place = answered.entities
      .map((id) => engine.story.entitiesById.get(id))
      .find((e) => e !== undefined && e.kind !== 'person' && e.kind !== 'product');
    if (place) return { kind: 'rewrite', question: text.replace(THERE_WORDS, ` at ${place.name}`) };
  }
  // "what does it say about …": "it" is the article, not anything the last answer named.
  if (ARTICLE_SAYS.test(folded)) return { kind: 'none' };
  // "is Jane going to do it?" after "when's the deadline to request a review?": "do it" is what the
  // last question named after "to".
  const deed = answered && DO_IT.test(folded) ? TO_DO.exec(fold(asked))?.[1] : undefined;
  if (deed) return { kind: 'rewrite', question: text.replace(DO_IT_WORDS, deed) };
  // "what's driving the surge?" after an answer telling of a surge: the reason for what it told.
  if (answered && named.length === 0 && engine.analyse(folded).intents.has('why') && !/^why$/.test(short)) {
    const own = new Set(engine.analyser.analyseText(answered.statement).map((t) => t.key));
    const words = engine.analyse(folded).terms.filter((t) => t.kind === 'word');
    if (words.length > 0 && words.every((t) => own.has(t.key)))
      return aboutFact(answered, 'why', asked, engine);
  }
  const personal = PERSONAL.test(folded) && named.every((found) => found.entity.kind !== 'person');
  const spokenOf = answered ?? (personal ? last : undefined);
  if (spokenOf && asked && PRONOUNS.test(folded) && (named.length === 0 || personal)) {
    const rewritten = resolvePronouns(text, spokenOf, asked, engine, named.length > 0);
    if (rewritten !== text) return { kind: 'rewrite', question: rewritten };
  }
  return { kind: 'none' };
}

/** Words of a period that say nothing of which one ("the year overall", "for the whole year"). */
const PERIOD_FILLER = new Set('the a an for of in over overall whole entire full so far then'.split(' '));

/**
 * The figure of the last answer whose period (or label) the words name, when it gives figures of
 * more than one period and the words name one of them only: "16% this year".
 */
function figureOfPeriod(fact: Fact, words: string): string | undefined {
  const figures = fact.figures ?? [];
  if (figures.length < 2) return undefined;
  const stemOf = (w: string) => w.replace(/(?:ies|es|s)$/, '');
  const asked = words
    .split(' ')
    .filter((w) => w !== '' && !PERIOD_FILLER.has(w))
    .map(stemOf);
  if (asked.length === 0) return undefined;
  const matching = figures.filter((f) => {
    const own = `${f.period ?? ''} ${f.label}`
      .toLowerCase()
      .split(/[^a-z0-9]+/)
      .map(stemOf);
    return asked.every((w) => own.includes(w));
  });
  const [figure] = matching;
  return matching.length === 1 && figure ? `${figure.text} ${figure.period ?? ''}`.trim() : undefined;
}

const PERSONAL = /\b(?:he|she|him|her|his|hers)\b/i;
/** "do it", "do so": an action the last question named ("… to request a review"). */
const DO_IT = /\b(?:do|doing|does|did) (?:it|so|that)\b/;
const DO_IT_WORDS = /\b(?:do|doing|does|did) (?:it|so|that)\b/i;
const TO_DO = /\bto (?!(?:the|a|an|be|it|them|him|her|me|us|you)\b)([a-z]+(?: [a-z]+){1,4})$/;
/** "her group", "his company": the body the person belongs to. */
const OWN_BODY =
  /\b(?:his|her|their) (?:group|company|firm|organi[sz]ation|association|party|team|union|body|agency|employer|department|network|office)\b/i;
/** "what app …", "which model …": a question after a kind of thing, which its answer names. */
const ASKS_KIND =
  /^(?:what|which)\s+(?!(?:is|was|are|were|did|does|do|has|have|had|will|can|could|would|happened|happens|about|else|kind|type|sort|exactly|the|a|an)\b)[a-z]+(?:\s+(?!(?:is|was|are|were|did|does|do|has|have|had|will|can)\b)[a-z]+)?\s+(?:is|was|are|were|did|does|do|has|have|had|will|can|[a-z]{2,}ed)\b/i;
/** "what did Initech release recently": a question after a thing someone put out, which the answer names. */
const ASKS_RELEASED =
  /^(?:what|which)(?: [a-z]+)? (?:did|has|have|does|will) .+? (?:release|launch|unveil|introduce|roll out|put out|ship)\b/i;
const IMPERSONAL = /\b(?:it|they|them|its|their)\b/i;
/** "who owns it", "who made it", "who is behind it": the maker of a thing is asked. */
const ASKS_MAKER =
  /\bwho(?:['’]s| is| was)? (?:owns|owned|makes|made|builds|built|develops|developed|created|is behind|was behind|behind)\b/i;

/**
 * The message with its pronouns read as what they stand for: "he", "she" as the person the last
 * answer speaks of (its speaker, else a person it names, else one the last question names); "it",
 * "they" as whoever the fact quotes, else the last question's subject (else the fact's). A possessive becomes the name's.
 */
function resolvePronouns(
  text: string,
  fact: Fact,
  asked: string,
  engine: QueryEngine,
  personalOnly = false,
): string {
  const inAsked = engine.entitiesIn(asked).map((found) => found.entity);
  const ofFact = [...(fact.speaker ? [fact.speaker] : []), ...fact.entities]
    .map((id) => engine.story.entitiesById.get(id))
    .filter((e): e is Entity => e !== undefined);
  // A person the answer's own words name ("… the CEO, Jane Roe, called it …") is spoken of too.
  const inStatement = engine.entitiesIn(fact.statement).map((found) => found.entity);
  const person = [...ofFact, ...inAsked, ...inStatement].find((e) => e.kind === 'person');
  // "they" after someone's words is whoever said them (a person of unknown gender is "they" too).
  const speaker = fact.speaker ? engine.story.entitiesById.get(fact.speaker) : undefined;
  // "how much did it drop?" is asked of whatever the figures are of ("Initech shares"), not of the
  // name the last question began with.
  const figureOf = /\bhow (?:much|many|far|big|bad)\b/i.test(text)
    ? (fact.figures ?? [])
        .flatMap((f) => engine.entitiesIn(`${f.subject ?? ''} ${f.label}`).map((found) => found.entity))
        .find((e) => fact.entities.includes(e.id))
    : undefined;
  // "who owns it?" after "what app is Globex compared to": "it" is the thing the answer gave.
  const beyondAsked = ofFact.filter((e) => e.kind !== 'person' && !inAsked.some((a) => a.id === e.id));
  const given = ASKS_RELEASED.test(asked.trim())
    ? beyondAsked.find((e) => e.kind === 'product')
    : ASKS_KIND.test(asked.trim())
      ? givenBy(fact, asked, beyondAsked, engine)
      : undefined;
  // "who owns it?", "who makes it?": only a product is owned or made, the one the answer speaks of.
  const made = ASKS_MAKER.test(text)
    ? (ofFact.find((e) => e.kind === 'product' && !inAsked.some((a) => a.id === e.id)) ??
      ofFact.find((e) => e.kind === 'product'))
    : undefined;
  const subject = made ?? speaker ?? figureOf ?? given ?? inAsked[0] ?? mainEntity(fact, engine);
  let result = text;
  const body = person?.parent ? engine.story.entitiesById.get(person.parent) : undefined;
  if (body && body.kind !== 'place') result = result.replace(OWN_BODY, body.name);
  if (person && PERSONAL.test(result))
    result = result.replace(PERSONAL, (word) =>
      /^h(?:is|ers)$/i.test(word) ? `${person.name}’s` : person.name,
    );
  else if (subject && !personalOnly && IMPERSONAL.test(result))
    result = result.replace(IMPERSONAL, (word) =>
      /^(?:its|their)$/i.test(word) ? `${subject.name}’s` : subject.name,
    );
  return result;
}

/**
 * "any other states?" after an answer about Ohio: the things of Ohio's kind (and part of the same
 * whole) that the article names beside it. The fact naming them answers; when it names none, the
 * reply says so, with what it does say.
 */
function otherThan(fact: Fact, asked: string, engine: QueryEngine): FollowUp {
  const inAsked = engine.entitiesIn(asked).map((found) => found.entity.id);
  const reference =
    inAsked.find((id) => fact.entities.includes(id)) ??
    fact.entities.find((id) => engine.story.entitiesById.get(id)?.kind !== 'person');
  const entity = reference ? engine.story.entitiesById.get(reference) : undefined;
  if (!entity) return { kind: 'none' };
  const beside = namedBeside(entity, engine);
  if (beside.length === 0) return { kind: 'about', fact, asks: 'others' };
  const answering = engine.story.facts
    .filter((f) => f.entities.includes(entity.id) || beside.some((b) => f.entities.includes(b.id)))
    .map((f) => ({ f, named: beside.filter((b) => f.entities.includes(b.id)).length }))
    .filter(({ named }) => named > 0)
    .sort((a, b) => b.named - a.named || a.f.entities.length - b.f.entities.length)[0]?.f;
  return answering ? { kind: 'more', fact: answering, after: fact } : { kind: 'none' };
}

/** What the article says of a detail of the last answer's fact, or that it does not say. */
function aboutFact(fact: Fact, asks: Detail, asked: string, engine: QueryEngine): FollowUp {
  const story = engine.story;
  const nameOf = (id: string | undefined) => (id ? (story.entitiesById.get(id)?.name ?? id) : undefined);
  switch (asks) {
    case 'who-said': {
      // A denial is said by whoever denies: the fact's subject, when no one else is named.
      // A body's denial is voiced by the person the article quotes making it: a fact whose speaker is
      // a person, about everything the denial is about and on its topic.
      const voiced =
        !fact.speaker && fact.stance === 'denied' && fact.entities.length > 0
          ? story.facts.find(
              (f) =>
                f.id !== fact.id &&
                f.speaker !== undefined &&
                story.entitiesById.get(f.speaker)?.kind === 'person' &&
                fact.entities.every((id) => f.entities.includes(id)) &&
                f.topics.some((t) => fact.topics.includes(t)),
            )
          : undefined;
      if (voiced) return { kind: 'about', fact: voiced, asks, answer: nameOf(voiced.speaker) as string };
      const who =
        nameOf(fact.speaker) ??
        nameOf(fact.claimedBy) ??
        (fact.stance === 'denied' ? nameOf(fact.entities[0]) : undefined);
      return { kind: 'about', fact, asks, ...(who ? { answer: who } : {}) };
    }
    case 'true': {
      // "true?" of reports the article says were denied is answered with the denial.
      const denial = denialOf(fact, engine);
      return denial
        ? { kind: 'about', fact: denial, asks, answer: 'denied' }
        : { kind: 'about', fact, asks, answer: fact.stance };
    }
    case 'when': {
      // "since when?" of a span ("for over a decade") is answered by the span.
      const span = fact.figures?.find((f) => f.unit === 'years')?.text;
      // "that" may be the event the sentence dates rather than this fact's part of it: a fact
      // quoting the same sentence with a date ("Since launching X in May 2024, …") dates it.
      const dated = fact.when
        ? undefined
        : story.facts.find((f) => f.id !== fact.id && f.quote === fact.quote && f.when);
      const when = fact.when?.label ?? (span ? `for ${span}` : undefined);
      if (!when && dated?.when) return { kind: 'about', fact: dated, asks, answer: dated.when.label };
      return { kind: 'about', fact, asks, ...(when ? { answer: when } : {}) };
    }
    case 'where': {
      // A place the quote puts it in or at, or what it was said on ("in a post on her Chirper feed").
      const where = fact.entities
        .filter((id) => id !== fact.speaker)
        .map((id) => story.entitiesById.get(id))
        .find((entity) => {
          if (!entity) return false;
          const names = aliasPattern(entity);
          const before = entity.kind === 'place' ? '(?:in|at|on)' : 'on';
          return new RegExp(`\\b${before}\\s+(?:\\S+\\s+){0,3}?(?:${names})\\b`, 'i').test(fact.quote);
        });
      return { kind: 'about', fact, asks, ...(where ? { answer: where.name } : {}) };
    }
    case 'how-much': {
      const figures = (fact.figures ?? []).map((f) => f.text);
      return { kind: 'about', fact, asks, ...(figures.length > 0 ? { answer: figures.join(', ') } : {}) };
    }
    case 'others':
    case 'named':
    case 'outcome':
    case 'examples':
    case 'source':
    case 'effect':
    case 'aim':
      return { kind: 'about', fact, asks };
    case 'why': {
      // A "why" is answered by another fact, if the article gives a reason: ask it of the last question.
      if (givesReason(fact, asked)) return { kind: 'about', fact, asks, answer: fact.statement };
      const question = `why ${stripQuestionWord(asked) || fact.statement}`;
      const direct = engine.ask(question);
      if (direct.answered && (direct.because || (direct.fact.id !== fact.id && givesReason(direct.fact))))
        return { kind: 'rewrite', question };
      // Asked of one thing ("did Ohio ban it" → "why"), the reason may be given for all of them: a fact
      // of the same topic that gives a reason, found by the question without its names.
      const reason = reasonFor(fact, stripNames(question, engine), engine) ?? pointedBack(fact, engine);
      return reason ? { kind: 'more', fact: reason, after: fact } : { kind: 'rewrite', question };
    }
  }
}

/** The question with the names it mentions taken out: "why did ohio ban acme" → "why did ban". */
function stripNames(question: string, engine: QueryEngine): string {
  let result = question;
  for (const { surface } of engine.entitiesIn(question))
    result = result.replace(new RegExp(`\\b${escapeRegExp(surface)}\\b`, 'i'), ' ');
  return result.replace(/\s+/g, ' ').trim();
}

/** A fact sharing a topic with the last one that gives a reason and answers the question, if any. */
function reasonFor(fact: Fact, question: string, engine: QueryEngine): Fact | undefined {
  const result = engine.ask(question);
  if (!result.answered) return undefined;
  const found = result.fact;
  const sameTopic = found.topics.some((t) => fact.topics.includes(t));
  // Another thing of the same kind's (Initech's drop, asked why Globex rose) is not its reason.
  const [subject, foundSubject] = [fact.entities[0], found.entities[0]].map((id) =>
    id ? engine.story.entitiesById.get(id) : undefined,
  );
  const another =
    subject !== undefined &&
    foundSubject !== undefined &&
    subject.id !== foundSubject.id &&
    subject.kind === foundSubject.kind &&
    !found.entities.includes(subject.id);
  return found.id !== fact.id && sameTopic && !another && givesReason(found) ? found : undefined;
}

/** "did Umbrella stock drop?" → "did umbrella stock drop"; "Who has banned Acme?" → "has banned acme". */
function stripQuestionWord(question: string): string {
  const folded = question
    .toLowerCase()
    .replace(/[?!,;:…]+|\.(?!\d)/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return folded.replace(/^(?:who|what|which|when|where|how much|how many|how|why)\s+/, '');
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

/**
 * A list's items split by the question that brought it: those whose own words (words no other item
 * shares, nor the sentence around them) the question used, and the rest; undefined unless both are
 * non-empty.
 */
function otherItems(
  fact: Fact,
  asked: string,
  engine: QueryEngine,
): { asked: string[]; rest: string[] } | undefined {
  const items = fact.items ?? [];
  if (items.length < 2 || asked === '') return undefined;
  const keysOf = (text: string) =>
    new Set(
      engine.analyser
        .analyseText(text)
        .filter((t) => t.kind === 'word')
        .map((t) => t.key),
    );
  const itemKeys = items.map((item) => keysOf(item.label));
  // Words of the sentence around the items ("AI-powered tools") speak of them all.
  const around = keysOf(items.reduce((text, item) => text.split(item.label).join(' '), fact.statement));
  const question = new Set(engine.analyse(asked).terms.map((t) => t.key));
  const own = itemKeys.map((keys, i) =>
    [...keys].filter(
      (k) => question.has(k) && !around.has(k) && !itemKeys.some((other, j) => j !== i && other.has(k)),
    ),
  );
  const named = items.filter((_, i) => (own[i] ?? []).length > 0).map((item) => item.label);
  const rest = items.filter((_, i) => (own[i] ?? []).length === 0).map((item) => item.label);
  return named.length > 0 && rest.length > 0 ? { asked: named, rest } : undefined;
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

/** The kinds of named thing a plural noun asks for (a group such as "analysts" names no one). */
const KINDS_OF: [RegExp, Entity['kind'][]][] = [
  [
    /^(?:compan|firm|giant|business|rival|competitor|startup|start-up|organi[sz]ation|corporation|maker|brand|investor)/,
    ['organization'],
  ],
  [/^(?:countr|state|nation|place|cit|region|town|area|province|district|ward)/, ['place', 'government']],
  [
    /^(?:people|person|executive|official|expert|leader|member|councillor|politician|founder|spokes)/,
    ['person'],
  ],
  [/^(?:agenc|bod|government|department|authorit|regulator|ministr)/, ['government', 'organization']],
  [/^(?:product|model|app|tool|service|system)/, ['product']],
];

/** The facts not yet shown in this conversation, besides the last answer and its own statement. */
function unseenBeside(last: Fact, shown: readonly string[], engine: QueryEngine): Fact[] {
  const seen = new Set([...shown, last.id]);
  return engine.story.facts.filter((f) => !seen.has(f.id) && f.statement !== last.statement);
}

/** The ids of the entities a text names. */
function idsIn(text: string, engine: QueryEngine): Set<string> {
  return new Set(engine.entitiesIn(text).map((found) => found.entity.id));
}

/**
 * Names asked of a fact ("which ones?", "what are their names?"): the fact itself when it gives
 * them, else the reply that the article does not name them.
 */
function namesFrom(fact: Fact, gives: boolean): FollowUp {
  return gives
    ? { kind: 'about', fact, asks: 'named', answer: fact.statement }
    : { kind: 'about', fact, asks: 'named' };
}

/** Where a fact's sentence sits in the article (facts quoting the same sentence sit together). */
function position(fact: Fact, engine: QueryEngine): number {
  const at = engine.story.text.indexOf(fact.quote);
  return at < 0 ? Number.POSITIVE_INFINITY : at;
}

/**
 * What the article tells after the last answer: another fact quoting the same sentence (its rest),
 * else the fact whose sentence comes next in the article; none already shown.
 */
function followingFact(last: Fact, shown: readonly string[], engine: QueryEngine): Fact | undefined {
  const here = position(last, engine);
  const unseen = unseenBeside(last, shown, engine);
  const same = unseen.find((f) => f.quote === last.quote);
  if (same) return same;
  return unseen
    .map((f) => ({ f, at: position(f, engine) }))
    .filter(({ at }) => at > here && Number.isFinite(at))
    .sort((a, b) => a.at - b.at)[0]?.f;
}

/**
 * "which companies?" after an answer: the fact (the last one, or another quoting its sentence) that
 * speaks of that kind of thing. When it names some beyond the last question's names, it answers; when
 * it names none, the article does not say which (an abstention, never another fact's names).
 */
function namingFact(last: Fact, noun: string, asked: string, engine: QueryEngine): FollowUp | undefined {
  const singular = noun.replace(/ies$/, 'y').replace(/(?:es|s)$/, '');
  const mentions = (f: Fact) =>
    new RegExp(`\\b${escapeRegExp(singular)}`, 'i').test(`${f.statement} ${f.quote}`) ||
    new RegExp(`\\b${escapeRegExp(noun)}\\b`, 'i').test(`${f.statement} ${f.quote}`);
  const candidates = [last, ...engine.story.facts.filter((f) => f.id !== last.id && f.quote === last.quote)];
  const fact =
    candidates.find((f) => new RegExp(`\\b${escapeRegExp(noun)}\\b`, 'i').test(f.statement)) ??
    candidates.find(mentions);
  if (!fact) return undefined;
  const inAsked = idsIn(asked, engine);
  const kinds = KINDS_OF.find(([pattern]) => pattern.test(singular))?.[1] ?? [];
  const named =
    (fact.items?.length ?? 0) > 0 ||
    fact.entities.some((id) => {
      const entity = engine.story.entitiesById.get(id);
      return !inAsked.has(id) && id !== fact.speaker && entity !== undefined && kinds.includes(entity.kind);
    });
  if (named && fact.id !== last.id) return { kind: 'more', fact, after: last };
  return namesFrom(fact, named);
}

/**
 * Whether a fact names things of the kind a plural noun asks for ("countries": places), beyond the
 * last question's own names and its speaker; undefined when the noun is of no kind known.
 */
function namesKind(fact: Fact, noun: string, asked: string, engine: QueryEngine): boolean | undefined {
  const singular = noun.replace(/ies$/, 'y').replace(/(?:es|s)$/, '');
  const kinds = KINDS_OF.find(([pattern]) => pattern.test(singular))?.[1];
  if (!kinds) return undefined;
  const inAsked = idsIn(asked, engine);
  // The speaker, and the body they speak for, are not among the things their words name.
  const voice = fact.speaker ? engine.story.entitiesById.get(fact.speaker)?.parent : undefined;
  return fact.entities.some((id) => {
    const entity = engine.story.entitiesById.get(id);
    return (
      !inAsked.has(id) &&
      id !== fact.speaker &&
      id !== voice &&
      entity !== undefined &&
      kinds.includes(entity.kind) &&
      !isUnnamed(entity)
    );
  });
}

/** Whether a fact reports what someone claims or reported, rather than saying it itself. */
function reports(fact: Fact): boolean {
  return fact.stance !== 'denied' && (fact.claimedBy !== undefined || REPORTING.test(fact.statement));
}

/**
 * The fact reporting the claims a conversation speaks of: the last answer itself when it reports
 * someone's claims, else the fact (on its topic, about all it speaks of) that reports them; with no
 * last answer, the one fact of the article that tells of reports circulating, if only one does.
 */
function reportingFact(last: Fact | undefined, engine: QueryEngine): Fact | undefined {
  const story = engine.story;
  if (!last) {
    const told = story.facts.filter((f) => reports(f) && f.claimedBy === undefined);
    return told.length === 1 ? told[0] : undefined;
  }
  if (reports(last)) return last;
  const about = last.entities.filter((id) => story.entitiesById.get(id)?.kind !== 'person');
  return story.facts.find(
    (f) =>
      f.id !== last.id &&
      reports(f) &&
      f.topics.some((t) => last.topics.includes(t)) &&
      about.length > 0 &&
      about.every((id) => f.entities.includes(id)) &&
      f.entities.some((id) => !last.entities.includes(id)),
  );
}

/** "who reported it?": the party that made the reports the last answer speaks of, or that the article names none. */
function reportOf(last: Fact, engine: QueryEngine): FollowUp {
  const report = reportingFact(last, engine);
  const by = report
    ? (report.claimedBy ??
      (report === last ? report.entities[0] : report.entities.find((id) => !last.entities.includes(id))))
    : undefined;
  const name = by ? engine.story.entitiesById.get(by)?.name : undefined;
  return report && name
    ? { kind: 'about', fact: report, asks: 'source', answer: name }
    : { kind: 'about', fact: last, asks: 'source' };
}

/**
 * The denial of what a report claims: a fact that denies it, on its topic, about the things the report
 * speaks of besides whoever made it.
 */
function denialOf(report: Fact, engine: QueryEngine): Fact | undefined {
  if (!reports(report)) return undefined;
  const story = engine.story;
  const claimant = (id: string) =>
    id === report.claimedBy || id === report.speaker || story.entitiesById.get(id)?.kind === 'group';
  return story.facts.find(
    (f) =>
      f.id !== report.id &&
      f.stance === 'denied' &&
      f.entities.length > 0 &&
      f.topics.some((t) => report.topics.includes(t)) &&
      f.entities.every((id) => report.entities.includes(id)) &&
      report.entities.every((id) => f.entities.includes(id) || claimant(id)),
  );
}

/**
 * "what did Initech call it": a fact where the party (or a person of it) calls something by words the
 * article quotes, on the last answer's topic first.
 */
function callingFact(last: Fact, caller: Entity, engine: QueryEngine): Fact | undefined {
  const story = engine.story;
  const theirs = (f: Fact) =>
    [f.speaker, f.claimedBy].some(
      (id) => id !== undefined && (id === caller.id || story.entitiesById.get(id)?.parent === caller.id),
    );
  const calling = story.facts.filter((f) => theirs(f) && CALLING.test(f.statement));
  return calling.find((f) => f.topics.some((t) => last.topics.includes(t))) ?? calling[0];
}

/**
 * The kind of thing the figures shown are of, when they are of several things of one kind: "shares"
 * of "Initech shares" and "Globex shares".
 */
function figureKind(shown: readonly string[], engine: QueryEngine): string | undefined {
  const subjects = shown
    .flatMap((id) => engine.story.factsById.get(id)?.figures ?? [])
    .map((f) => f.subject)
    .filter((s): s is string => s !== undefined);
  const heads = new Set(subjects.map((s) => s.split(' ').at(-1)?.toLowerCase()));
  const [head] = heads;
  return heads.size === 1 && new Set(subjects).size >= 2 ? head : undefined;
}

/**
 * What the last answer's sentence points back at when it begins "This disruption …": the fact, before
 * it in the article if any, that tells of that same thing ("… has disrupted the industry").
 */
function pointedBack(fact: Fact, engine: QueryEngine): Fact | undefined {
  const noun = POINTS_BACK.exec(fact.quote)?.[1]?.toLowerCase();
  // "disruption" is what "disrupted" tells of: the word's root, without its noun ending.
  const root = noun ? stem(noun).replace(/(?:ion|ment|ance|ence)$/, '') : '';
  if (root.length < 5) return undefined;
  const tells = (f: Fact) =>
    normaliseText(f.statement)
      .split(' ')
      .some((w) => stem(w).startsWith(root));
  const here = position(fact, engine);
  return engine.story.facts
    .filter((f) => f.quote !== fact.quote && !f.quote.includes(fact.quote) && tells(f))
    .map((f) => ({ f, at: position(f, engine) }))
    .sort(
      (a, b) => Number(a.at > here) - Number(b.at > here) || Math.abs(a.at - here) - Math.abs(b.at - here),
    )[0]?.f;
}

/**
 * Of the things an answer names, the one it gives for the question: the one whose clause of the
 * statement ("the Globex Union backs the line, while …") holds most of the question's words; the first
 * when none does.
 */
function givenBy(
  fact: Fact,
  asked: string,
  candidates: readonly Entity[],
  engine: QueryEngine,
): Entity | undefined {
  if (candidates.length < 2) return candidates[0];
  const question = new Set(engine.analyse(asked).terms.map((t) => t.key));
  const clauses = fact.statement.split(/[,;:]|\b(?:while|whereas|but)\b/);
  const overlap = (entity: Entity) => {
    const clause = clauses.find((c) => new RegExp(`\\b(?:${aliasPattern(entity)})\\b`, 'i').test(c));
    return clause ? engine.analyser.analyseText(clause).filter((t) => question.has(t.key)).length : 0;
  };
  return candidates
    .map((entity, i) => ({ entity, i, score: overlap(entity) }))
    .sort((a, b) => b.score - a.score || a.i - b.i)[0]?.entity;
}

/**
 * "and Globex's?" after a figure: the one fact giving figures of the same unit about the thing named
 * (its figures' subject names it), when there is just one.
 */
function sameFigureOf(last: Fact, words: string, engine: QueryEngine): Fact | undefined {
  const named = engine.entitiesIn(words)[0]?.entity;
  const units = new Set((last.figures ?? []).map((f) => f.unit));
  if (!named || units.size === 0) return undefined;
  const of = engine.story.facts.filter(
    (f) =>
      f.id !== last.id &&
      (f.figures ?? []).some((figure) => units.has(figure.unit)) &&
      figureOf(f, named, engine),
  );
  return of.length === 1 ? of[0] : undefined;
}

/** Whether a fact gives a figure of the entity (the figure's subject, or its label, names it). */
function figureOf(fact: Fact, entity: Entity, engine: QueryEngine): boolean {
  return (fact.figures ?? []).some((figure) =>
    engine.entitiesIn(figure.subject ?? figure.label).some((found) => found.entity.id === entity.id),
  );
}
