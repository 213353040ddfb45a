import { stripControlCharacters } from '../engine/normalise.ts';
import { truncateAtWord } from './text.ts';

const ZERO_WIDTH_SPACE = '\u200B';

/**
 * Makes user text safe to show back: control characters removed, and every mention form of
 * Discord and Slack (@everyone, @here, <@123>, <!channel>, <#C1>) broken so that it can never
 * notify anyone, whatever the platform's own settings. Shortened to `max` characters.
 */
export function neutraliseUserText(text: string, max = 120): string {
  const cleaned = stripControlCharacters(text)
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/@(everyone|here|channel)/gi, `@${ZERO_WIDTH_SPACE}$1`)
    .replace(/<([@#!])/g, `<${ZERO_WIDTH_SPACE}$1`);
  return truncateAtWord(cleaned, max);
}
