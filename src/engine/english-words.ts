import { readFileSync } from 'node:fs';
import wordListPath from 'word-list';

/** FNV-1a, 32 bits: a cheap, well-spread hash for short lower-case words. */
function hashWord(text: string, start: number, end: number): number {
  let hash = 0x811c9dc5;
  for (let i = start; i < end; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

let hashes: Uint32Array | undefined;

/**
 * The English dictionary (the word-list package, ~274,000 words) as a sorted array of 32-bit word
 * hashes: about 1 MB instead of ~50 MB for a Set of strings. A false "is a word" happens for about
 * one string in 15,000 and only means a typo is left uncorrected.
 */
function dictionary(): Uint32Array {
  if (!hashes) {
    const text = readFileSync(wordListPath, 'utf8');
    const list: number[] = [];
    let start = 0;
    for (let i = 0; i <= text.length; i++) {
      if (i === text.length || text.charCodeAt(i) === 10) {
        if (i > start) list.push(hashWord(text, start, i));
        start = i + 1;
      }
    }
    hashes = Uint32Array.from(list).sort();
  }
  return hashes;
}

/** Whether a lower-case word is an English dictionary word. Loads the dictionary on first use. */
export function isEnglishWord(word: string): boolean {
  const table = dictionary();
  const target = hashWord(word, 0, word.length);
  let low = 0;
  let high = table.length - 1;
  while (low <= high) {
    const mid = (low + high) >>> 1;
    const value = table[mid] as number;
    if (value === target) return true;
    if (value < target) low = mid + 1;
    else high = mid - 1;
  }
  return false;
}
