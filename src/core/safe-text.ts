import { stripControlCharacters } from '../engine/normalise.ts';
import { truncateAtWord } from './text.ts';

const ZERO_WIDTH_SPACE = '\u200B';

/**
 * Makes user text safe to show back: control characters removed, and every @-word and every
 * angle-bracket form broken with a zero-width space, so that no platform's mention syntax
 * (@everyone, @here, <@123>, <!channel>, <#C1>) can notify anyone, whatever the platform's own
 * settings. Shortened to `max` characters.
 */
export function neutraliseUserText(text: string, max = 120): string {
  const cleaned = stripControlCharacters(text)
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/@(?=\w)/g, `@${ZERO_WIDTH_SPACE}`)
    .replace(/<(?=\S)/g, `<${ZERO_WIDTH_SPACE}`);
  return truncateAtWord(cleaned, max);
}
