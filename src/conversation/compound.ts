import type { Reply, ReplyItem } from '../core/reply.ts';
import { neutraliseUserText } from '../core/safe-text.ts';
import { type EngineResult, figuresAlike, type QueryEngine } from '../engine/engine.ts';
import { TITLES } from '../engine/lexicon.ts';
import { escapeRegExp } from '../engine/normalise.ts';
import { aliasPattern, factItems, findTopic, givesReason, topicNamed } from '../knowledge/lookup.ts';
import type { Entity, Fact, Figure, Topic } from '../knowledge/schema.ts';

/**
 * Questions that one fact cannot answer alone, in general English (no word of any story): a summary
 * of one topic, a comparison of two things, a question in several parts, and a question after a
 * kind of detail (a price, an amount) that the nearest fact does not give.
 */

type Reply0 = Omit<Reply, 'visibility'>;

const SUMMARY_WORDS =
  /\b(?:summary|summari[sz]e|gist|tl;?dr|overview|recap|rundown|digest|run ?down|in short|quick version)\b/i;
const SUMMARY_FILLER =
  /\b(?:give|me|a|an|the|quick|short|brief|please|pls|of|on|about|for|what|is|the|story|article|news|summary|summari[sz]e|gist|tl;?dr|overview|recap|rundown|digest|whole|can|you|i|want|need|just|so|far)\b/gi;

