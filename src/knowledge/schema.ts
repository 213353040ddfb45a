import { z } from 'zod';

/** Question types a fact can answer; the engine prefers facts whose types match the question's. */
export const AnswerTypeSchema = z.enum([
  'what',
  'who',
  'when',
  'where',
  'why',
  'how',
  'how-much',
  'how-many',
  'how-long',
  'which',
]);

const nonEmpty = z.string().trim().min(1);

export const WhenSchema = z.object({
  /** How the article words the date, e.g. "May 2024" or "the first day of the Lunar New Year". */
  label: nonEmpty,
  /** ISO year or year-month when the article gives a calendar date. */
  iso: z
    .string()
    .regex(/^\d{4}(-\d{2})?$/)
    .optional(),
  precision: z.enum(['year', 'month', 'day', 'relative']),
});

export const FigureSchema = z.object({
  label: nonEmpty,
  value: z.number(),
  /**
   * `minutes` (a duration under a year, hours included), `miles` and `km` (a distance), `count` (a
   * number of things: `counts` says of what), `votes` (a vote's split: `value` for, `against`).
   */
  unit: z.enum(['percent', 'usd', 'years', 'minutes', 'miles', 'km', 'count', 'votes']),
  qualifier: z.enum(['exact', 'over', 'nearly']),
  direction: z.enum(['up', 'down']).optional(),
  /** The figure as the article writes it, e.g. "over 8%". */
  text: nonEmpty,
  /**
   * What the figure is of, short enough to label a chart's bar ("the company's shares"); `label`
   * when absent.
   */
  subject: nonEmpty.optional(),
  /**
   * The span the figure covers, as the article words it ("this year", "since the launch", "after the
   * vote"). Charts group figures by period and never draw figures of different periods as one series.
   */
  period: nonEmpty.optional(),
  /** What a count counts, as the article words it ("stops", "councillors", "parking spaces"). */
  counts: nonEmpty.optional(),
  /** The votes against, of a vote's split ("7–4": 4). */
  against: z.number().optional(),
});

export const ListItemSchema = z.object({ label: nonEmpty, entity: nonEmpty.optional() });

export const FactSchema = z.object({
  id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'fact ids are kebab-case'),
  kind: z.enum(['event', 'claim', 'figure', 'quote', 'list', 'context']),
  topics: z.array(nonEmpty),
  entities: z.array(nonEmpty),
  /** The plain-language answer a user sees. */
  statement: nonEmpty,
  /** Verbatim passage of the seed the statement rests on. */
  quote: nonEmpty,
  /** Alternate phrasings of questions this fact answers; the first is its canonical question. */
  questions: z.array(nonEmpty).min(1),
  keywords: z.array(nonEmpty),
  answers: z.array(AnswerTypeSchema).min(1),
  when: WhenSchema.optional(),
  figures: z.array(FigureSchema).optional(),
  items: z.array(ListItemSchema).optional(),
  speaker: nonEmpty.optional(),
  /** 'denied': the fact settles a yes/no question about its `negates` terms with No; 'open': the article leaves it open. */
  stance: z.enum(['affirmed', 'claimed', 'denied', 'open']).default('affirmed'),
  claimedBy: nonEmpty.optional(),
  negates: z.array(nonEmpty).optional(),
  /**
   * Words a question must contain for this fact to answer it; the names in such a question are then
   * ignored (the disclaimer answers any "should I buy X?", and nothing else).
   */
  triggers: z.array(nonEmpty).optional(),
  /**
   * Words the fact says of some of its entities only (Chirp is "owned" by Chirpco; Widget
   * "outperforms"): such a word answers a question only when the question names one of those
   * entities, or none, so "who owns Acme?" is not answered with Chirp's owner.
   */
  bound: z.record(nonEmpty, z.array(nonEmpty).min(1)).optional(),
  /** One-line event text for the timeline; facts without `when` or `timeline` are not on it. */
  timeline: nonEmpty.optional(),
  /** Drafted by `npm run stories -- draft`: not served until an editor checks it and removes this. */
  draft: z.boolean().optional(),
});

export const EntitySchema = z.object({
  id: nonEmpty,
  name: nonEmpty,
  kind: z.enum(['person', 'organization', 'group', 'place', 'government', 'product']),
  role: nonEmpty,
  aliases: z.array(nonEmpty).min(1),
  /** The organisation or place this one belongs to (Acme-3 → Acme): a fact about it is about its parent too. */
  parent: nonEmpty.optional(),
});

export const TopicSchema = z.object({
  id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/),
  name: nonEmpty,
  description: nonEmpty,
  aliases: z.array(nonEmpty),
});

/**
 * The story's own words, beside the general English the engine knows: synonym groups (every word of
 * a group is read as its first) and phrases read as one word, in questions and in the facts alike.
 */
export const VocabularySchema = z.object({
  synonyms: z.array(z.array(nonEmpty).min(2)).default([]),
  phrases: z
    .array(
      z.object({
        phrase: nonEmpty.refine((p) => /\s/.test(p.trim()), 'a phrase has at least two words'),
        means: nonEmpty.regex(/^[a-z0-9]+$/, 'a phrase is read as one lower-case word (letters and digits)'),
      }),
    )
    .default([]),
});

export const StoryFileSchema = z.object({
  story: z.object({
    id: nonEmpty,
    seed: nonEmpty,
    title: nonEmpty,
    disclaimer: nonEmpty,
    summary: z.array(nonEmpty).min(5).max(7),
    featured: z.array(nonEmpty).min(1),
    /**
     * The topic whose percentage figures a scheduled summary's chart shows (when its schedule asks for
     * one); the topic with the most percentage figures when absent.
     */
    figuresTopic: nonEmpty.optional(),
  }),
  topics: z.array(TopicSchema).min(1),
  entities: z.array(EntitySchema).min(1),
  facts: z.array(FactSchema).min(1),
  vocabulary: VocabularySchema.optional(),
});

export const SeedMetaSchema = z.object({
  storyId: nonEmpty,
  slug: nonEmpty,
  title: nonEmpty,
  file: nonEmpty,
  language: nonEmpty,
  /** The story's development questions (a path from the project root), for `npm run stories -- check`. */
  devQuestions: z.string().optional(),
  /** When the article was published (ISO date), when known. */
  published: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional(),
});

export type AnswerType = z.infer<typeof AnswerTypeSchema>;
export type Fact = z.infer<typeof FactSchema>;
export type Entity = z.infer<typeof EntitySchema>;
export type Topic = z.infer<typeof TopicSchema>;
export type Figure = z.infer<typeof FigureSchema>;
export type StoryFile = z.infer<typeof StoryFileSchema>;
export type SeedMeta = z.infer<typeof SeedMetaSchema>;

/**
 * How the engine's ranking evidence becomes a probability for a story, fitted on its development
 * questions by `npm run calibrate` (data/<slug>.calibration.json).
 */
export const CalibrationSchema = z.object({
  /** The logistic model's weights: intercept, then one per feature (score, margin, uncovered words, unknown words). */
  weights: z.array(z.number()).min(1),
  /** Answers less likely right than this are hedged. */
  answerAt: z.number().min(0).max(1),
  /** Where the fit came from, for people reading the file. */
  fittedOn: z.string(),
});
export type Calibration = z.infer<typeof CalibrationSchema>;
