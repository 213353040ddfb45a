import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { QueryEngine } from '../../src/engine/engine.ts';
import { loadStory } from '../../src/knowledge/load-story.ts';
import { core } from '../helpers.ts';

interface EvalQuestion {
  q: string;
  /** The fact (or facts, any of which is right) that answers it; null when the article does not. */
  expect: string | string[] | null;
}

const questions: EvalQuestion[] = JSON.parse(readFileSync('tests/fixtures/eval-questions.json', 'utf8'));
// Written afterwards by someone who never saw the engine or the first set, in eight personas' voices.
const secondSet: EvalQuestion[] = JSON.parse(readFileSync('tests/fixtures/holdout-questions.json', 'utf8'));
const { engine, story } = core();

function wrongAnswers(set: EvalQuestion[], by: QueryEngine = engine): string[] {
  const wrong: string[] = [];
  for (const { q, expect: expected } of set) {
    const result = by.ask(q);
    const allowed = expected === null ? [] : [expected].flat();
    const right = result.answered ? allowed.includes(result.fact.id) : allowed.length === 0;
    if (!right)
      wrong.push(
        `${q} → ${result.answered ? result.fact.id : 'no answer'} (expected ${allowed.join('|') || 'no answer'})`,
      );
  }
  return wrong;
}

describe('evaluation set', () => {
  it('has at least 150 chat-style questions, 40 of them unanswerable, all naming real facts', () => {
    expect(questions.length).toBeGreaterThanOrEqual(150);
    expect(questions.filter((q) => q.expect === null).length).toBeGreaterThanOrEqual(40);
    for (const { expect: expected } of questions) {
      for (const id of expected === null ? [] : [expected].flat())
        expect(story.factsById.has(id), id).toBe(true);
    }
  });

  it('is answered right at least 95% of the time (right fact, or an honest abstention)', () => {
    const wrong = wrongAnswers(questions);
    expect(1 - wrong.length / questions.length, `wrong:\n${wrong.join('\n')}`).toBeGreaterThanOrEqual(0.95);
  });

  it('generalises to a second set written without seeing the engine (at least 85%)', () => {
    expect(secondSet.length).toBeGreaterThanOrEqual(150);
    for (const { expect: expected } of secondSet) {
      for (const id of expected === null ? [] : [expected].flat())
        expect(story.factsById.has(id), id).toBe(true);
    }
    const wrong = wrongAnswers(secondSet);
    expect(1 - wrong.length / secondSet.length, `wrong:\n${wrong.join('\n')}`).toBeGreaterThanOrEqual(0.85);
  });
});

describe('the second story, an example pack written by the team', () => {
  const slug = 'vellmouth-council-approves-tram-line';
  const tram = new QueryEngine(loadStory(slug));
  const development: EvalQuestion[] = JSON.parse(
    readFileSync(`tests/fixtures/${slug}-dev-questions.json`, 'utf8'),
  );

  it('has a development set of at least 60 questions, 15 unanswerable, naming real facts', () => {
    expect(development.length).toBeGreaterThanOrEqual(60);
    expect(development.filter((q) => q.expect === null).length).toBeGreaterThanOrEqual(15);
    for (const { expect: expected } of development) {
      for (const id of expected === null ? [] : [expected].flat())
        expect(tram.story.factsById.has(id), id).toBe(true);
    }
  });

  it('is answered right at least 95% of the time by the same engine, with no code of its own', () => {
    const wrong = wrongAnswers(development, tram);
    expect(1 - wrong.length / development.length, `wrong:\n${wrong.join('\n')}`).toBeGreaterThanOrEqual(0.95);
  });
});
