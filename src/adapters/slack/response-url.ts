import type { RespondArguments } from '@slack/bolt';
import type { Logger } from '../../core/logger.ts';

/** How long one POST to a response_url may take before it counts as not delivered. */
const RESPONSE_URL_TIMEOUT_MS = 10_000;
/** Tries per reply; Slack accepts 5 uses of a response_url within 30 minutes. */
const MAX_ATTEMPTS = 3;
/** Waits between tries when Slack gives no Retry-After. */
const BACKOFF_MS = [1_000, 3_000];
/** The longest Retry-After honoured: a reply later than this is not worth the wait. */
const MAX_RETRY_AFTER_MS = 30_000;
/** Network errors that show the message was not taken: the connection was refused or closed unanswered. */
const NOT_TAKEN = new Set(['ECONNREFUSED', 'ECONNRESET', 'UND_ERR_SOCKET', 'EPIPE']);

/** A reply the response_url did not take; `outcome` says whether Slack may have shown it anyway. */
export class ResponseUrlError extends Error {
  override name = 'ResponseUrlError';
  constructor(
    message: string,
    /** `lost`: Slack refused it; `unknown`: no answer in time, so it may have been shown. */
    readonly outcome: 'lost' | 'unknown',
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export interface ResponseUrlOptions {
  fetch?: typeof fetch;
  timeoutMs?: number;
  sleep?: (ms: number) => Promise<void>;
  /** Told before each retry, with why the last try failed. */
  onRetry?: (attempt: number, reason: string, waitMs: number) => void;
}

const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function codeOf(error: unknown): string | undefined {
  const cause = (error as { cause?: { code?: unknown } }).cause;
  return typeof cause?.code === 'string' ? cause.code : undefined;
}

/**
 * Posts a reply to a response_url, as Bolt's respond() does, with what respond() lacks: a timeout,
 * and retries with backoff when Slack did not take the message (5xx, 429 after its Retry-After, a
 * connection refused or closed unanswered). A timeout is never retried: Slack may have shown the
 * message, and a retry would show it twice.
 */
export function responseUrlSender(url: string, options: ResponseUrlOptions = {}) {
  const fetchFn = options.fetch ?? globalThis.fetch;
  const timeoutMs = options.timeoutMs ?? RESPONSE_URL_TIMEOUT_MS;
  const sleep = options.sleep ?? pause;
  return async (message: RespondArguments): Promise<void> => {
    for (let attempt = 1; ; attempt++) {
      let reason: string;
      let waitMs = BACKOFF_MS[attempt - 1] ?? 3_000;
      try {
        const response = await fetchFn(url, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify(message),
          signal: AbortSignal.timeout(timeoutMs),
        });
        // The body is read so the connection is freed, and ignored: the status says it all.
        await response.arrayBuffer().catch(() => undefined);
        if (response.ok) return;
        reason = `response_url answered ${response.status}`;
        if (response.status === 429) {
          const after = Number(response.headers.get('retry-after'));
          if (Number.isFinite(after) && after >= 0) waitMs = Math.min(after * 1000, MAX_RETRY_AFTER_MS);
        } else if (response.status < 500) {
          // 4xx: expired, used up or malformed; trying again cannot help.
          throw new ResponseUrlError(`Slack's ${reason}`, 'lost');
        }
      } catch (error) {
        if (error instanceof ResponseUrlError) throw error;
        if ((error as Error).name === 'TimeoutError')
          throw new ResponseUrlError(
            `Slack's response_url did not answer within ${timeoutMs / 1000} s (not retried: it may have been shown)`,
            'unknown',
            { cause: error },
          );
        const code = codeOf(error);
        if (!code || !NOT_TAKEN.has(code))
          throw new ResponseUrlError(`Slack's response_url failed: ${(error as Error).message}`, 'unknown', {
            cause: error,
          });
        reason = `connection ${code}`;
      }
      if (attempt >= MAX_ATTEMPTS)
        throw new ResponseUrlError(`Slack's response_url failed ${attempt} times (last: ${reason})`, 'lost');
      options.onRetry?.(attempt, reason, waitMs);
      await sleep(waitMs);
    }
  };
}

/** Senders for each payload's response_url whose retries are logged and counted by source. */
export function responseUrlSenders(
  log: Logger,
  onReplyRetry?: (source: 'slash' | 'button') => void,
): (responseUrl: string, source: 'slash' | 'button') => (message: RespondArguments) => Promise<void> {
  return (responseUrl, source) =>
    responseUrlSender(responseUrl, {
      onRetry: (attempt, reason, waitMs) => {
        log.warn({ attempt, reason, waitMs, source }, 'reply through response_url not taken; retrying');
        onReplyRetry?.(source);
      },
    });
}
