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
 * Where each run of hashes sharing their top BUCKET_BITS bits starts in the sorted hashes, and one
 * more entry marking the end: a word's hash is searched for within its run of a few entries only,
 * instead of across the whole array (some 18 scattered reads per word).
 */
let bucketStarts: Uint32Array | undefined;
const BUCKET_BITS = 16;

/**
 * The English dictionary (the word-list package, ~274,000 words) as a sorted array of 32-bit word
 * hashes: about 1 MB instead of ~50 MB for a Set of strings. A false "is a word" happens for about
 * one string in 15,000 and only means a typo is left uncorrected. Hashed straight from the file's
 * bytes into the array, so that loading leaves no 3 MB string or array of 274,000 numbers behind to
 * swell the heap.
 */
function dictionary(): Uint32Array {
  if (!hashes) {
    const bytes = readFileSync(wordListPath);
    let lines = 0;
    for (let i = bytes.indexOf(10); i !== -1; i = bytes.indexOf(10, i + 1)) lines++;
    const table = new Uint32Array(lines + 1);
    let count = 0;
    let start = 0;
    for (let i = 0; i <= bytes.length; i++) {
      if (i === bytes.length || bytes[i] === 10) {
        if (i > start) table[count++] = hashBytes(bytes, start, i);
        start = i + 1;
      }
    }
    hashes = table.subarray(0, count).sort();
    const starts = new Uint32Array((1 << BUCKET_BITS) + 1);
    let at = 0;
    for (let bucket = 0; bucket <= 1 << BUCKET_BITS; bucket++) {
      while (at < hashes.length && (hashes[at] as number) >>> (32 - BUCKET_BITS) < bucket) at++;
      starts[bucket] = at;
    }
    bucketStarts = starts;
  }
  return hashes;
}

/** hashWord of a line of the file: its bytes are its characters while they are ASCII, as the list's words are. */
function hashBytes(bytes: Buffer, start: number, end: number): number {
  let hash = 0x811c9dc5;
  for (let i = start; i < end; i++) {
    const byte = bytes[i] as number;
    if (byte >= 0x80) {
      const word = bytes.toString('utf8', start, end);
      return hashWord(word, 0, word.length);
    }
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** Whether a lower-case word is an English dictionary word. Loads the dictionary on first use. */
export function isEnglishWord(word: string): boolean {
  const table = dictionary();
  const target = hashWord(word, 0, word.length);
  const bucket = target >>> (32 - BUCKET_BITS);
  const starts = bucketStarts as Uint32Array;
  return isIn(table, target, starts[bucket] as number, (starts[bucket + 1] as number) - 1);
}

/**
 * Whether a lower-case word's hash is among the dictionary's, searched for across the whole array:
 * what isEnglishWord tells, for tests.
 */
export function isEnglishWordByFullSearch(word: string): boolean {
  const table = dictionary();
  return isIn(table, hashWord(word, 0, word.length), 0, table.length - 1);
}

/** Binary search for a hash in table[from..to]. */
function isIn(table: Uint32Array, target: number, from: number, to: number): boolean {
  let low = from;
  let high = to;
  while (low <= high) {
    const mid = (low + high) >>> 1;
    const value = table[mid] as number;
    if (value === target) return true;
    if (value < target) low = mid + 1;
    else high = mid - 1;
  }
  return false;
}
