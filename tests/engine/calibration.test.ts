import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fitLogistic, probability, reliability } from '../../src/engine/calibration.ts';
import { core, invocation } from '../helpers.ts';

const { engine, story, dispatcher } = core();

describe('calibrated confidence', () => {
  it('computes the reliability table and the expected calibration error', () => {
    const outcomes = [
      { confidence: 0.95, right: true },
      { confidence: 0.95, right: false },
      { confidence: 0.15, right: false },
      { confidence: 0.15, right: false },
    ];
    const table = reliability(outcomes);
    const high = table.rows.find((row) => row.count > 0 && row.from >= 0.9);
    expect(high).toMatchObject({ count: 2, accuracy: 0.5 });
    expect(table.ece).toBeCloseTo(0.5 * 0.45 + 0.5 * 0.15, 5);
  });

  it('fits a model whose probability rises with the evidence', () => {
    const samples = Array.from({ length: 200 }, (_, i) => {
      const score = i / 200;
      return { evidence: { score, margin: 0.2, uncovered: 0, unknown: 0 }, right: score > 0.5 };
    });
    const calibration = { weights: fitLogistic(samples), answerAt: 0.9, fittedOn: 'test' };
    const low = probability(calibration, { score: 0.2, margin: 0.2, uncovered: 0, unknown: 0 });
    const high = probability(calibration, { score: 0.9, margin: 0.2, uncovered: 0, unknown: 0 });
    expect(low).toBeLessThan(0.3);
    expect(high).toBeGreaterThan(0.7);
  });

  it('is fitted for the story, and its confidence is a probability, not a raw score', () => {
    expect(story.calibration?.fittedOn).toMatch(/development sets/);
    const result = engine.ask('Did Congress block DeepSeek?');
    expect(result.answered && result.confidence).toBeGreaterThan(0.9);
    expect(result.answered && result.confidence).toBeLessThan(1);
  });

  it('hedges an answer it is less sure of, and says so', async () => {
    const questions = JSON.parse(readFileSync('tests/fixtures/eval-questions.json', 'utf8')) as {
      q: string;
    }[];
    const hedged = questions
      .map((q) => q.q)
      .find((q) => {
        const result = engine.ask(q);
        return result.answered && result.hedged;
      });
    expect(hedged).toBeDefined();
    const reply = await dispatcher.answer(invocation({ text: hedged as string }));
    expect(reply.kind).toBe('answer');
    expect(reply.body).toMatch(/^The closest the article comes: /);
    expect(reply.confidence).toBeLessThan(0.9);
  });
});
