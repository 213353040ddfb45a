/**
 * Confidence as a probability: a logistic model over the ranking's evidence (the best fact's score,
 * and its margin over the next fact), fitted on the development question sets by `npm run calibrate`
 * and stored beside the data. Answers below `answerAt` are given as hedged ("The closest the article
 * comes: …"); whether to answer at all stays the engine's threshold.
 */
import type { Calibration } from '../knowledge/schema.ts';

/** What the ranking says about its best fact. */
export interface Evidence {
  /** The best fact's score (0–1 and a little beyond). */
  score: number;
  /** How far it stands above the best other fact. */
  margin: number;
  /** Words of the question the best fact does not cover. */
  uncovered: number;
  /** Words of the question the story never uses. */
  unknown: number;
}

export type { Calibration };

/** Before any fit: confidence is the score itself, clamped, and nothing is hedged. */
export const UNCALIBRATED: Calibration = { weights: [0, 0, 0], answerAt: 0, fittedOn: 'nothing' };

/** The features of the model, with a constant first. */
export function features(evidence: Evidence): number[] {
  return [
    1,
    Math.min(evidence.score, 1.5),
    Math.min(Math.max(evidence.margin, 0), 1),
    Math.min(evidence.uncovered, 4) / 4,
    Math.min(evidence.unknown, 3) / 3,
  ];
}

function sigmoid(z: number): number {
  return 1 / (1 + Math.exp(-z));
}

/** The probability that answering with the best fact is right. */
export function probability(calibration: Calibration, evidence: Evidence): number {
  if (calibration === UNCALIBRATED || calibration.fittedOn === 'nothing')
    return Math.max(0, Math.min(1, evidence.score));
  const x = features(evidence);
  return sigmoid(calibration.weights.reduce((sum, w, i) => sum + w * (x[i] as number), 0));
}

/** Fits the logistic model by gradient descent with a little L2, from evidence and whether the answer was right. */
export function fitLogistic(
  samples: { evidence: Evidence; right: boolean }[],
  iterations = 4000,
): Calibration['weights'] {
  const size = features({ score: 0, margin: 0, uncovered: 0, unknown: 0 }).length;
  const w = new Array<number>(size).fill(0);
  const rate = 0.5;
  const l2 = 1e-3;
  for (let step = 0; step < iterations; step++) {
    const gradient = new Array<number>(size).fill(0);
    for (const { evidence, right } of samples) {
      const x = features(evidence);
      const error = sigmoid(w.reduce((sum, wi, i) => sum + wi * (x[i] as number), 0)) - (right ? 1 : 0);
      for (let i = 0; i < size; i++) gradient[i] = (gradient[i] as number) + error * (x[i] as number);
    }
    for (let i = 0; i < size; i++)
      w[i] = (w[i] as number) - rate * ((gradient[i] as number) / samples.length + l2 * (w[i] as number));
  }
  return w;
}

/** The reliability of confidences: per bin, how many, their mean confidence and how many were right; and the ECE. */
export function reliability(
  outcomes: { confidence: number; right: boolean }[],
  bins = 10,
): {
  rows: { from: number; to: number; count: number; confidence: number; accuracy: number }[];
  ece: number;
} {
  const rows = Array.from({ length: bins }, (_, i) => ({
    from: i / bins,
    to: (i + 1) / bins,
    items: [] as typeof outcomes,
  }));
  for (const outcome of outcomes) {
    const index = Math.min(bins - 1, Math.floor(outcome.confidence * bins));
    rows[index]?.items.push(outcome);
  }
  let ece = 0;
  const result = rows.map(({ from, to, items }) => {
    const count = items.length;
    const confidence = count ? items.reduce((s, o) => s + o.confidence, 0) / count : 0;
    const accuracy = count ? items.filter((o) => o.right).length / count : 0;
    ece += (count / Math.max(1, outcomes.length)) * Math.abs(confidence - accuracy);
    return { from, to, count, confidence, accuracy };
  });
  return { rows: result, ece };
}
