import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../package-root.ts';

/** The thesaurus, relative to the package root (written by scripts/build-thesaurus.ts). */
export const THESAURUS_FILE = 'data/thesaurus.txt';

/**
 * The file as one string, and where each of its lines starts. Its lines are sorted by word, so a word
 * is found by binary search: no map of 12,000 entries and small strings to build and keep.
 */
let thesaurus: { text: string; starts: Uint32Array } | undefined;

/**
 * Throws, naming the file, when the thesaurus is missing: it is read on the first question with an
 * unknown word, and a bot shipped without it had better not start than fail on some user's question.
 */
export function checkThesaurus(root = packageRoot()): void {
  const path = join(root, THESAURUS_FILE);
  if (!existsSync(path))
    throw new Error(`the thesaurus ${path} is missing (npm run build:thesaurus writes it)`);
}

function load(): { text: string; starts: Uint32Array } {
  const text = readFileSync(join(packageRoot(), THESAURUS_FILE), 'utf8');
  let lines = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lines++;
  const starts = new Uint32Array(lines);
  for (let line = 0, start = 0; line < lines; line++) {
    starts[line] = start;
    start = text.indexOf('\n', start) + 1;
  }
  return { text, starts };
}

/** The word a line starts with: up to its first space or its end. */
function wordAt(text: string, start: number): { word: string; end: number } {
  const lineEnd = text.indexOf('\n', start);
  const space = text.indexOf(' ', start);
  const end = space !== -1 && space < lineEnd ? space : lineEnd;
  return { word: text.slice(start, end), end };
}

/**
 * A word's WordNet synonyms the engine can use (one-word nouns, then adjectives, as WordNet orders
 * them): [] for a word WordNet knows without such synonyms, undefined for a word it does not know.
 * Loads the thesaurus (about 400 KB) on first use.
 */
export function thesaurusSynonyms(word: string): readonly string[] | undefined {
  thesaurus ??= load();
  const { text, starts } = thesaurus;
  let low = 0;
  let high = starts.length - 1;
  while (low <= high) {
    const mid = (low + high) >>> 1;
    const found = wordAt(text, starts[mid] as number);
    if (found.word === word) {
      const rest = text.slice(found.end + 1, text.indexOf('\n', found.end));
      return rest === '' ? [] : rest.split(' ');
    }
    if (found.word < word) low = mid + 1;
    else high = mid - 1;
  }
  return undefined;
}
