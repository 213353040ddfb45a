import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Analyser } from '../../src/engine/analyser.ts';
import { isEnglishWord } from '../../src/engine/english-words.ts';
import { loadStory } from '../../src/knowledge/load-story.ts';

/** Every file of code under a folder. */
function codeFiles(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    return statSync(path).isDirectory() ? codeFiles(path) : path.endsWith('.ts') ? [path] : [];
  });
}

/**
 * Names general English uses whatever the story: continents and the usual names of the United
 * States (time zones are "Europe/Berlin", and the normaliser reads "the U.S." as the country), and
 * job titles such as CEO.
 */
const GENERAL_PLACES = new Set([
  'usa',
  'u.s.',
  'united states',
  'america',
  'american',
  'europe',
  'european',
  'ceo',
]);

/**
 * The proper names of every shipped story: its entities' names and aliases. An alias that is an
 * ordinary English word ("Congress", "media", "expert"), two letters ("US", "EU") or a general place
 * is not a name of the story.
 */
function storyNames(): string[] {
  const names = new Set<string>();
  for (const file of readdirSync('data')) {
    if (!file.endsWith('.json') || !existsSync(join('seeds', file))) continue;
    const story = JSON.parse(readFileSync(join('data', file), 'utf8')) as {
      entities: { name: string; aliases: string[] }[];
    };
    for (const entity of story.entities) {
      for (const alias of [entity.name, ...entity.aliases]) {
        const words = alias.toLowerCase().split(/\s+/);
        const ordinary = words.every((w) => w.length <= 2 || isEnglishWord(w.replace(/[^\p{L}]/gu, '')));
        if (/^\p{Lu}/u.test(alias) && !ordinary && !GENERAL_PLACES.has(alias.toLowerCase())) names.add(alias);
        if (/\p{Script=Han}/u.test(alias)) names.add(alias);
      }
    }
  }
  return [...names];
}

describe('the engine, the core and the commands know no story', () => {
  it('name no person, company, place or product of any shipped story, not even in a comment', () => {
    const names = storyNames();
    // The check has something to look for: the shipped story's own names.
    expect(names.length).toBeGreaterThan(20);
    const found: string[] = [];
    for (const file of [...codeFiles('src'), ...codeFiles('commands')]) {
      const lines = readFileSync(file, 'utf8').split('\n');
      lines.forEach((line, index) => {
        for (const name of names) {
          const pattern = new RegExp(
            `(?<![\\p{L}\\p{N}_-])${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}\\p{N}_-])`,
            'iu',
          );
          if (pattern.test(line)) found.push(`${file}:${index + 1}: ${name}`);
        }
      });
    }
    expect(found).toEqual([]);
  });
});

describe('the general lexicon holds no story’s reading', () => {
  // A story with no vocabulary of its own: only the engine's general English applies.
  const bare = {
    ...loadStory('vellmouth-council-approves-tram-line'),
    vocabulary: { synonyms: [], phrases: [] },
  };
  const analyser = new Analyser(bare);

  it.each([
    ['share', 'stock'],
    ['backing', 'invest'],
    ['shopping', 'ecommerce'],
    ['worried', 'security'],
    ['money', 'invest'],
    ['department', 'research'],
    ['access', 'infiltrate'],
    ['report', 'rumour'],
  ])('"%s" is not read as "%s"', (word, reading) => {
    expect(analyser.fold(word)).not.toBe(analyser.fold(reading));
  });

  it('keeps general synonyms: afraid and feared, prohibit and ban', () => {
    expect(analyser.fold('afraid')).toBe(analyser.fold('feared'));
    expect(analyser.fold('prohibit')).toBe(analyser.fold('ban'));
  });

  it('reads a word as its story’s pack says', () => {
    const finance = new Analyser(loadStory('alibaba-denies-deepseek-investment'));
    expect(finance.fold('shares')).toBe(finance.fold('stock'));
  });
});
