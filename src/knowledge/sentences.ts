/**
 * A full stop that ends an abbreviation rather than a sentence: dotted initials ("U.S.", "U.K.")
 * and the short titles and company suffixes written before or inside a name ("Dr.", "Gov.", "Inc.").
 */
const ABBREVIATION =
  /(?:^|[\s(“"])(?:(?:\p{Lu}\.){2,}|(?:Mr|Mrs|Ms|Dr|Gov|Sen|Rep|Prof|Gen|Col|Capt|Lt|Sgt|St|Jr|Sr|Inc|Corp|Co|Ltd|No|vs)\.)$/u;

/** Splits a line into sentences at a full stop, question or exclamation mark followed by a capital. */
function splitSentences(line: string): string[] {
  const sentences: string[] = [];
  let start = 0;
  for (const match of line.matchAll(/(?<=[.?!])\s+(?=[\p{Lu}“"])/gu)) {
    const before = line.slice(start, match.index);
    if (ABBREVIATION.test(before)) continue;
    sentences.push(before);
    start = match.index + match[0].length;
  }
  sentences.push(line.slice(start));
  return sentences;
}

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
    .flatMap((line) => splitSentences(line.replace(/^- /, '').replace(/^🔹\s*/, '')))
    .map((sentence) => sentence.trim())
    .filter((sentence) => sentence.length > 0);
}
