import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import wordListPath from 'word-list';
import { isEnglishWord, isEnglishWordByFullSearch } from '../../src/engine/english-words.ts';

describe('isEnglishWord', () => {
  it('tells what a search of the whole dictionary tells, for words, typos and random strings', () => {
    const words = readFileSync(wordListPath, 'utf8').split('\n').filter(Boolean);
    let seed = 7;
    const random = () => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed / 0x7fffffff;
    };
    const inputs: string[] = [];
    for (let i = 0; i < 20000; i++) {
      const word = words[Math.floor(random() * words.length)] as string;
      inputs.push(word);
      const at = Math.floor(random() * word.length);
      inputs.push(word.slice(0, at) + word.slice(at + 1));
      inputs.push(`${word}${String.fromCharCode(97 + Math.floor(random() * 26))}`);
      let noise = '';
      for (let n = 1 + Math.floor(random() * 10); n > 0; n--)
        noise += String.fromCharCode(97 + Math.floor(random() * 26));
      inputs.push(noise);
    }
    inputs.push('', 'a', 'zzzzzzzzzz', "don't", 'invirtió');
    let english = 0;
    for (const input of inputs) {
      const byBuckets = isEnglishWord(input);
      expect(byBuckets, input).toBe(isEnglishWordByFullSearch(input));
      if (byBuckets) english++;
    }
    // Both answers occur often: the comparison is not of "false" alone.
    expect(english).toBeGreaterThan(20000);
    expect(english).toBeLessThan(inputs.length - 20000);
  });
});
