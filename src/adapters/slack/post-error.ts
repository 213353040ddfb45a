import { webApi } from '@slack/bolt';
import { PostError } from '../../core/platform.ts';

/** Slack error codes worth retrying: Slack's own trouble, not the request's. */
const TRANSIENT_SLACK_ERRORS = new Set([
  'ratelimited',
  'service_unavailable',
  'fatal_error',
  'internal_error',
  'request_timeout',
  'team_added_to_org',
]);

/**
 * Turns a failed Web API call into the PostError the scheduler understands. Slack's answers about the
 * request (channel_not_found, not_in_channel, is_archived, invalid_auth, missing_scope …) are
 * permanent; the network, timeouts, rate limits and 5xx are transient.
 */
export function toPostError(error: unknown, channelId: string): PostError {
  if (error instanceof PostError) return error;
  if (error instanceof webApi.WebAPIPlatformError) {
    const code = error.data.error;
    return new PostError(
      `Slack refused the post to ${channelId}: ${code}`,
      !TRANSIENT_SLACK_ERRORS.has(code),
    );
  }
  if (error instanceof webApi.WebAPIHTTPError) {
    const transient = error.statusCode >= 500 || error.statusCode === 429 || error.statusCode === 408;
    return new PostError(`Slack answered HTTP ${error.statusCode} to the post to ${channelId}`, !transient);
  }
  if (error instanceof webApi.WebAPIRateLimitedError) {
    return new PostError(`Slack rate-limited the post to ${channelId}`, false);
  }
  const message = error instanceof Error ? error.message : String(error);
  return new PostError(`Could not reach Slack to post to ${channelId}: ${message}`, false);
}