/** "tldr of the bans", "quick summary of the widget launch": that topic's digest; undefined for the whole story or no topic. */
export function topicSummary(question: string, engine: QueryEngine): Reply0 | undefined {
  if (!SUMMARY_WORDS.test(question)) return undefined;
  const rest = question
    .replace(/[?!.,:;]/g, ' ')
    .replace(SUMMARY_FILLER, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (rest.length < 3) return undefined;
  const topic =
    findTopic(engine.story, rest) ??
    rest
      .split(' ')
      .map((word) => (word.length >= 3 ? findTopic(engine.story, word) : undefined))
      .find((t) => t !== undefined);
  return topic ? topicDigest(topic, engine) : undefined;
}

/** A topic's digest: its description and each of its facts once. */
function topicDigest(topic: Topic, engine: QueryEngine): Reply0 {
  const facts = engine.story.facts.filter((f) => f.topics.includes(topic.id));
  return {
    kind: 'list',
    title: `In short: ${topic.name}`,
    body: topic.description,
    items: factItems(facts),
    // A follow-up ("which one went up?") reads against the facts the digest showed.
    shownFactIds: facts.map((f) => f.id),
  };
}

const MAX_BARE_TOPIC_WORDS = 3;

/**
 * "bans?", "pricing": a question that is only the name of a topic asks about the topic as a whole,
 * and gets its digest. A topic named after a company or person is left to the engine.
 */
export function bareTopic(question: string, engine: QueryEngine): Reply0 | undefined {
  const words = question
    .replace(/[?!.,:;]/g, ' ')
    .trim()
    .split(/\s+/);
  if (words.length > MAX_BARE_TOPIC_WORDS) return undefined;
  const topic = topicNamed(engine.story, words.join(' '));
  if (!topic) return undefined;
  // A name ("initech?") asks about that company or person: the engine answers it with its profile.
  if (engine.entitiesIn(question).length > 0) return undefined;
  return topicDigest(topic, engine);
}

const COMPARING =
  /\b(?:compare|compared|comparison|vs\.?|versus|more|less|bigger|smaller|higher|lower|larger|worse|better|most|least|biggest|smallest|harder|further|farther|ahead|outperform(?:ed|s)?|won|wins|winning|winner)\b/i;
/**
 * Who did better, with no measure named ("which came out ahead", "who's winning"): a rise beats a
 * fall, and of two figures moving the same way the bigger rise or the smaller fall.
 */
const AHEAD =
  /\b(?:ahead|on top|outperform(?:ed|s)?|won|wins|winning|winner|better off|(?:did|doing|fared|faring|done) (?:better|best|worse|worst))\b/i;

function figureOf(fact: Fact | undefined): NonNullable<Fact['figures']>[number] | undefined {
  return fact?.figures?.[0];
}

/**
 * "which dropped more, Umbrella or Initech?": both figures and the verdict. The figure for each
 * thing is the one of the fact the engine finds for the question asked of that thing alone.
 */
export function comparison(question: string, engine: QueryEngine): Reply0 | undefined {
  if (!COMPARING.test(question)) return undefined;
  const named = engine.entitiesIn(question).map((n) => n.entity);
  if (named.length !== 2) return undefined;
  const [a, b] = named as [Entity, Entity];
  const ahead = AHEAD.test(question);
  const factFor = (entity: Entity, other: Entity): Fact | undefined => {
    const alone = `how much ${question.replace(new RegExp(`\\b(?:${aliasPattern(other)})\\b`, 'gi'), ' ')}`;
    const result = engine.ask(alone);
    // Who came out ahead is told by figures that moved.
    const fits = (fact: Fact) =>
      Boolean(fact.figures?.length) && (!ahead || Boolean(fact.figures?.some((f) => f.direction)));
    if (result.answered && result.fact.entities.includes(entity.id) && fits(result.fact)) return result.fact;
    // Nothing more to go on ("compare A to B"): the first figure the article gives about it.
    return engine.story.facts.find((f) => fits(f) && f.entities[0] === entity.id);
  };
  const [factA, factB] = [factFor(a, b), factFor(b, a)];
  const [figureA, figureB] = [figureOf(factA), figureOf(factB)];
  if (!factA || !factB || factA === factB) return undefined;
  const quotes = [factA, factB].map((f) => ({ text: f.statement, quote: f.quote }));
  if (!figureA || !figureB || figureA.unit !== figureB.unit) {
    const missing = [figureA ? undefined : a.name, figureB ? undefined : b.name]
      .filter(Boolean)
      .join(' and ');
    return {
      kind: 'no_answer',
      title: question,
      body: missing
        ? `The article gives no figure to compare for ${missing}. What it says of each:`
        : 'The article gives no figures in the same terms to compare. What it says of each:',
      items: quotes,
      aboutFactId: factA.id,
    };
  }
  if (ahead && (figureA.direction || figureB.direction)) {
    const signed = (f: typeof figureA) => (f.direction === 'down' ? -f.value : f.value);
    const moved = (f: typeof figureA) =>
      `${f.direction === 'down' ? 'fell' : f.direction === 'up' ? 'rose' : 'stood at'} ${f.text}`;
    const aAhead = signed(figureA) >= signed(figureB);
    const [ahead, behind] = aAhead ? [a, b] : [b, a];
    const [aheadFigure, behindFigure] = aAhead ? [figureA, figureB] : [figureB, figureA];
    return {
      kind: 'answer',
      title: question,
      body:
        signed(figureA) === signed(figureB)
          ? `${a.name} and ${b.name} are level: each ${moved(figureA)}.`
          : `${ahead.name} came out ahead: it ${moved(aheadFigure)}, while ${behind.name} ${moved(behindFigure)}.`,
      items: quotes,
      feedback: { factId: (aAhead ? factA : factB).id },
      shownFactIds: [factA.id, factB.id],
    };
  }
  const [high, low] = figureA.value >= figureB.value ? [a, b] : [b, a];
  const [highFigure, lowFigure] = figureA.value >= figureB.value ? [figureA, figureB] : [figureB, figureA];
  const gap = highFigure.value - lowFigure.value;
  const unit =
    highFigure.unit === 'percent' ? ' percentage points' : highFigure.unit === 'years' ? ' years' : '';
  const verb = highFigure.direction === 'down' ? 'fell' : highFigure.direction === 'up' ? 'rose' : 'counts';
  const about = highFigure.qualifier !== 'exact' || lowFigure.qualifier !== 'exact';
  const verdict =
    gap === 0
      ? `${a.name} and ${b.name} are level: ${highFigure.text} each.`
      : `${high.name} ${verb} more: ${highFigure.text}, against ${lowFigure.text} for ${low.name} — ${about ? 'about ' : ''}${gap}${unit} more.`;
  return {
    kind: 'answer',
    title: question,
    body: verdict,
    items: quotes,
    feedback: { factId: factA.id },
    shownFactIds: [factA.id, factB.id],
  };
}

/** "list every …", "give me all the …", "what are all the …": every one the article gives is asked for. */
const ALL_ASKED =
  /\b(?:list|give me|name|tell me|show me|what are)\b(?:\s+\S+){0,2}?\s+(?:all|every|each)\b|\ball the\b/i;
/** "what happened to A and B stocks", "how did A and B do": how each did is asked. */
const HAPPENED_TO = /^(?:what happened to|what's happened to|how (?:did|have|has|are|were|is))\b/;
/** A comparison of how much ("which fell more"), which `comparison` answers. */
const BY_HOW_MUCH =
  /\b(?:more|less|most|least|biggest|smallest|bigger|smaller|higher|lower|worse|better|further)\b/i;

/**
 * "which stocks took a hit?", "which stock went up: A, B or C?", "list every stock move": every
 * figure that moved, of the kind asked (the word its subject shares: "stock"), the way asked (down,
 * up, or either for "every"), of the names asked if any: each with its fact and quote.
 */
export function movedFigures(question: string, engine: QueryEngine): Reply0 | undefined {
  const text = question.toLowerCase();
  // The kind of figure asked for, named right after "which" (and how many: "which two stock drops")
  // or after "all the" / "every".
  const named = (
    ALL_ASKED.exec(text)
      ? /\b(?:all the|all|every|each)\s+([a-z]+)/
      : /^(?:which|what)\s+(?:(?:two|three|four|five|both|\d+)\s+)?([a-z]+)/
  ).exec(text)?.[1];
  // "what happened to A, B and C stocks": every move of the names asked, whichever way.
  const ofNames = HAPPENED_TO.test(text) && engine.entitiesIn(question).length >= 2;
  const all = ofNames || ALL_ASKED.test(text);
  // "who got hurt on the market": whoever's figures moved that way, when figures are what it asks of.
  const who = /^who\b/.test(text);
  if ((!named && !who) || BY_HOW_MUCH.test(text)) return undefined;
  const { analyser, story } = engine;
  const analysis = engine.analyse(question);
  const keys = new Set(analysis.terms.map((t) => t.key));
  const [up, down] = [keys.has(analyser.fold('surge')), keys.has(analyser.fold('drop'))];
  if (!all && up === down) return undefined;
  // Each moving figure, with what it is of (its subject, else its label) and who it belongs to.
  const moves = story.facts.flatMap((fact) =>
    (fact.figures ?? [])
      .filter((figure) => figure.direction === 'up' || figure.direction === 'down')
      .map((figure) => {
        const of = figure.subject ?? figure.label;
        const owner = engine.entitiesIn(of)[0]?.entity ?? story.entitiesById.get(fact.entities[0] ?? '');
        const ofKeys = new Set(analyser.analyseText(`${of} ${figure.label}`).map((t) => t.key));
        return { fact, figure, owner, ofKeys };
      }),
  );
  // The kind asked: a word of the question that the figures of two or more facts are of.
  const kind = analysis.terms.find(
    (t) =>
      t.kind === 'word' &&
      (ofNames || t.surface === named) &&
      new Set(moves.filter((m) => m.ofKeys.has(t.key)).map((m) => m.fact.id)).size >= 2,
  );
  const nearest = who ? engine.ask(question) : undefined;
  const ofFigures =
    nearest?.answered === true && moves.some((m) => m.fact.id === nearest.fact.id) && up !== down;
  if (!kind && !ofFigures) return undefined;
  const owners = new Set(moves.map((m) => m.owner?.id));
  const namedIds = engine.entitiesIn(question).map((found) => found.entity.id);
  const asked = namedIds.filter((id) => owners.has(id));
  // "what happened to Globex's stock after Initech": only names that each have a move ask every move.
  if (ofNames && asked.length < namedIds.length && !ALL_ASKED.test(text)) return undefined;
  const chosen = moves.filter(
    (m) =>
      (kind === undefined || m.ofKeys.has(kind.key)) &&
      (asked.length === 0 || (m.owner !== undefined && asked.includes(m.owner.id))) &&
      (all && up === down ? true : m.figure.direction === (up ? 'up' : 'down')),
  );
  if (chosen.length === 0) return undefined;
  const byOwner = new Map<string, typeof chosen>();
  for (const m of chosen) {
    const name = m.owner?.name ?? m.fact.id;
    byOwner.set(name, [...(byOwner.get(name) ?? []), m]);
  }
  const said = [...byOwner].map(([name, ms]) => {
    const figures = ms.map((m) => `${m.figure.text}${m.figure.period ? ` ${m.figure.period}` : ''}`);
    const verb = ms[0]?.figure.direction === 'down' ? 'fell' : 'rose';
    return `${name} ${verb} ${figures.join(' and ')}`;
  });
  const facts = [...new Set(chosen.map((m) => m.fact))];
  return {
    kind: 'answer',
    title: question,
    body: `${said.join('; ')}.`,
    items: facts.map((fact) => ({ text: fact.statement, quote: fact.quote })),
    feedback: { factId: facts[0]?.id as string },
    shownFactIds: facts.map((fact) => fact.id),
  };
}

/** "how much did A and B (each) drop": one question asked of each of two or three names. */
const ASKS_FIGURE =
  /^(?:(?:so|ok|okay|and|but)\W+)*(?:how (?:much|many|far|big)|by how much|what (?:percent|percentage))\b/i;

/**
 * "how much did Initech and Umbrella each drop?": the question asked of each thing named in turn (of
 * one kind, joined by "and"), each answered with its own fact: the figures side by side.
 */
export function eachNamed(question: string, engine: QueryEngine): Reply0 | undefined {
  if (!ASKS_FIGURE.test(question.trim()) || COMPARING.test(question)) return undefined;
  const named = engine.entitiesIn(question);
  if (named.length < 2 || named.length > 3 || new Set(named.map((n) => n.entity.kind)).size > 1)
    return undefined;
  // Joined by "and" (or commas): "A and B", "A, B and C".
  const surfaces = named.map((n) => escapeRegExp(n.surface));
  const joined = new RegExp(`\\b${surfaces.join('\\W+(?:and\\s+|&\\s+)?')}\\b`, 'i');
  if (!joined.test(question.toLowerCase().replace(/['’]s\b/g, '')) || !/\band\b|&/.test(question))
    return undefined;
  const items: ReplyItem[] = [];
  const facts: Fact[] = [];
  for (const { entity } of named) {
    const others = named.filter((n) => n.entity.id !== entity.id).map((n) => aliasPattern(n.entity));
    const alone = question
      .replace(new RegExp(`\\b(?:${others.join('|')})(?:['’]s)?\\b`, 'gi'), ' ')
      .replace(/\b(?:and|each|both|respectively)\b|&|,/gi, ' ')
      .replace(/\s+/g, ' ');
    const result = engine.ask(alone);
    if (
      !result.answered ||
      result.hedged ||
      !engine.lineage(result.fact.entities[0] ?? '').includes(entity.id)
    )
      return undefined;
    if (facts.includes(result.fact)) return undefined;
    facts.push(result.fact);
    items.push({ label: entity.name, text: result.answer, quote: result.quote });
  }
  return {
    kind: 'answer',
    title: question,
    body: 'Each in turn, with the sentence it comes from:',
    items,
    feedback: { factId: (facts[0] as Fact).id },
    shownFactIds: facts.map((f) => f.id),
  };
}

const WH = /^(?:who|what|when|where|why|which|how(?: much| many| long)?)\b/i;
const MAX_PARTS = 3;

/** A few words that ask nothing themselves ("Llama 3"): no question word, no verb opening a question. */
function isGuess(segment: string): boolean {
  return segment.split(/\s+/).length <= 3 && !STARTS_QUESTION_WORD.test(segment);
}
const STARTS_QUESTION_WORD =
  /^(?:who|what|when|where|why|which|how|is|are|was|were|do|does|did|can|could|will|would|should|has|have|had|and|or|but|so|also|plus|then)\b/i;

/**
 * "when did Ohio ban Acme and why?": each part answered in turn, with its quote. A part that
 * is a bare question word borrows the rest of the part before it.
 */
export function multiPart(question: string, engine: QueryEngine): Reply0 | undefined {
  const segments = question
    .split(/\?|;|,?\s+and\s+(?=(?:who|what|when|where|why|which|how|did|does|is|was|are|were|has|have)\b)/i)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
  if (segments.length < 2) return undefined;
  const parts: string[] = [];
  for (const segment of segments.slice(0, MAX_PARTS)) {
    const bare = WH.exec(segment)?.[0];
    const previous = parts.at(-1);
    // "why" alone after "when did Ohio ban Acme": "why did Ohio ban Acme".
    if (bare && bare.length === segment.length && previous) parts.push(previous.replace(WH, bare));
    // "which of Meta's models did it beat? Llama 3?": a guess at the answer, not a question of its own.
    else if (previous && /^(?:which|what)\b/i.test(previous) && isGuess(segment))
      parts[parts.length - 1] = `${previous}, ${segment}?`;
    else parts.push(segment);
  }
  if (parts.length < 2) return undefined;
  const items: ReplyItem[] = [];
  const shown = new Set<string>();
  let answeredParts = 0;
  for (const part of parts) {
    const result = engine.ask(part);
    if (result.answered && !shown.has(result.fact.id)) {
      shown.add(result.fact.id);
      answeredParts += 1;
      items.push({ label: neutraliseUserText(part, 120), text: result.answer, quote: result.quote });
    } else if (!result.answered) {
      items.push({ label: neutraliseUserText(part, 120), text: 'The article doesn’t say.' });
    }
  }
  if (answeredParts < 2 && items.length < 2) return undefined;
  if (answeredParts === 0) return undefined;
  const first = [...shown][0] as string;
  return {
    kind: 'answer',
    title: question,
    body: `${parts.length} questions in one — each answered with the sentence it comes from:`,
    items,
    feedback: { factId: first },
    shownFactIds: [...shown],
  };
}

/**
 * "what was Globex's share price?": the nearest fact gives a percentage, not a price. The reply
 * says what the article gives and that it does not give the detail asked: an abstention, with the
 * fact offered.
 */
export function missingDetail(question: string, engine: QueryEngine): Reply0 | undefined {
  const result = engine.ask(question);
  // The engine withholds the nearest fact when it lacks the amount or the date asked for.
  if (result.answered || !result.withheld) return undefined;
  const { fact, quote, related, lacks } = result.withheld;
  let gives: string;
  if (lacks === 'amount') {
    const figures = fact.figures ?? [];
    const asked = /\b(?:price|priced|prices)\b/i.test(question) ? 'price' : 'amount';
    gives =
      figures.length > 0
        ? `The article gives the ${figures[0]?.unit === 'percent' ? 'percentage' : 'figure'} (${figures.map((f) => f.text).join(', ')}), not the ${asked}.`
        : `The article gives no ${asked}.`;
  } else if (lacks === 'reason') {
    gives = 'The article doesn’t say why.';
  } else if (lacks === 'time') {
    gives = fact.when
      ? `The article gives no time of day, only “${fact.when.label}”.`
      : 'The article gives no time of day.';
  } else if (typeof lacks === 'object' && 'names' in lacks) {
    gives = `The article gives the number (${lacks.names}), not the names.`;
  } else if (typeof lacks === 'object' && 'period' in lacks) {
    gives = `The article doesn’t say how often ${lacks.period}, only at the times it names.`;
  } else if (typeof lacks === 'object') {
    gives = `The article gives ${lacks.percentages.join(', ')}, but not as a share of ${lacks.whole}.`;
  } else {
    gives = fact.when
      ? `The article gives no calendar date, only “${fact.when.label}”.`
      : 'The article gives no date.';
  }
  return {
    kind: 'no_answer',
    title: question,
    body: `${gives} What it says: ${fact.statement}`,
    quote: { text: quote, story: engine.story.title },
    suggestions: related.map((f) => f.questions[0] as string),
    aboutFactId: fact.id,
  };
}

/** A place, platform or source something is asked to be in or on ("on Twitter", "in the US"), to the end. */
const PLACE_SLOT =
  /\b(on|in|at|from|via)\s+(?:the\s+|a\s+|an\s+|her\s+|his\s+|their\s+|its\s+)?([a-z][\w.'-]*(?:\s+[a-z][\w.'-]*)?)\s*(?:stuff|things?|too|either|right|really)?\W*$/i;
/** A reason put to the question ("over copyright stuff", "because of the price"), to the end. */
const REASON_SLOT =
  /\b(?:over|because of|due to|owing to|out of)\s+(?:the\s+|a\s+|some\s+)?([a-z][\w.'-]*(?:\s+[a-z][\w.'-]*)?)\s*(?:stuff|things?|issues?|reasons?|concerns?)?\W*$/i;
const ASKS_WH = /^(?:(?:so|ok|okay|and|but|wait)\W+)*(?:who|whom|whose|what|when|where|why|which|how)\b/i;

/**
 * "did Jane post it on Chirper?" of a post the article puts on another platform, "was the ban over
 * copyright?" of a ban it gives another reason for, "does Globex keep data in Ruritania?" of data it
 * says is kept elsewhere: a yes/no question whose one detail the article gives otherwise. The
 * question without that detail finds the fact, and the fact puts it elsewhere (a place or platform
 * named right after the same kind of word) or gives its reason: the fact, as the article says it.
 */
export function wrongDetail(question: string, engine: QueryEngine): Reply0 | undefined {
  if (ASKS_WH.test(question.trim())) return undefined;
  const whole = engine.ask(question);
  if (whole.answered) return undefined;
  const place = PLACE_SLOT.exec(question);
  const reason = place ? undefined : REASON_SLOT.exec(question);
  const slot = place ?? reason;
  if (!slot) return undefined;
  const detail = (place ? place[2] : reason?.[1]) as string;
  const rest = `${question.slice(0, slot.index).trim()}?`;
  const result = engine.ask(rest);
  if (!result.answered || result.hedged || result.fact.items?.length) return undefined;
  const fact = result.fact;
  const askedNames = engine.entitiesIn(detail).map((found) => found.entity);
  // The detail asked is a name, or words the article never uses ("Twitter", "copyright"): one it
  // speaks of elsewhere ("over budget concerns") may be part of the story untold here.
  const unknown = new Set(whole.unknownTerms.map((t) => t.toLowerCase()));
  const words = engine.analyser
    .normalise(detail)
    .split(' ')
    .filter((w) => w.length > 2 && !/^(?:the|and|stuff|things?|issues?|concerns?|reasons?)$/.test(w));
  if (askedNames.length === 0 && (words.length === 0 || !words.every((w) => unknown.has(w))))
    return undefined;
  let otherwise: boolean;
  if (place) {
    // A place or platform of the fact's, right after "on", "in", "at" …, that is not the one asked.
    const preposition = '(?:on|in|at|from|via)';
    otherwise = fact.entities.some((id) => {
      const entity = engine.story.entitiesById.get(id);
      if (!entity || (entity.kind !== 'place' && entity.kind !== 'product')) return false;
      if (askedNames.some((asked) => engine.lineage(asked.id).includes(id) || asked.id === id)) return false;
      // A name the question gives must be of the same kind ("in the US" against "in China").
      if (askedNames.length > 0 && !askedNames.some((asked) => asked.kind === entity.kind)) return false;
      const names = aliasPattern(entity);
      return new RegExp(`\\b${preposition}\\s+(?:\\S+\\s+)?(?:${names})\\b`, 'i').test(fact.quote);
    });
  } else otherwise = askedNames.length === 0 && givesReason(fact);
  if (!otherwise) return undefined;
  return factAnswer(
    question,
    `No — the article says otherwise: ${fact.statement}`,
    fact,
    engine,
    result.related,
  );
}

/** "is the navy allowed to use it", "can Ruritania still use it": whether someone may use a thing. */
const ALLOWED =
  /^(?:(?:so|ok|okay|and|but|wait)\W+)*(?:(?:is|are|was|were)\s+(.+?)\s+(?:allowed|permitted|able|free)\s+to|(?:can|could|may)\s+(.+?)(?:\s+still)?)\s+(?:use|download|access|run|install)\s+(.+?)\W*$/i;

/**
 * "is the navy allowed to use Widget?": No where the article says it has banned or blocked it. Only
 * a ban settles it; nothing else said of the two is taken for leave to use it.
 */
export function allowedCheck(question: string, engine: QueryEngine): Reply0 | undefined {
  const match = ALLOWED.exec(question.trim());
  if (!match) return undefined;
  const who = (match[1] ?? match[2]) as string;
  if (engine.entitiesIn(who).length === 0) return undefined;
  const result = engine.ask(`did ${who} ban ${match[3]}?`);
  if (!result.answered || result.verdict !== 'yes' || result.hedged) return undefined;
  return {
    kind: 'answer',
    title: question,
    body: `No — ${lowerFirstWord(result.fact.statement)}`,
    quote: { text: result.quote, story: engine.story.title },
    suggestions: result.related.map((f) => f.questions[0] as string),
    feedback: { factId: result.fact.id },
  };
}

/**
 * The things of an entity's kind, part of the same whole, that the article names in a fact beside
 * it: beside Ohio (a place in Ruritania) other places in Ruritania; beside Acme other companies.
 */
export function namedBeside(entity: Entity, engine: QueryEngine): Entity[] {
  const beside = new Map<string, Entity>();
  for (const fact of engine.story.facts) {
    if (!fact.entities.includes(entity.id)) continue;
    for (const id of fact.entities) {
      const other = engine.story.entitiesById.get(id);
      if (other && other.id !== entity.id && other.kind === entity.kind && other.parent === entity.parent)
        beside.set(other.id, other);
    }
  }
  return [...beside.values()];
}

const EXCLUDING =
  /\b(?:besides|beside|apart from|aside from|other than|except(?: for)?|in addition to|as well as)\s+(.+)$/i;
const EXCLUDING_WORDS =
  /\b(?:besides|beside|apart from|aside from|other than|except(?: for)?|in addition to|as well as)\b/gi;
const ASKS_OTHERS = /\b(?:other|others|another|else|more)\b/i;

/**
 * "did any other states ban Acme besides Ohio?": when the article names nothing of Ohio's kind beside
 * it, the honest reply is that it names no other, with what it says of Ohio; an abstention.
 */
export function othersBesides(question: string, engine: QueryEngine): Reply0 | undefined {
  const excluding = EXCLUDING.exec(question);
  if (!excluding || !ASKS_OTHERS.test(question.slice(0, excluding.index))) return undefined;
  const excluded = engine.entitiesIn(excluding[1] as string)[0]?.entity;
  if (!excluded || namedBeside(excluded, engine).length > 0) return undefined;
  const result = engine.ask(question.replace(EXCLUDING_WORDS, ' '));
  const none = `The article names no other besides ${excluded.name}.`;
  if (!result.answered)
    return {
      kind: 'no_answer',
      title: question,
      body: `${none} Here are the nearest questions it does answer:`,
      suggestions: result.suggestions.map((s) => s.question),
    };
  return {
    kind: 'no_answer',
    title: question,
    body: `${none} What it says: ${result.fact.statement}`,
    quote: { text: result.quote, story: engine.story.title },
    suggestions: result.related.map((f) => f.questions[0] as string),
    aboutFactId: result.fact.id,
  };
}

const ONLY_ONE =
  /^(?:(?:wait|so|ok|okay|and|but)\W+)*(?:is|was|are|were) (.+?) the only (one|ones)(?: (?:that|who|which))? (.+?)\W*$/i;

/** "who runs X", "who heads X", "who's in charge of X", "who is the boss of X". */
const ASKS_LEADER =
  /^(?:(?:so|ok|okay|and|but|hey)\W+)*who(?:['’]?s| is| was)?\s+(?:runs|running|ran|heads|heading|leads|leading|manages|managing|chairs|in charge\b|the (?:head|boss|leader|chief) (?:of|at)\b)/i;
/** A role that leads what it belongs to: not a vice-president's or a member's. */
const LEADER_ROLE =
  /\b(?:ceo|chief executive|chair(?:man|woman|person)?|(?<![Vv]ice[- ])president|head|leader|mayor|governor|boss)\b/i;

/** Whether a question asks who leads something ("who runs X", "who's in charge of X"). */
export function asksLeader(question: string): boolean {
  return ASKS_LEADER.test(question.trim());
}

/**
 * "who runs the authority": the person the article gives a leading role in it (its chief executive,
 * its chair, a place's mayor); when the article names none, says it doesn't say, rather than
 * answer with what the body does.
 */
export function leaderOf(question: string, engine: QueryEngine): Reply0 | undefined {
  if (!asksLeader(question)) return undefined;
  const named = engine
    .entitiesIn(question)
    .map((found) => found.entity)
    .filter((e) => e.kind !== 'person' && e.kind !== 'product');
  const body = named[0];
  if (!body || named.length > 1) return undefined;
  const names = [body.name, ...body.aliases].map((n) => escapeRegExp(n.toLowerCase())).join('|');
  const leads = (person: Entity) =>
    (person.parent === body.id && LEADER_ROLE.test(person.role)) ||
    new RegExp(`\\b(?:led|leads|heads|chairs|runs)\\s+(?:the\\s+)?(?:${names})\\b`).test(
      person.role.toLowerCase(),
    );
  const leader = engine.story.entities.find((e) => e.kind === 'person' && leads(e));
  if (!leader) {
    return {
      kind: 'no_answer',
      title: question,
      body: `The article doesn’t say who leads ${body.name}. Here are the nearest questions it does answer:`,
      suggestions: engine.suggestionsAbout([body]).map((s) => s.question),
    };
  }
  const facts = engine.story.facts.filter((f) => f.entities.includes(leader.id) || f.speaker === leader.id);
  const fact = facts.find((f) => LEADER_ROLE.test(f.quote)) ?? facts[0];
  return {
    kind: 'answer',
    title: question,
    body: `${leader.name}, ${leader.role}.`,
    ...(fact
      ? { quote: { text: fact.quote, story: engine.story.title }, feedback: { factId: fact.id } }
      : {}),
  };
}

/** "how many years between X and Y", "how long from X to Y": the time between two events asked. */
const BETWEEN =
  /\b(?:how (?:long|many (?:years|months|weeks|days)|much time)|time|gap)\b.*?\b(?:between\s+(.+?)\s+and|from\s+(.+?)\s+(?:to|until|till|and))\s+(.+?)\s*[?.!]*$/i;

/**
 * "how many years between the launch and the first sale": two dated facts give the
 * time between, computed from the article's dates (to the month when both give one). When either
 * has no calendar date, says so.
 */
export function timeBetween(question: string, engine: QueryEngine): Reply0 | undefined {
  const match = BETWEEN.exec(question);
  if (!match) return undefined;
  const sides = [(match[1] ?? match[2]) as string, match[3] as string];
  const results = sides.map((side) => engine.ask(`when ${side}`));
  const facts = results.flatMap((r) => (r.answered && r.fact.when ? [r.fact] : []));
  const [first, second] = facts as [Fact, Fact];
  if (facts.length < 2 || first.id === second.id) return undefined;
  const items = facts.map((f) => ({ text: f.statement, quote: f.quote }));
  const undated = facts.find((f) => !f.when?.iso);
  if (undated)
    return {
      kind: 'no_answer',
      title: question,
      body: `The article gives no calendar date for one of them, only “${undated.when?.label}”, so the time between cannot be worked out from it. What it says:`,
      items,
      aboutFactId: undated.id,
    };
  const [[yearA, monthA], [yearB, monthB]] = facts.map((f) => (f.when?.iso ?? '').split('-').map(Number)) as [
    number[],
    number[],
  ];
  const months =
    monthA && monthB ? Math.abs(((yearB as number) - (yearA as number)) * 12 + (monthB - monthA)) : undefined;
  const years =
    months === undefined ? Math.abs((yearB as number) - (yearA as number)) : Math.round(months / 12);
  const span =
    months !== undefined && months < 24
      ? `${months} month${months === 1 ? '' : 's'}`
      : `${months !== undefined && months % 12 === 0 ? '' : 'About '}${years} year${years === 1 ? '' : 's'}`;
  return {
    kind: 'answer',
    title: question,
    body: `${capitalise(span)}, computed from the article’s dates: ${first.when?.label} and ${second.when?.label}.`,
    items,
    feedback: { factId: first.id },
    shownFactIds: [first.id, second.id],
  };
}

/** A gap between two figures asked: "how much more", "how many minutes longer", "how much time does it save". */
const GAP_ASKED =
  /\bhow (?:much|many)\s+(?:[a-z]+\s+)?(?:more|less|fewer|longer|shorter|cheaper|bigger|higher|lower|faster|quicker|slower)\b|\bhow much (?:time|money)\s+(?:[a-z]+\s+){0,4}?(?:save|saves|saved|saving)\b/i;
/** Between "how much more" and "than": nothing but "it" and the verbs around it ("is it", "does it cost"). */
const ONLY_IT =
  /^(?:\s*\b(?:is|are|was|were|does|do|did|will|would|it|this|that|the|whole|thing|project|going|to|be|cost|costs|now)\b)*\s*$/i;
/** What a gap is measured against: "than the first estimate", "vs the bus". */
const GAP_AGAINST = /\b(?:than|vs\.?|versus|compared (?:to|with))\s+(.+?)\s*[?.!]*$/i;

/** A gap between two figures in the figures' own terms: "$74 million", "24 minutes", "3 percentage points". */
function gapText(gap: number, like: Figure): string {
  const rounded = (n: number) => String(Math.round(n * 10) / 10);
  switch (like.unit) {
    case 'usd':
      return gap >= 1e9
        ? `$${rounded(gap / 1e9)} billion`
        : gap >= 1e6
          ? `$${rounded(gap / 1e6)} million`
          : `$${rounded(gap)}`;
    case 'percent':
      return `${rounded(gap)} percentage points`;
    case 'count':
      return `${rounded(gap)} ${like.counts?.split(' ').at(-1) ?? ''}`.trim();
    default:
      return `${rounded(gap)} ${like.unit}`;
  }
}

/**
 * "how much time does the tram save vs the bus", "how much more is it than the first estimate": the
 * gap between two figures in the same terms, computed from the article's figures — both in the
 * fact found, or the one asked against and the same figure of the thing asked about (the story's
 * main subject when the question names none), where the two facts share a topic.
 */
export function figureGap(question: string, engine: QueryEngine): Reply0 | undefined {
  if (!GAP_ASKED.test(question)) return undefined;
  const result = engine.ask(question);
  if (!result.answered) return undefined;
  const found = result.fact;
  const [first] = found.figures ?? [];
  if (!first) return undefined;
  const alike = figuresAlike(first, found);
  let pair: { figures: [Figure, Figure]; facts: Fact[] } | undefined;
  if (alike.length === 2 && alike.length === found.figures?.length)
    pair = { figures: alike as [Figure, Figure], facts: [found] };
  else {
    // The figure asked against is the one "how much <it>" finds, whichever fact the whole question found.
    const against = GAP_AGAINST.exec(question);
    const over = against ? engine.ask(`how much ${against[1]}`) : undefined;
    const base = over?.answered ? over.fact : undefined;
    const baseFigure = base?.figures?.length === 1 ? base.figures[0] : undefined;
    if (!against || !base || !baseFigure) return undefined;
    // The thing asked about is a name before "than", or, when only "it" stands there ("how much more
    // is it than …"), the story's main subject; a thing named otherwise ("the state grant") is not
    // worked out here.
    const before = question.slice(0, against.index);
    const named = engine.entitiesIn(before)[0]?.entity;
    const gap = GAP_ASKED.exec(before);
    const asked = gap ? before.slice(gap.index + gap[0].length) : before;
    if (!named && !ONLY_IT.test(asked)) return undefined;
    const subject = named ?? mainSubject(engine);
    const own = engine.story.facts.find(
      (f) =>
        f.id !== base.id &&
        f.entities[0] === subject?.id &&
        f.figures?.length === 1 &&
        figuresAlike(baseFigure, f).length === 1 &&
        f.topics.some((t) => base.topics.includes(t)),
    );
    const figure = own?.figures?.[0];
    if (own && figure) pair = { figures: [figure, baseFigure], facts: [own, base] };
  }
  if (!pair) return undefined;
  const [a, b] = pair.figures;
  const gap = Math.abs(a.value - b.value);
  const about = a.qualifier !== 'exact' || b.qualifier !== 'exact';
  // Of two facts, the first is the thing asked about: its figure is more or less than the other.
  const side = pair.facts.length === 2 ? (a.value >= b.value ? ' more' : ' less') : '';
  return {
    kind: 'answer',
    title: question,
    body: `${about ? 'About ' : ''}${gapText(gap, a)}${side}, computed from the article’s figures: ${a.text} and ${b.text}.`,
    items: pair.facts.map((f) => ({ text: f.statement, quote: f.quote })),
    feedback: { factId: found.id },
    shownFactIds: pair.facts.map((f) => f.id),
  };
}

/** The entity most of the story's facts name first: what "it" is when a question names nothing. */
function mainSubject(engine: QueryEngine): Entity | undefined {
  const counts = new Map<string, number>();
  for (const fact of engine.story.facts) {
    const [id] = fact.entities;
    if (id) counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  const [top] = [...counts].sort((x, y) => y[1] - x[1]);
  return top ? engine.story.entitiesById.get(top[0]) : undefined;
}

const LARGEST = /\b(?:biggest|largest|most|highest|greatest)\b/i;
const SMALLEST = /\b(?:smallest|least|lowest|fewest|tiniest)\b/i;
/** The superlative and the word for a part after it ("the biggest chunk"), which the facts never use. */
const SUPERLATIVE =
  /\b(?:the\s+)?(?:biggest|largest|most|highest|greatest|smallest|least|lowest|fewest|tiniest)(?:\s+(?:chunk|share|part|portion|piece|slice|bit|one|amount))?\b/gi;

/**
 * "which donor gives the most", "the smallest of the three": a list whose every item
 * carries a figure in the same unit answers with its largest (or smallest) item and figure, against
 * the others.
 */
export function extremeOf(question: string, engine: QueryEngine): Reply0 | undefined {
  const [most, least] = [LARGEST.test(question), SMALLEST.test(question)];
  if (most === least) return undefined;
  // "the smallest of the three sources": how many there are only frames the question.
  const asked = question
    .replace(SUPERLATIVE, ' ')
    .replace(
      /\b(?:of\s+)?(?:the|these|those|its|their)\s+(?:two|three|four|five|six|seven|eight|nine|ten|\d+)\b/gi,
      ' the ',
    )
    .replace(/\s+/g, ' ')
    .trim();
  const result = engine.ask(asked);
  if (!result.answered) return undefined;
  // Each item's figure: the one whose words the item's label holds.
  const carriedBy = (fact: Fact) =>
    (fact.items ?? []).map((item) => (fact.figures ?? []).find((f) => item.label.includes(f.text)));
  // The list itself, or one beside the fact found ("the biggest chunk of the budget": the budget's sources).
  const fact = [result.fact, ...result.related].find((f) => {
    const carried = carriedBy(f);
    return carried.length >= 2 && carried.every((c) => c && c.unit === carried[0]?.unit);
  });
  if (!fact) return undefined;
  const carried = carriedBy(fact);
  const ranked = [...(carried as NonNullable<Fact['figures']>)].sort((a, b) =>
    most ? b.value - a.value : a.value - b.value,
  );
  const [top, ...others] = ranked as [NonNullable<Fact['figures']>[number], ...NonNullable<Fact['figures']>];
  if (others.some((f) => f.value === top.value)) return undefined;
  const name = (f: (typeof ranked)[number]) => f.subject ?? f.label;
  const rest = others.map((f) => `${f.text} (${name(f)})`);
  return factAnswer(
    question,
    `${capitalise(name(top))} is the ${most ? 'largest' : 'smallest'}: ${top.text}, against ${rest.slice(0, -1).join(', ')}${rest.length > 1 ? ' and ' : ''}${rest.at(-1)}. ${fact.statement}`,
    fact,
    engine,
  );
}

function capitalise(text: string): string {
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}`;
}

/**
 * "is Ohio the only one banning Acme?": the question without the name, asked whole; a fact that
 * names others beside it answers No with them; one that names it alone, Yes.
 */
export function onlyOne(question: string, engine: QueryEngine): Reply0 | undefined {
  const match = ONLY_ONE.exec(question.trim());
  const found = match && namedAndAnswered(match[1] as string, `who is ${match[3]}`, engine);
  if (!found) return undefined;
  const { subject, result } = found;
  const fact = result.fact;
  // Only a list of the things that do it settles it: another of its items is another one.
  const items = fact.items ?? [];
  const names = [subject.name, ...subject.aliases].map((n) => n.toLowerCase());
  const isSubject = (item: { label: string }) => names.some((n) => item.label.toLowerCase().includes(n));
  if (!items.some(isSubject) || !items.some((item) => !isSubject(item))) return undefined;
  return factAnswer(question, `No — ${fact.statement}`, fact, engine, result.related);
}

const FIRST_ONE =
  /^(?:(?:wait|so|ok|okay|and|but)\W+)*(?:is|was|were|are) (.+?) the first(?: one| ones)?(?: (?:to|that|who|which))? (.+?)\W*$/i;

/**
 * "is Ohio the first to ban Acme?": a list of those that did it, which Ohio "joined", names others
 * before it: No, with the list. Nothing when the article does not say it joined others.
 */
export function firstOne(question: string, engine: QueryEngine): Reply0 | undefined {
  const match = FIRST_ONE.exec(question.trim());
  const found = match && namedAndAnswered(match[1] as string, `who did ${match[2]}`, engine);
  if (!found) return undefined;
  const { subject, result } = found;
  const fact = result.fact;
  const names = aliasPattern(subject);
  const joined = new RegExp(`\\b(?:${names})\\b[^.;:]{0,20}\\bjoin(?:ed|s)?\\b`, 'i');
  const others = (fact.items ?? []).length > 0;
  if (!others || !(joined.test(fact.statement) || joined.test(fact.quote))) return undefined;
  return factAnswer(question, `No — ${lowerFirstWord(fact.statement)}`, fact, engine, result.related);
}

/**
 * The thing a question names ("is Ohio the only one …") and the engine's sure answer to what it asks
 * of it, asked without the name ("who is banning Acme"); nothing when either is missing.
 */
function namedAndAnswered(
  named: string,
  asked: string,
  engine: QueryEngine,
): { subject: Entity; result: Extract<EngineResult, { answered: true }> } | undefined {
  const subject = engine.entitiesIn(named)[0]?.entity;
  if (!subject) return undefined;
  const result = engine.ask(asked);
  return result.answered && !result.hedged ? { subject, result } : undefined;
}

/**
 * An answer resting on one fact: the body, the fact's quote and feedback on it, and the questions
 * related to it when there are some to offer.
 */
function factAnswer(
  question: string,
  body: string,
  fact: Fact,
  engine: QueryEngine,
  related?: Fact[],
): Reply0 {
  return {
    kind: 'answer',
    title: question,
    body,
    quote: { text: fact.quote, story: engine.story.title },
    ...(related ? { suggestions: related.map((f) => f.questions[0] as string) } : {}),
    feedback: { factId: fact.id },
  };
}

/** A statement after "No — ": its first word lower-cased unless it is a name. */
function lowerFirstWord(statement: string): string {
  return /^(?:The|A|An|Several|Many)\b/.test(statement)
    ? statement.charAt(0).toLowerCase() + statement.slice(1)
    : statement;
}

/** A question opening with "is"/"was"/"are"/"were", after chat openers ("wait is…", "so are…"). */
const IS_QUESTION = /^(?:(?:wait|so|ok|okay|hmm|and|but)\W+)*(?:is|was|are|were)\b/;

/** Whether `text` has `name` as a whole word (`flags` 'iu' for any case). */
function hasName(text: string, name: string, flags = 'u'): boolean {
  return new RegExp(`(?<![\\p{L}])${escapeRegExp(name)}(?![\\p{L}])`, flags).test(text);
}

/**
 * The two things an is-question names ("is Globex Ruritanian?", "wait is Old Town in Northside?"),
 * in order, when nothing else stands in it but `fillers`; undefined otherwise.
 */
function twoNamedAlone(question: string, engine: QueryEngine, fillers: Set<string>) {
  const text = question.toLowerCase().replace(/’/g, "'");
  if (!IS_QUESTION.test(text)) return undefined;
  const found = engine.entitiesIn(question);
  if (found.length !== 2) return undefined;
  const [first, second] = found as [(typeof found)[0], (typeof found)[0]];
  const rest = text
    .replace(IS_QUESTION, ' ')
    .replace(first.surface.toLowerCase(), ' ')
    .replace(second.surface.toLowerCase(), ' ')
    .split(/[^a-z0-9]+/)
    .filter((w) => w !== '' && !fillers.has(w));
  return rest.length === 0 ? ([first.entity, second.entity] as const) : undefined;
}

/** Words that may stand around "is Globex Ruritanian?" without changing what it asks. */
const ORIGIN_FILLER = new Set(
  'a an the really actually even truly from based in of company firm startup business wait so ok okay hmm and but then'.split(
    ' ',
  ),
);

/**
 * "is Globex Ruritanian?", "wait is Initech American?": whether a company or person is of a place,
 * settled by the role the article gives them ("a Ruritania-based company"), or by the place they
 * belong to; a fact that merely names both does not settle it. Yes, or No with the role it gives.
 */
export function originCheck(question: string, engine: QueryEngine): Reply0 | undefined {
  const named = twoNamedAlone(question, engine, ORIGIN_FILLER);
  if (!named) return undefined;
  const [subject, asked] = named;
  if (subject.kind === 'place' || asked.kind !== 'place') return undefined;
  const places = engine.story.entities.filter((e) => e.kind === 'place');
  const names = (place: (typeof places)[0]) => [place.name, ...place.aliases];
  const said = (place: (typeof places)[0]) => names(place).some((name) => hasName(subject.role, name));
  // The places the article says the subject is of: in its role, or the wholes it belongs to.
  const lineage = engine.lineage(subject.id);
  const origins = places.filter((place) => said(place) || lineage.includes(place.id));
  if (origins.length === 0) return undefined;
  // The places a place lies in: its parent, and those its role names ("a Ruritanian city").
  const around = (place: (typeof places)[0]): string[] => [
    ...(place.parent ? [place.parent] : []),
    ...places
      .filter((p) => p.id !== place.id && names(p).some((n) => place.role.includes(n)))
      .map((p) => p.id),
  ];
  // Of the place asked, or of one within it (a city of the country asked): Yes. Of a place that holds
  // the one asked (the city, asked of one district): the article does not settle it.
  const holds = origins.some((o) => o.id === asked.id || around(o).includes(asked.id));
  if (!holds && around(asked).some((id) => origins.some((o) => o.id === id))) return undefined;
  // The quote that says it: a place's name just before the subject's, in one phrase ("Ruritanian
  // firm Globex"), or just after it ("Globex, the Ruritanian firm"); else none is shown.
  const says = (quote: string) =>
    origins.some((o) =>
      names(o).some((n) =>
        [subject.name, ...subject.aliases].some((a) => {
          const at = quote.indexOf(a);
          const place = quote.indexOf(n);
          if (at === -1 || place === -1) return false;
          const between = place < at ? quote.slice(place + n.length, at) : quote.slice(at + a.length, place);
          return between.length < 30 && (place > at || !/[,;.“”"]/.test(between));
        }),
      ),
    );
  const fact = engine.story.facts.find((f) => f.entities.includes(subject.id) && says(f.quote));
  const body = holds
    ? `Yes — the article calls ${subject.name} ${withArticle(subject.role)}.`
    : `No — the article calls ${subject.name} ${withArticle(subject.role)}; it does not place it in ${asked.name}.`;
  return {
    kind: 'answer',
    title: question,
    body,
    ...(fact
      ? { quote: { text: fact.quote, story: engine.story.title }, feedback: { factId: fact.id } }
      : {}),
  };
}

const KIND_OF =
  /^(?:(?:so|ok|okay|and|but)\W+)*what (?:kind|type|sort) of (?:an? )?[a-z]+(?: [a-z]+)? (?:is|was|are|were) (.+?)\W*$/i;

/**
 * "what kind of company is Initech?": what the article calls it (its role: "the leading chipmaker"),
 * with a sentence that says so, else the first that names it.
 */
export function kindOf(question: string, engine: QueryEngine): Reply0 | undefined {
  const match = KIND_OF.exec(question.trim());
  if (!match) return undefined;
  // Of a thing named alone ("what kind of services is Globex betting on" asks of the services).
  const found = engine.entitiesIn(match[1] as string);
  const entity = found[0]?.entity;
  const alone = engine.analyser.normalise(match[1] as string).replace(/^(?:the|a|an)\s+/, '');
  if (!entity || found.length !== 1 || !entity.role || alone !== found[0]?.surface) return undefined;
  const roleWords = entity.role
    .toLowerCase()
    .split(/[^a-z]+/)
    .filter((w) => w.length > 3);
  // Only what the article itself says of it: a sentence naming it that holds most of its role's words.
  const says = (f: Fact) =>
    roleWords.filter((w) => f.quote.toLowerCase().includes(w)).length * 2 >= roleWords.length;
  const fact = engine.story.facts.find((f) => f.entities.includes(entity.id) && says(f));
  if (!fact || roleWords.length === 0) return undefined;
  return factAnswer(question, `The article calls ${entity.name} ${withArticle(entity.role)}.`, fact, engine);
}

const MAKER_VERBS = 'owns|owned|makes|made|builds|built|develops|developed|creates|created';
const WHO_MAKES = new RegExp(`^who\\s+(?:${MAKER_VERBS}|is behind|was behind)\\s+(.+?)\\W*$`);
const IS_MADE_BY = new RegExp(`^(?:is|was)\\s+(.+?)\\s+(?:${MAKER_VERBS})\\s+by\\s+(.+?)\\W*$`);
const DOES_MAKE = /^(?:does|did)\s+(.+?)\s+(?:own|make|build|develop|create)\s+(.+?)\W*$/;

/**
 * "who makes Widget?", "is Widget owned by Initech?", "does Initech own Widget?": whose a product
 * is, settled by the company the article ties it to (its parent) and a fact naming both: the maker,
 * or Yes, or No with what the article calls it. Nothing for a product the article ties to no one.
 */
export function makerCheck(question: string, engine: QueryEngine): Reply0 | undefined {
  const text = question.toLowerCase().replace(/’/g, "'").trim();
  const who = WHO_MAKES.exec(text);
  const isMade = IS_MADE_BY.exec(text);
  const does = DOES_MAKE.exec(text);
  const [productText, makerText] = who
    ? [who[1] as string, undefined]
    : isMade
      ? [isMade[1] as string, isMade[2] as string]
      : does
        ? [does[2] as string, does[1] as string]
        : [undefined, undefined];
  if (productText === undefined) return undefined;
  const found = engine.entitiesIn(productText);
  const product = found[0]?.entity;
  if (!product || found.length !== 1 || product.kind !== 'product' || !product.parent) return undefined;
  const maker = engine.story.entitiesById.get(product.parent);
  const asked = makerText === undefined ? undefined : engine.entitiesIn(makerText);
  if (!maker || (asked !== undefined && asked.length !== 1)) return undefined;
  const fact = engine.story.facts.find(
    (f) => f.entities.includes(product.id) && f.entities.includes(maker.id),
  );
  if (!fact) return undefined;
  const calls = `the article calls ${product.name} ${withArticle(product.role)}`;
  const askedMaker = asked?.[0]?.entity;
  const body = !askedMaker
    ? `${maker.name} — ${calls}.`
    : engine.lineage(product.id).includes(askedMaker.id)
      ? `Yes — ${calls}.`
      : `No — ${calls}; it does not tie it to ${askedMaker.name}.`;
  return factAnswer(question, body, fact, engine);
}

const WITHIN_WORDS = new Set(
  'in inside within part of located situated a an the really actually even wait so ok okay hmm and but then'.split(
    ' ',
  ),
);

/**
 * "is Old Town in Northside?": whether one place the article names lies in another, settled only by
 * the wholes the article places it in (its parent, or a place its role names): Yes, or not answered
 * (never Yes because some fact names both).
 */
export function placeWithin(question: string, engine: QueryEngine): Reply0 | undefined {
  if (!/\b(?:in|inside|within|part of)\b/i.test(question)) return undefined;
  const places = twoNamedAlone(question, engine, WITHIN_WORDS);
  if (!places) return undefined;
  const [subject, asked] = places;
  if (subject.kind !== 'place' || asked.kind !== 'place') return undefined;
  const lineage = engine.lineage(subject.id);
  const named = [asked.name, ...asked.aliases].some((n) => hasName(subject.role, n, 'iu'));
  const fact = engine.story.facts.find((f) => f.entities.includes(subject.id));
  const quote = fact ? { quote: { text: fact.quote, story: engine.story.title } } : {};
  if (lineage.includes(asked.id) || named)
    return {
      kind: 'answer',
      title: question,
      body: `Yes — the article places ${subject.name} in ${asked.name}: ${withArticle(subject.role)}.`,
      ...quote,
      ...(fact ? { feedback: { factId: fact.id } } : {}),
    };
  return {
    kind: 'no_answer',
    title: question,
    body: `The article doesn’t say that ${subject.name} is in ${asked.name}; it calls ${subject.name} ${withArticle(subject.role)}.`,
    ...quote,
    suggestions: engine.featuredSuggestions().map((s) => s.question),
  };
}

/** "a Ruritania-based company", "an AI lab"; a role that names its holder alone ("the city's council") as it is. */
function withArticle(role: string): string {
  // "Globex's latest model" takes none.
  if (/^(?:the|a|an)\s/i.test(role) || /^\S+['’]s\s/.test(role)) return role;
  return `${/^[aeiou]/i.test(role) ? 'an' : 'a'} ${role}`;
}

/**
 * "is she the CEO?", "was Jane Doe Globex's founder?": a yes/no question whether a person the article
 * names holds a title, settled by the role the article gives them: Yes, or No with the role it gives.
 */
export function roleCheck(question: string, engine: QueryEngine): Reply0 | undefined {
  const text = question.toLowerCase().replace(/’/g, "'");
  if (!/^(?:is|was|isn't|wasnt|wasn't|isnt)\b/.test(text)) return undefined;
  const title = TITLES.find(([asked]) => asked.test(text));
  if (!title) return undefined;
  const people = engine.entitiesIn(question).filter((found) => found.entity.kind === 'person');
  const person = people[0]?.entity;
  // The title must be asked of the person, not be the words that named them ("the Globex VP").
  if (!person || people.length > 1 || title[0].test(people[0]?.surface ?? '')) return undefined;
  const fact =
    engine.story.facts.find((f) => f.speaker === person.id) ??
    engine.story.facts.find((f) => f.entities.includes(person.id));
  if (!fact) return undefined;
  const asked = title[0].exec(text)?.[0] ?? '';
  // "is Jane Doe Ruritania's governor", "… the governor of Ruritania": whose title is asked too.
  const at = title[0].exec(text)?.index ?? -1;
  const owner =
    /([a-z][\w.-]*)(?:'s|s')\s+(?:\S+\s+)?$/.exec(text.slice(0, at))?.[1] ??
    /^\s+of\s+(?:the\s+)?([a-z][\w.-]*)/.exec(text.slice(at + asked.length))?.[1];
  const ownerNamed =
    owner === undefined ||
    new RegExp(`\\b${escapeRegExp(owner)}\\b`, 'i').test(`${person.role} ${person.aliases.join(' ')}`) ||
    engine.entitiesIn(owner).some((found) => engine.lineage(person.id).includes(found.entity.id));
  const holds =
    ownerNamed && [person.role, ...person.aliases].some((role) => title[1].test(role.toLowerCase()));
  const said = /^[a-z]{2,3}$/.test(asked) ? asked.toUpperCase() : asked;
  const body = holds
    ? `Yes — the article calls ${person.name} ${person.role}.`
    : `No — the article calls ${person.name} ${person.role}, not ${ownerNamed ? said : `${capitalise(owner as string)}’s ${said}`}.`;
  return factAnswer(question, body, fact, engine);
}
