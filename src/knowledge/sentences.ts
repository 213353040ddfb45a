/**
 * The article's informative sentences: every sentence of its body and list items, without the
 * title and section headings (lines with no closing punctuation). Used to check that the facts
 * cover the whole article, and by the benchmark's sentence-retrieval baselines.
 */
export function informativeSentences(text: string): string[] {
  return text
    .split('\n')
    .slice(1)
    .map((line) => line.trim())
    .filter((line) => line.startsWith('- ') || /[.?!:”"]$/.test(line))
    .flatMap((line) =>
      line
        .replace(/^- /, '')
        .replace(/^🔹\s*/, '')
        .split(/(?<=[.?!])\s+(?=[A-Z“"])/),
    )
    .map((sentence) => sentence.trim())
    .filter((sentence) => sentence.length > 0);
}
