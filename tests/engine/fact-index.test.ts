import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bestFirst, QueryEngine } from '../../src/engine/engine.ts';
import { FactIndex, type IndexableFact, type KeyColumns } from '../../src/engine/fact-index.ts';
import { loadStory } from '../../src/knowledge/load-story.ts';

/** What the columns must say: each fact's own maps and text, read fact by fact. */
function plainScan(
  facts: readonly IndexableFact[],
  keys: readonly string[],
  named: ReadonlySet<string>,
  names: readonly string[],
): Omit<KeyColumns, 'facts'> {
  const credit: number[] = [];
  const core: boolean[] = [];
  for (const key of keys) {
    for (const fact of facts) {
      const owners = fact.bound.get(key);
      const elsewhere = owners && named.size > 0 && ![...owners].some((owner) => named.has(owner));
      credit.push(elsewhere ? 0 : (fact.coverage.get(key) ?? 0));
      core.push(fact.core.has(key));
    }
  }
  const shared = facts.flatMap((fact) =>
    fact.questionTermSets.map((set) => keys.filter((key) => set.has(key)).length),
  );
  const saidAsAsked = facts.map((fact) => names.filter((name) => fact.text.includes(name)).length);
  return { credit, core, shared, saidAsAsked };
}

function expectSameAsPlainScan(
  facts: readonly IndexableFact[],
  keys: readonly string[],
  named: ReadonlySet<string>,
  names: readonly string[],
): void {
  const index = new FactIndex(facts);
  const { facts: count, ...columns } = index.columns(keys, named, names);
  expect(count).toBe(facts.length);
  expect(columns).toEqual(plainScan(facts, keys, named, names));
  // Each fact's questions are where the numbering says.
  let q = 0;
  for (const [f, fact] of facts.entries()) {
    expect([index.firstQuestion(f), index.firstQuestion(f + 1)]).toEqual([
      q,
      q + fact.questionTermSets.length,
    ]);
    for (const set of fact.questionTermSets) expect(index.questionSizes[q++]).toBe(set.size);
  }
}

const KEYS = ['ban', 'drop', 'say', '@globex', '@initech', '@widget', '#20', 'cost', 'rise'];
const key = fc.constantFrom(...KEYS);
const entity = fc.constantFrom('@globex', '@initech', '@widget', '@acme');
const indexableFact: fc.Arbitrary<IndexableFact> = fc.record({
  coverage: fc
    .array(fc.tuple(key, fc.constantFrom(1, 0.9, 0.85, 0.6)), { maxLength: 6 })
    .map((pairs) => new Map(pairs)),
  bound: fc
    .array(fc.tuple(key, fc.uniqueArray(entity, { maxLength: 2 })), { maxLength: 2 })
    .map((pairs) => new Map(pairs.map(([k, owners]) => [k, new Set(owners)]))),
  core: fc.uniqueArray(key, { maxLength: 4 }).map((keys) => new Set(keys)),
  questionTermSets: fc.array(
    fc.uniqueArray(key, { maxLength: 4 }).map((keys) => new Set(keys)),
    { maxLength: 3 },
  ),
  text: fc
    .array(fc.constantFrom('light', 'rail', 'old', 'harbour', 'the', 'line'), { maxLength: 8 })
    .map((words) => ` ${words.join(' ')} `),
});

describe('fact index', () => {
  it('gives the columns a plain scan of the facts gives, for any facts and question', () => {
    fc.assert(
      fc.property(
        fc.array(indexableFact, { maxLength: 8 }),
        fc.uniqueArray(fc.oneof(key, fc.constant('unheard')), { maxLength: 6 }),
        fc.uniqueArray(entity, { maxLength: 3 }),
        fc.uniqueArray(fc.constantFrom(' light rail ', ' old harbour ', ' rail line '), { maxLength: 2 }),
        (facts, keys, named, names) => expectSameAsPlainScan(facts, keys, new Set(named), names),
      ),
      { seed: 4242, numRuns: 500 },
    );
  });

  it('gives the columns a plain scan gives on the shipped stories, for varied questions', () => {
    for (const [slug, file] of [
      ['alibaba-denies-deepseek-investment', 'eval-questions.json'],
      ['alibaba-denies-deepseek-investment', 'holdout-questions.json'],
      ['vellmouth-council-approves-tram-line', 'vellmouth-council-approves-tram-line-dev-questions.json'],
    ] as const) {
      const engine = new QueryEngine(loadStory(slug), { answerCache: 0 });
      // The engine's own facts, as it indexes them: the index must hold nothing they do not.
      const facts = (engine as unknown as { indexed: IndexableFact[] }).indexed;
      const questions = (JSON.parse(readFileSync(`tests/fixtures/${file}`, 'utf8')) as { q: string }[]).map(
        (item) => item.q,
      );
      // Each question, and the same with one of its words left out (the words around it meet).
      const varied = questions.flatMap((q, n) => {
        const words = q.split(' ');
        return [q, words.filter((_, j) => j !== n % words.length).join(' ')];
      });
      for (const question of varied) {
        const { terms } = engine.analyser.analyseQuestion(question);
        const keys = [...new Set(terms.map((t) => t.key))];
        const entities = terms.filter((t) => t.kind === 'entity');
        const named = new Set(entities.flatMap((t) => engine.lineage(t.key.slice(1)).map((id) => `@${id}`)));
        const names = entities.filter((t) => t.surface.includes(' ')).map((t) => ` ${t.surface} `);
        expectSameAsPlainScan(facts, keys, named, names);
      }
    }
  });
});

describe('bestFirst', () => {
  it('orders as a stable sort by descending score does, ties in the order given', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(0, -0, 0.5, 0.56, 0.9, -0.2, 1.3, 0.1 + 0.2), { maxLength: 60 }),
        (scores) => {
          const items = scores.map((score, order) => ({ score, order }));
          const sorted = [...items].sort((a, b) => b.score - a.score);
          expect(bestFirst([...items])).toEqual(sorted);
        },
      ),
      { seed: 4242, numRuns: 500 },
    );
  });
});
