import { z } from 'zod';
import {
  allowedCheck,
  bareTopic,
  comparison,
  eachNamed,
  extremeOf,
  figureGap,
  firstOne,
  kindOf,
  leaderOf,
  makerCheck,
  missingDetail,
  movedFigures,
  multiPart,
  onlyOne,
  originCheck,
  othersBesides,
  placeWithin,
  roleCheck,
  timeBetween,
  topicSummary,
  wrongDetail,
} from '../src/conversation/compound.ts';
import { followUpReply } from '../src/conversation/follow-up-replies.ts';
import { readFollowUp } from '../src/conversation/follow-ups.ts';
import { defineCommand } from '../src/core/command.ts';
import type { Reply } from '../src/core/reply.ts';
import { neutraliseUserText } from '../src/core/safe-text.ts';
import { summaryReply } from '../src/core/summary.ts';
import { coreQuestion } from '../src/engine/chatter.ts';
import type { EngineResult, QueryEngine } from '../src/engine/engine.ts';
import { MAX_QUESTION_LENGTH, normaliseText } from '../src/engine/normalise.ts';
import { tenantOf } from '../src/insights/store.ts';
import { givesReason } from '../src/knowledge/lookup.ts';
import { helpReply } from './help.ts';

const MAX_UNKNOWN_TERMS_SHOWN = 3;
const ASKS_FOR_SUMMARY =
  /\b(summary|summari[sz]e|gist|tl;?dr|overview|recap|rundown|what(?:'|’)?s (?:this|the|it) (?:article |story |all )?about|what is (?:this|the) (?:article|story|news)(?: all)? about)\b/i;

/** Advice asked for: "should I buy …", "is it worth buying", "buy or sell". */
const ASKS_ADVICE =
  /\bshould (?:i|we|you|u)\b|\bworth (?:buying|selling|investing)\b|\bgood (?:investment|buy)\b|\bbuy or sell\b|\bsell or buy\b/i;

export const askCommand = defineCommand({
  name: 'ask',
  description: 'Ask a question about the story; the answer quotes the article',
  examples: ['ask what happened?', 'ask private who said it?'],
  // The story's featured questions, one of them privately.
  storyExamples: (story) => {
    const questions = story.featuredFactIds
      .map((id) => story.factsById.get(id)?.questions[0])
      .filter((q): q is string => q !== undefined);
    const [first, second] = questions;
    return [first ? `ask ${first}` : '', second ? `ask private ${second}` : ''].filter(Boolean);
  },
  options: z.object({
    question: z.string().describe('Your question, in plain words'),
    private: z.boolean().optional().describe('Only you see the answer'),
  }),
  textOption: 'question',
  autocomplete: {
    question: (partial, engine) => engine.suggestQuestions(partial, 25).map((s) => s.question),
  },
  async handle({ question: message, private: isPrivate }, context): Promise<Reply> {
    const visibility = isPrivate ? 'ephemeral' : 'channel';
    const { engine } = context;
    const title = neutraliseUserText(message, 200);
    // The question without the chat around it ("as an investor: …", "… in one line").
    const typed =
      message.length > MAX_QUESTION_LENGTH
        ? message
        : engine.recall('core question', message, () => coreQuestion(message));
    // A follow-up ("who said that?", "and ruritania?", "tell me more") reads against the last answer.
    const followUp = readFollowUp(typed, context.previous, engine);
    const direct = followUpReply(followUp, engine, title, visibility, context.commandName);
    if (direct) return direct;
    // Questions one fact cannot answer alone: a topic's summary, a comparison, a missing detail, several parts.
    const compound =
      followUp.kind === 'none'
        ? engine.recall('compound', typed, () => standaloneCompound(typed, engine))
        : // A follow-up read in full ("how much did they spend on it") may still ask a detail the article lacks.
          followUp.kind === 'rewrite'
          ? engine.recall('compound after a follow-up', followUp.question, () =>
              rewrittenCompound(followUp.question, engine),
            )
          : undefined;
    if (compound)
      return {
        ...compound,
        title,
        ...(followUp.kind === 'rewrite' ? { resolvedQuestion: followUp.question } : {}),
        visibility,
      };
    const question = followUp.kind === 'rewrite' ? followUp.question : typed;
    const resolved = followUp.kind === 'rewrite' ? { resolvedQuestion: followUp.question } : {};
    const result = engine.ask(question);
    // "why?" that finds only the fact it asks about: the article gives no reason.
    if (
      result.answered &&
      followUp.kind === 'rewrite' &&
      /^why\b/.test(followUp.question) &&
      result.fact.id === context.previous?.factId &&
      !result.because &&
      !givesReason(result.fact, followUp.question)
    ) {
      return {
        kind: 'no_answer',
        title,
        body: `The article doesn’t say why. What it does say: ${result.fact.statement}`,
        quote: { text: result.quote, story: engine.story.title },
        suggestions: result.related.map((fact) => fact.questions[0] as string),
        ...resolved,
        aboutFactId: result.fact.id,
        visibility,
      };
    }
    // "should I buy Globex stock?": advice is declined, with the note the article gives itself.
    if (result.answered && (result.fact.triggers?.length ?? 0) > 0 && ASKS_ADVICE.test(question)) {
      return {
        kind: 'no_answer',
        title,
        ...resolved,
        body: `I can’t advise on that. ${result.fact.statement}`,
        quote: { text: result.quote, story: engine.story.title },
        suggestions: engine.featuredSuggestions().map((s) => s.question),
        aboutFactId: result.fact.id,
        visibility,
      };
    }
    if (result.answered) {
      return {
        kind: 'answer',
        title,
        ...resolved,
        // Likely but not sure: the fact is offered as the nearest thing the article says, without a verdict.
        body: result.hedged ? `The closest the article comes: ${result.fact.statement}` : result.answer,
        quote: { text: result.quote, story: engine.story.title },
        confidence: result.confidence,
        suggestions: result.related.map((fact) => fact.questions[0] as string),
        feedback: { factId: result.fact.id },
        visibility,
      };
    }
    const suggestions = result.suggestions.map((s) => s.question);
    if (result.reason === 'empty') return helpReply(context);
    // "what is this article about?", "tl;dr", "give me the gist": the question is the summary.
    if (ASKS_FOR_SUMMARY.test(question) && result.reason !== 'too_long' && result.reason !== 'not_english')
      return summaryReply(engine);
    // A question asked privately stays private: it is not listed to anyone's admins.
    if (result.reason === 'not_in_article' && context.insights && !isPrivate) {
      // Admins of this server or workspace see these in /ai-news admin unanswered (and only they, and the
      // operator); a storage hiccup must not cost the user their reply.
      await context.insights
        .recordUnanswered(
          tenantOf(context.invocation),
          normaliseText(question),
          neutraliseUserText(question, 200),
          new Date(),
          engine.story.slug,
        )
        .catch(() => {});
    }
    const kind = result.reason === 'too_long' ? 'error' : 'no_answer';
    return {
      kind,
      ...(kind === 'no_answer' ? { title } : {}),
      ...resolved,
      body: notAnsweredMessage(result),
      suggestions,
      ...(result.reason === 'not_in_article' ? { confidence: result.confidence } : {}),
      visibility: kind === 'error' ? 'ephemeral' : visibility,
    };
  },
});

type Compound = ReturnType<typeof roleCheck>;

/**
 * A question one fact cannot answer alone, asked on its own: a topic's summary, a comparison, a missing
 * detail, several parts. It depends on the question's text and the story alone, so the engine
 * remembers it.
 */
function standaloneCompound(typed: string, engine: QueryEngine): Compound {
  return (
    roleCheck(typed, engine) ??
    leaderOf(typed, engine) ??
    originCheck(typed, engine) ??
    makerCheck(typed, engine) ??
    kindOf(typed, engine) ??
    placeWithin(typed, engine) ??
    onlyOne(typed, engine) ??
    allowedCheck(typed, engine) ??
    extremeOf(typed, engine) ??
    timeBetween(typed, engine) ??
    firstOne(typed, engine) ??
    topicSummary(typed, engine) ??
    bareTopic(typed, engine) ??
    movedFigures(typed, engine) ??
    comparison(typed, engine) ??
    figureGap(typed, engine) ??
    eachNamed(typed, engine) ??
    // "how much will it cost and when does it start": each part, before a detail one part lacks.
    multiPart(typed, engine) ??
    missingDetail(typed, engine) ??
    wrongDetail(typed, engine) ??
    othersBesides(typed, engine)
  );
}

/** The same for a follow-up read in full ("how much did they spend on it"): it may still ask a detail the article lacks. */
function rewrittenCompound(question: string, engine: QueryEngine): Compound {
  return roleCheck(question, engine) ?? leaderOf(question, engine) ?? missingDetail(question, engine);
}

/** What the bot says when it does not answer: honest about why, leading into the suggestions. */
export function notAnsweredMessage(result: Extract<EngineResult, { answered: false }>): string {
  switch (result.reason) {
    case 'empty':
      return 'Ask me a question about the story, for example:';
    case 'too_long':
      return `That question is ${result.question.trim().length} characters long; please keep it under ${MAX_QUESTION_LENGTH} characters.`;
    case 'too_vague':
      return 'I couldn’t find a question about the story in that. Try one of these:';
    case 'not_in_article': {
      const unknown = result.unknownTerms.slice(0, MAX_UNKNOWN_TERMS_SHOWN).map((t) => `“${t}”`);
      const mentions = unknown.length > 0 ? ` It never mentions ${joinWords(unknown)}.` : '';
      return `The article doesn’t say.${mentions} Here are the nearest questions it does answer:`;
    }
    case 'not_english': {
      const about = result.about?.length ? ` about ${joinWords(result.about, 'and')}` : '';
      return `Sorry, I can only read questions in English. Here are questions I can answer${about}:`;
    }
  }
}

function joinWords(words: string[], conjunction = 'or'): string {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} ${conjunction} ${words.at(-1)}`;
}
