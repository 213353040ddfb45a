import type { Reply } from '../core/reply.ts';
import type { QueryEngine } from '../engine/engine.ts';
import type { Fact } from '../knowledge/schema.ts';
import type { Detail, FollowUp } from './follow-ups.ts';

/** How sure a follow-up answer about the last fact is: the reference is resolved, the detail read from data. */
const FOLLOW_UP_CONFIDENCE = 0.9;

function answerWith(
  engine: QueryEngine,
  fact: Fact,
  body: string,
  title: string,
  resolvedQuestion: string,
  visibility: Reply['visibility'],
): Reply {
  const related = engine.ask(fact.questions[0] as string);
  return {
    kind: 'answer',
    title,
    body,
    quote: { text: fact.quote, story: engine.story.title },
    confidence: FOLLOW_UP_CONFIDENCE,
    suggestions: related.answered ? related.related.map((f) => f.questions[0] as string) : [],
    feedback: { factId: fact.id },
    resolvedQuestion,
    visibility,
  };
}

const MISSING: Record<Detail, string> = {
  'who-said': 'The article doesn’t say who said it: it reports it without naming anyone.',
  true: 'The article doesn’t say whether it is true.',
  when: 'The article doesn’t say when.',
  where: 'The article doesn’t say where.',
  'how-much': 'The article gives no figure for it.',
  why: 'The article doesn’t say why.',
  others: 'The article names no others.',
  named: 'The article doesn’t name them.',
  outcome: 'The article doesn’t answer that: it leaves the question open.',
  examples: 'The article gives no examples.',
  source: 'The article doesn’t say who reported it.',
  effect: 'The article doesn’t say what it did.',
  aim: 'The article doesn’t say.',
};

const QUESTION_OF: Record<Detail, string> = {
  'who-said': 'Who said that',
  true: 'Is it true that',
  when: 'When did it happen that',
  where: 'Where did it happen that',
  'how-much': 'How much, given that',
  why: 'Why is it that',
  others: 'Are there others besides',
  named: 'Which are meant in',
  outcome: 'What is the answer to',
  examples: 'What are examples of',
  source: 'Who reported that',
  effect: 'What came of it that',
  aim: 'What is meant by',
};

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

/**
 * The reply to a follow-up that is about the last answer itself, or refers to nothing; undefined when
 * the follow-up is to be asked as a (rewritten) question instead.
 */
export function followUpReply(
  followUp: FollowUp,
  engine: QueryEngine,
  title: string,
  visibility: Reply['visibility'],
  commandName: string,
): Reply | undefined {
  const featured = () => engine.featuredSuggestions().map((s) => s.question);
  switch (followUp.kind) {
    case 'none':
    case 'rewrite':
      return undefined;
    case 'unresolved':
      return {
        kind: 'no_answer',
        title,
        body: `What does “that” refer to? Ask me a whole question first (or /${commandName} help), for example:`,
        suggestions: featured(),
        visibility,
      };
    case 'more': {
      const all = followUp.listed
        ? `That is all the article lists: ${joinList(followUp.listed)}.`
        : undefined;
      if (!followUp.fact && all)
        return {
          kind: 'answer',
          title,
          body: all,
          quote: { text: followUp.after.quote, story: engine.story.title },
          confidence: FOLLOW_UP_CONFIDENCE,
          suggestions: featured(),
          feedback: { factId: followUp.after.id },
          visibility,
        };
      if (!followUp.fact)
        return {
          kind: 'no_answer',
          title,
          body: 'That is all the article says about it. You could ask:',
          suggestions: featured(),
          visibility,
        };
      const { fact, besides } = followUp;
      const body = besides
        ? `Besides ${joinList(besides.asked)}, the article names ${joinList(besides.rest)}. ${fact.statement}`
        : all
          ? `${all} It also says: ${fact.statement}`
          : fact.statement;
      return answerWith(engine, fact, body, title, fact.questions[0] as string, visibility);
    }
    case 'about': {
      const { fact, asks, answer } = followUp;
      const resolved = `${QUESTION_OF[asks]} ${lowerFirst(fact.statement).replace(/[.?]$/, '')}?`;
      if (answer === undefined) {
        // The detail asked for is not in the article: say so, and what it does give (an abstention).
        return {
          kind: 'no_answer',
          title,
          body: `${MISSING[asks]} What it does say: ${fact.statement}`,
          quote: { text: fact.quote, story: engine.story.title },
          suggestions: featured(),
          resolvedQuestion: resolved,
          aboutFactId: fact.id,
          visibility,
        };
      }
      return answerWith(engine, fact, bodyFor(asks, answer, fact, engine), title, resolved, visibility);
    }
  }
}

function bodyFor(asks: Detail, answer: string, fact: Fact, engine: QueryEngine): string {
  switch (asks) {
    case 'who-said':
      if (fact.speaker) return `${answer} said it: ${fact.statement}`;
      if (fact.stance === 'denied') return `${answer} denied it: ${fact.statement}`;
      return `It is ${answer}’s claim: ${fact.statement}`;
    case 'true': {
      const by = fact.claimedBy
        ? (engine.story.entitiesById.get(fact.claimedBy)?.name ?? fact.claimedBy)
        : 'someone';
      if (answer === 'claimed')
        return `The article reports it as ${by}’s claim, without confirming it: ${fact.statement}`;
      if (answer === 'open') return `The article leaves it open: ${fact.statement}`;
      // "is that confirmed?" of a denial asks about what was denied.
      if (answer === 'denied') return `No — the article reports it denied: ${fact.statement}`;
      return `Yes — the article reports it: ${fact.statement}`;
    }
    case 'when':
      return `${answer.charAt(0).toUpperCase()}${answer.slice(1)}: ${fact.statement}`;
    case 'how-much':
      return `${answer}: ${fact.statement}`;
    case 'where':
      return `${answer}: ${fact.statement}`;
    case 'examples':
      return `The article gives ${answer}: ${fact.statement}`;
    case 'source':
      return `${answer} reported it: ${fact.statement}`;
    case 'why':
    case 'others':
    case 'named':
    case 'outcome':
    case 'effect':
    case 'aim':
      return fact.statement;
  }
}

/** "a, b and c". */
export function joinList(items: readonly string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}
