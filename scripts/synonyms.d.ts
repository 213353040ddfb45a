declare module 'synonyms' {
  /** WordNet synonyms of an English word, by part of speech (n, v, s, r). */
  function synonyms(word: string): Record<string, string[]> | undefined;
  namespace synonyms {
    /** The whole dictionary: word → synonyms by part of speech. */
    const dictionary: Record<string, Record<string, string[]>>;
  }
  export default synonyms;
}
