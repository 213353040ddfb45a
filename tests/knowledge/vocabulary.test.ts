import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Analyser } from '../../src/engine/analyser.ts';
import { QueryEngine } from '../../src/engine/engine.ts';
import { buildStory, loadStory } from '../../src/knowledge/load-story.ts';

const data = JSON.parse(readFileSync('data/alibaba-denies-deepseek-investment.json', 'utf8'));
const seed = readFileSync('seeds/alibaba-denies-deepseek-investment.txt', 'utf8');
const meta = JSON.parse(readFileSync('seeds/alibaba-denies-deepseek-investment.json', 'utf8'));

function withVocabulary(vocabulary: unknown) {
  return buildStory({ ...structuredClone(data), vocabulary }, seed, meta);
}

describe("a story pack's own vocabulary", () => {
  it("reads the pack's phrases as one word, in questions and facts alike, and only for that story", () => {
    const own = new Analyser(loadStory());
    expect(own.normalise('Was it out on Chinese New Year?')).toContain('lunarnewyear');
    expect(own.normalise('the first day of the Lunar New-Year')).toContain('lunarnewyear');
    // Another story's pack says nothing about the new year: the words stay words.
    const other = new Analyser(loadStory('vellmouth-council-approves-tram-line'));
    expect(other.normalise('Was it out on Chinese New Year?')).toBe('was it out on chinese new year');
  });

  it('answers through a phrase of the pack: a festival the article names another way', () => {
    const engine = new QueryEngine(loadStory());
    const answer = engine.ask('what happened during the spring festival');
    expect(answer.answered && answer.quote).toMatch(/first day of the Lunar New Year/);
    // Without the pack's phrases, the same question does not reach the holiday.
    const bare = new QueryEngine(withVocabulary({ synonyms: [], phrases: [] }));
    const without = bare.ask('what happened during the spring festival');
    expect(without.answered ? without.quote : '').not.toMatch(/Lunar New Year/);
  });

  it("reads the pack's synonym groups onto their first word, before the general ones", () => {
    const story = withVocabulary({ synonyms: [['holiday', 'day off', 'break']], phrases: [] });
    const analyser = new Analyser(story);
    expect(analyser.fold('break')).toBe(analyser.fold('holiday'));
  });

  it('refuses a pack whose vocabulary is malformed, naming the field', () => {
    expect(() => withVocabulary({ phrases: [{ phrase: 'festival', means: 'fest' }] })).toThrow(
      /vocabulary\.phrases\.0\.phrase.*two words/s,
    );
    expect(() => withVocabulary({ phrases: [{ phrase: 'new year', means: 'New Year' }] })).toThrow(
      /vocabulary\.phrases\.0\.means/,
    );
    expect(() => withVocabulary({ synonyms: [['alone']] })).toThrow(/vocabulary\.synonyms\.0/);
  });
});
