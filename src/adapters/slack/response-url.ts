import type { RespondArguments } from '@slack/bolt';
import { request } from 'undici';
import { deliver, tryAnswerOf } from '../../core/delivery.ts';
import type { Logger } from '../../core/logger.ts';

/**
 * A reply the response_url did not take; `outcome` says whether Slack may have shown it anyway. The
 * delivery policy is the one every platform shares (src/core/delivery.ts).
 */
export { DeliveryError as ResponseUrlError } from '../../core/delivery.ts';

export interface ResponseUrlOptions {
  timeoutMs?: number;
  sleep?: (ms: number) => Promise<void>;
  /** Told before each retry, with why the last try failed. */
  onRetry?: (attempt: number, reason: string, waitMs: number) => void;
}

/**
 * Posts a reply to a response_url, as Bolt's respond() does, with what respond() lacks: a timeout,
 * and retries with backoff when Slack did not take the message (5xx, 429 after its Retry-After, a
 * connection refused or closed unanswered). A timeout is never retried: Slack may have shown the
 * message, and a retry would show it twice.
 */
export function responseUrlSender(url: string, options: ResponseUrlOptions = {}) {
  return async (message: RespondArguments): Promise<void> => {
    await deliver(
      // undici's request rather than fetch: the same client, without the web streams and objects
      // fetch builds for every call (a third of an answer's CPU in a burst, and its garbage).
      async (signal) =>
        tryAnswerOf(
          await request(url, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify(message),
            signal,
          }),
        ),
      {
        what: "Slack's response_url",
        ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
        ...(options.sleep ? { sleep: options.sleep } : {}),
        ...(options.onRetry ? { onRetry: options.onRetry } : {}),
      },
    );
  };
}

/** Senders for each payload's response_url whose retries are logged and counted by source. */
export function responseUrlSenders(
  log: Logger,
  onReplyRetry?: (source: 'slash' | 'button') => void,
  timeoutMs?: number,
): (responseUrl: string, source: 'slash' | 'button') => (message: RespondArguments) => Promise<void> {
  return (responseUrl, source) =>
    responseUrlSender(responseUrl, {
      ...(timeoutMs !== undefined ? { timeoutMs } : {}),
      onRetry: (attempt, reason, waitMs) => {
        log.warn({ attempt, reason, waitMs, source }, 'reply through response_url not taken; retrying');
        onReplyRetry?.(source);
      },
    });
}
