declare module 'synonyms' {
  /** WordNet synonyms of an English word, by part of speech (n, v, s, r). */
  function synonyms(word: string): Record<string, string[]> | undefined;
  export default synonyms;
}
