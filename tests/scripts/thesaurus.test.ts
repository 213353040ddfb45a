import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import synonyms from 'synonyms';
import { describe, expect, it } from 'vitest';
import { thesaurusText } from '../../scripts/thesaurus-text.ts';
import { checkThesaurus, THESAURUS_FILE, thesaurusSynonyms } from '../../src/engine/thesaurus.ts';

describe('the thesaurus the engine reads instead of the synonyms package', () => {
  it('is up to date with the installed package (npm run build:thesaurus)', () => {
    const fresh = readFileSync(THESAURUS_FILE, 'utf8') === thesaurusText(synonyms.dictionary);
    expect(fresh, `${THESAURUS_FILE} is stale: run npm run build:thesaurus`).toBe(true);
  });

  it("gives every word the package's one-word nouns and adjectives, in the package's order", () => {
    let words = 0;
    for (const [word, senses] of Object.entries(synonyms.dictionary)) {
      if (!/^[a-z]+$/.test(word)) continue; // a question's words never hold hyphens or commas
      const expected = [senses.n, senses.s, senses.a]
        .flatMap((list) => list ?? [])
        .filter((w) => /^[a-z]+$/.test(w));
      expect(thesaurusSynonyms(word), word).toEqual(expected);
      words++;
    }
    expect(words).toBeGreaterThan(10_000);
    expect(thesaurusSynonyms('prohibition')).toContain('ban');
  });

  it('tells a word it knows without usable synonyms from a word it does not know', () => {
    expect(thesaurusSynonyms('approximately')).toEqual([]); // an adverb only
    expect(thesaurusSynonyms('valuation')).toBeUndefined();
    expect(thesaurusSynonyms('constructor')).toBeUndefined();
  });

  it('stops a bot shipped without it from starting, naming the file', () => {
    const root = mkdtempSync(join(tmpdir(), 'ai-news-no-thesaurus-'));
    try {
      expect(() => checkThesaurus(root)).toThrow(`${join(root, THESAURUS_FILE)} is missing`);
      expect(() => checkThesaurus()).not.toThrow();
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
