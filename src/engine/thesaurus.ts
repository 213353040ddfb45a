import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../package-root.ts';

/** The thesaurus, relative to the package root (written by scripts/build-thesaurus.ts). */
export const THESAURUS_FILE = 'data/thesaurus.txt';

/** Each word's line of synonyms, as text: split only for the few words ever looked up. */
let lines: Map<string, string> | undefined;

function load(): Map<string, string> {
  const map = new Map<string, string>();
  const text = readFileSync(join(packageRoot(), THESAURUS_FILE), 'utf8');
  let start = 0;
  while (start < text.length) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    const space = text.indexOf(' ', start);
    const wordEnd = space === -1 || space > end ? end : space;
    if (wordEnd > start) map.set(text.slice(start, wordEnd), text.slice(wordEnd + 1, end));
    start = end + 1;
  }
  return map;
}

/**
 * A word's WordNet synonyms the engine can use (one-word nouns, then adjectives, as WordNet orders
 * them): [] for a word WordNet knows without such synonyms, undefined for a word it does not know.
 * Loads the thesaurus (about 400 KB) on first use.
 */
export function thesaurusSynonyms(word: string): readonly string[] | undefined {
  lines ??= load();
  const line = lines.get(word);
  if (line === undefined) return undefined;
  return line === '' ? [] : line.split(' ');
}
