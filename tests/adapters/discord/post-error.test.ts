import { DiscordAPIError, HTTPError } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { describeDiscordFailure, toPostError } from '../../../src/adapters/discord/post-error.ts';
import { PostError } from '../../../src/core/platform.ts';

function apiError(status: number, code: number, message: string): DiscordAPIError {
  return new DiscordAPIError({ code, message }, code, status, 'POST', '/channels/1/messages', {});
}

describe('toPostError', () => {
  it.each([
    [404, 10003, 'Unknown Channel', 'the channel does not exist, or the bot cannot see it'],
    [403, 50001, 'Missing Access', 'the bot has no access to that channel'],
    [403, 50013, 'Missing Permissions', 'the bot lacks permission there'],
    [400, 50035, 'Invalid Form Body', 'Discord answered 400: Invalid Form Body'],
  ])('treats %i (%i) as permanent', (status, code, message, reason) => {
    const error = toPostError(apiError(status, code, message), '1');
    expect(error).toBeInstanceOf(PostError);
    expect(error.permanent).toBe(true);
    expect(error.message).toContain(reason);
  });

  it('treats rate limits, 5xx and the network as transient', () => {
    expect(toPostError(apiError(429, 0, 'You are being rate limited.'), '1').permanent).toBe(false);
    expect(
      toPostError(new HTTPError(502, 'Bad Gateway', 'POST', '/channels/1/messages', {}), '1').permanent,
    ).toBe(false);
    const network = toPostError(new TypeError('fetch failed'), '1');
    expect(network.permanent).toBe(false);
    expect(network.message).toBe(
      'Could not post to Discord channel 1: Discord could not be reached (fetch failed)',
    );
  });

  it('passes a PostError through', () => {
    const error = new PostError('already explained', true);
    expect(toPostError(error, '1')).toBe(error);
  });
});

describe('describeDiscordFailure', () => {
  it('says what a refusal means in words an admin can act on', () => {
    expect(describeDiscordFailure(apiError(404, 10003, 'Unknown Channel'))).toBe(
      'the channel does not exist, or the bot cannot see it',
    );
  });
});
