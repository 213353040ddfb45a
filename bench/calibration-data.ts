/** The development samples calibration is fitted on, and how a fit is checked: cross-validation and reliability. */
import { readFileSync } from 'node:fs';
import { type Evidence, fitLogistic, probability, type reliability } from '../src/engine/calibration.ts';
import type { QueryEngine } from '../src/engine/engine.ts';
import { wilson } from './sealed-set.ts';

const DEVELOPMENT_SETS = ['tests/fixtures/eval-questions.json', 'tests/fixtures/holdout-questions.json'];

/** Every answered development question: the engine's evidence and whether its fact was an expected one. */
export function developmentSamples(engine: QueryEngine): { evidence: Evidence; right: boolean }[] {
  const samples: { evidence: Evidence; right: boolean }[] = [];
  for (const path of DEVELOPMENT_SETS) {
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
