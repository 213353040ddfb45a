import { DiscordAPIError, HTTPError, RateLimitError, RESTJSONErrorCodes } from 'discord.js';
import { PostError } from '../../core/platform.ts';

// What Discord's refusals mean for someone setting up a schedule, in words they can act on.
const REASONS = new Map<number | string, string>([
  [RESTJSONErrorCodes.UnknownChannel, 'the channel does not exist, or the bot cannot see it'],
  [RESTJSONErrorCodes.MissingAccess, 'the bot has no access to that channel'],
  [
    RESTJSONErrorCodes.MissingPermissions,
    'the bot lacks permission there (it needs View Channel, Send Messages and Embed Links)',
  ],
]);

/** Why Discord refused or failed a request, as a short lower-case phrase. */
export function describeDiscordFailure(error: unknown): string {
  if (error instanceof DiscordAPIError) {
    return REASONS.get(error.code) ?? `Discord answered ${error.status}: ${error.message}`;
  }
  if (error instanceof RateLimitError) return 'Discord is rate-limiting the bot';
  if (error instanceof HTTPError) return `Discord answered HTTP ${error.status}`;
  return `Discord could not be reached (${error instanceof Error ? error.message : String(error)})`;
}

/**
 * Turns a failed post into the PostError the scheduler understands. Discord's 4xx answers (no such
 * channel, no access, bad request, bad token) will not change on retry and are permanent; rate limits,
 * 5xx and network failures are transient.
 */
export function toPostError(error: unknown, channelId: string): PostError {
  if (error instanceof PostError) return error;
  const permanent =
    error instanceof DiscordAPIError && error.status >= 400 && error.status < 500 && error.status !== 429;
  return new PostError(
    `Could not post to Discord channel ${channelId}: ${describeDiscordFailure(error)}`,
    permanent,
  );
}
