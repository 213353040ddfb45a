/**
 * `npm run calibrate`: fits how the engine's ranking evidence becomes a probability, on the
 * development question sets only (never the sealed set), and writes data/<slug>.calibration.json.
 * Prints the cross-validated reliability table and expected calibration error (ECE) of the fit, and
 * the fit's reliability on the held-out sets, which no tuning reads: how it does on new questions.
 * `npm run calibrate -- <slug>` fits another story (the default story without one).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fitLogistic, probability, reliability } from '../src/engine/calibration.ts';
import { QueryEngine } from '../src/engine/engine.ts';
import { DEFAULT_STORY_SLUG, loadStory } from '../src/knowledge/load-story.ts';
import {
  crossValidated,
  DEVELOPMENT_SETS,
  developmentSamples,
  heldOutSamples,
  printReliability,
} from './calibration-data.ts';

/** Answers less likely right than this are hedged: what is given outright should be right 97 times in 100. */
const ANSWER_AT = 0.9;

const slug = process.argv[2] ?? DEFAULT_STORY_SLUG;
const sets = DEVELOPMENT_SETS[slug];
if (!sets) throw new Error(`no development sets are listed for ${slug} (bench/calibration-data.ts)`);
const story = { ...loadStory(slug), calibration: undefined };
const engine = new QueryEngine(story);
const samples = developmentSamples(engine, slug);
const outOfFold = crossValidated(samples, 5);
console.log(
  `## calibration on the development sets: ${samples.length} answered questions, 5-fold cross-validated\n`,
);
printReliability(reliability(outOfFold), outOfFold);
const weights = fitLogistic(samples);
const heldOut = heldOutSamples(engine, slug).map(({ evidence, right }) => ({
  confidence: probability({ weights, answerAt: ANSWER_AT, fittedOn: slug }, evidence),
  right,
}));
console.log(`\n## the fit on the held-out sets, never tuned on: ${heldOut.length} answered questions\n`);
printReliability(reliability(heldOut), heldOut);
const path = join('data', `${slug}.calibration.json`);
const fitted = {
  weights: weights.map((w) => Math.round(w * 10_000) / 10_000),
  answerAt: ANSWER_AT,
  fittedOn: `the development sets (${[...sets.byFact, ...sets.byPattern].join(', ')}): ${samples.length} answered questions; 5-fold cross-validated ECE ${reliability(outOfFold).ece.toFixed(3)}`,
};
// Written as the formatter lays it out: the weights on one line.
const text = JSON.stringify(fitted, null, 2).replace(
  /\[\s+([^\]]*?)\s+\]/,
  (_, list: string) => `[${list.split(/,\s+/).join(', ')}]`,
);
writeFileSync(path, `${text}\n`);
console.log(`\nwrote ${path}: weights ${fitted.weights.join(', ')}, answers hedged below ${ANSWER_AT}`);
