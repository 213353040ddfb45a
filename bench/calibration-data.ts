/**
 * The question sets calibration is fitted on (the development sets) and checked on (the held-out
 * sets, which no tuning reads), and how a fit is checked: cross-validation and reliability.
 */
import { readFileSync } from 'node:fs';
import { type Evidence, fitLogistic, probability, type reliability } from '../src/engine/calibration.ts';
import type { QueryEngine } from '../src/engine/engine.ts';
import { isRight, type SealedItem, wilson } from './sealed-set.ts';

/**
 * Each story's development sets, which the engine is tuned on: sets labelled with fact ids
 * (`expect`), and sets labelled with patterns over the answer (as the sealed sets are).
 */
export const DEVELOPMENT_SETS: Readonly<Record<string, { byFact: string[]; byPattern: string[] }>> = {
  'alibaba-denies-deepseek-investment': {
    byFact: ['tests/fixtures/eval-questions.json', 'tests/fixtures/holdout-questions.json'],
    byPattern: [
      'tests/fixtures/dev-questions-3.json',
      'tests/fixtures/dev-questions-4.json',
      'tests/fixtures/dev-questions-5.json',
      'tests/fixtures/dev-questions-6.json',
      'tests/fixtures/dev-questions-7.json',
    ],
  },
  'vellmouth-council-approves-tram-line': {
    byFact: ['tests/fixtures/vellmouth-council-approves-tram-line-dev-questions.json'],
    byPattern: [
      'tests/fixtures/vellmouth-council-approves-tram-line-dev-questions-2.json',
      'tests/fixtures/vellmouth-council-approves-tram-line-dev-questions-3.json',
      'tests/fixtures/vellmouth-council-approves-tram-line-dev-questions-4.json',
      'tests/fixtures/vellmouth-council-approves-tram-line-dev-questions-5.json',
    ],
  },
};

/** Every answered development question of a story: the engine's evidence and whether its answer was right. */
export function developmentSamples(
  engine: QueryEngine,
  slug = 'alibaba-denies-deepseek-investment',
): { evidence: Evidence; right: boolean }[] {
  const samples: { evidence: Evidence; right: boolean }[] = [];
  const sets = DEVELOPMENT_SETS[slug] ?? { byFact: [], byPattern: [] };
  for (const path of sets.byFact) {
    const questions = JSON.parse(readFileSync(path, 'utf8')) as {
      q: string;
      expect: string | string[] | null;
    }[];
    for (const { q, expect } of questions) {
      const result = engine.ask(q);
      if (!result.answered) continue;
      const allowed = expect === null ? [] : [expect].flat();
      samples.push({ evidence: result.evidence, right: allowed.includes(result.fact.id) });
    }
  }
  samples.push(...patternSamples(engine, sets.byPattern));
  return samples;
}

/**
 * Each story's held-out sets (labelled with patterns), written from the article alone like the
 * others but never tuned on: their misses are never listed. They show how the engine and its
 * calibration do on new questions without spending a sealed set.
 */
export const HELD_OUT_SETS: Readonly<Record<string, string[]>> = {
  'alibaba-denies-deepseek-investment': ['tests/fixtures/calibration-questions.json'],
  'vellmouth-council-approves-tram-line': [
    'tests/fixtures/vellmouth-council-approves-tram-line-calibration-questions.json',
  ],
};

/** Every answered question of a story's held-out sets, asked of `engine`: the evidence and whether it was right. */
export function heldOutSamples(engine: QueryEngine, slug: string): { evidence: Evidence; right: boolean }[] {
  return patternSamples(engine, HELD_OUT_SETS[slug] ?? []);
}

/** The answered single questions of sets labelled with patterns, each judged on the answer as given. */
function patternSamples(
  engine: QueryEngine,
  paths: readonly string[],
): { evidence: Evidence; right: boolean }[] {
  const samples: { evidence: Evidence; right: boolean }[] = [];
  for (const path of paths) {
    const set = JSON.parse(readFileSync(path, 'utf8')) as {
      questions: SealedItem[];
      dialogues?: { turns: SealedItem[] }[];
    };
    // Single questions only: a dialogue's turns lean on what came before them.
    for (const item of set.questions) {
      const result = engine.ask(item.question);
      if (!result.answered) continue;
      const { fact } = result;
      // The answer as given ("No — …", "Three named — …"), besides the fact it rests on.
      const shown = [
        result.answer,
        fact.statement,
        fact.quote,
        ...(fact.items ?? []).map((i) => i.label),
      ].join('\n');
      samples.push({ evidence: result.evidence, right: isRight(item, shown) });
    }
  }
  return samples;
}

/** Out-of-fold confidences: each fold predicted by a model fitted on the others (folds by position). */
export function crossValidated(
  samples: { evidence: Evidence; right: boolean }[],
  folds: number,
): { confidence: number; right: boolean }[] {
  return Array.from({ length: folds }, (_, fold) => {
    const training = samples.filter((_, i) => i % folds !== fold);
    const calibration = { weights: fitLogistic(training), answerAt: 0, fittedOn: 'one fold' };
    return samples
      .filter((_, i) => i % folds === fold)
      .map(({ evidence, right }) => ({ confidence: probability(calibration, evidence), right }));
  }).flat();
}

/** Prints a reliability table, the ECE, and how often the confident answers (≥ 0.9) were right. */
export function printReliability(
  table: ReturnType<typeof reliability>,
  outcomes: { confidence: number; right: boolean }[],
): void {
  console.log('| confidence | count | mean confidence | accuracy |');
  console.log('|---|---|---|---|');
  for (const row of table.rows) {
    if (row.count === 0) continue;
    console.log(
      `| ${row.from.toFixed(1)}–${row.to.toFixed(1)} | ${row.count} | ${row.confidence.toFixed(3)} | ${row.accuracy.toFixed(3)} |`,
    );
  }
  const confident = outcomes.filter((o) => o.confidence >= 0.9);
  const right = confident.filter((o) => o.right).length;
  console.log(
    `\nECE ${table.ece.toFixed(3)}; answers at confidence ≥ 0.9: ${right}/${confident.length} right (${((right / Math.max(1, confident.length)) * 100).toFixed(1)}%, 95% interval ${wilson(right, confident.length)})`,
  );
}
