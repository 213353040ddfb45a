/** What a question's token can be (normaliseText keeps only these): other entries are never looked up. */
const TOKEN = /^[a-z0-9.]+$/;
/** The synonyms the engine can use: one lower-case word. */
const USABLE = /^[a-z]+$/;

/**
 * The text of data/thesaurus.txt for a WordNet dictionary (word → synonyms by part of speech): one
 * line per word, the word then its one-word synonyms as a noun, adjective satellite and adjective, in
 * that order. Lines are sorted by word (as JavaScript compares strings), for a binary search.
 */
export function thesaurusText(dictionary: Record<string, Record<string, string[]>>): string {
  const lines: string[] = [];
  const words = Object.keys(dictionary)
    .filter((word) => TOKEN.test(word))
    .sort();
  for (const word of words) {
    const senses = dictionary[word] as Record<string, string[]>;
    // Verb senses ("raise" → rise, "free" → release) stray too far: the engine does not use them.
    const usable = [senses.n, senses.s, senses.a].flatMap((list) =>
      Array.isArray(list) ? list.filter((w) => USABLE.test(w)) : [],
    );
    // A word without usable synonyms keeps its line: being in the thesaurus ends the engine's search.
    lines.push([word, ...usable].join(' '));
  }
  return `${lines.join('\n')}\n`;
}
