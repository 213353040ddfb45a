const ELLIPSIS = '…';

/**
 * Shortens text to at most `max` characters, cutting at a word boundary when one is near and ending
 * with an ellipsis; never splits a surrogate pair or leaves a dangling markdown escape.
 */
export function truncateAtWord(text: string, max: number, ellipsis = ELLIPSIS): string {
  if (text.length <= max) return text;
  const room = max - ellipsis.length;
  if (room <= 0) return ellipsis.slice(0, Math.max(0, max));
  let cut = text.slice(0, room);
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  if (!/\s/.test(text.charAt(cut.length))) {
    const lastSpace = cut.search(/\s\S*$/);
    // Only back off to a space when that keeps most of the text; a long word is cut instead.
    if (lastSpace >= room * 0.6) cut = cut.slice(0, lastSpace);
  }
  cut = cut.replace(/[\s,;:–—-]+$/u, '');
  // An odd run of trailing backslashes would escape the ellipsis and show as a stray "\".
  const slashes = /\\+$/.exec(cut)?.[0].length ?? 0;
  if (slashes % 2 === 1) cut = cut.slice(0, -1);
  return cut + ellipsis;
}
