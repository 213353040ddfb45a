/**
 * Delivering a reply over HTTP to a platform that may not take it: one policy for every platform
 * (Slack's response_url, Discord's interaction webhooks and channel messages). Each try gets a
 * timeout; a try the platform surely did not take (5xx, 429 after its Retry-After, a connection
 * refused or closed before any answer) is tried again after a backoff. A try that timed out may have
 * been shown, so it is tried again only where the platform de-duplicates (`retryAfterTimeout`);
 * otherwise the reply's fate is `unknown` and it is not sent twice.
 */

/** How long one try may take before it counts as not delivered. */
export const TRY_TIMEOUT_MS = 10_000;
/** Tries per reply, within every platform's window (Slack's response_url allows 5 uses). */
const MAX_ATTEMPTS = 3;
/** Waits between tries when the platform gives no Retry-After. */
const BACKOFF_MS = [1_000, 3_000];
/** The longest Retry-After honoured: a reply later than this is not worth the wait. */
const MAX_RETRY_AFTER_MS = 30_000;
/** Network errors that show the message was not taken: the connection was refused or closed unanswered. */
const NOT_TAKEN = new Set(['ECONNREFUSED', 'ECONNRESET', 'UND_ERR_SOCKET', 'EPIPE']);

/** A reply not delivered; `outcome` says whether the platform may have shown it anyway. */
export class DeliveryError extends Error {
  override name = 'DeliveryError';
  constructor(
    message: string,
    /** `lost`: the platform refused it; `unknown`: no answer in time, so it may have been shown. */
    readonly outcome: 'lost' | 'unknown',
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** What one try got back: the HTTP status, and the Retry-After header's value when there was one. */
export interface TryAnswer {
  status: number;
  retryAfter?: string | null;
}

/**
 * A try's answer from an HTTP response (undici's): its status and Retry-After. The body is read so
 * the connection is freed, and ignored; a connection that breaks while it is read does not undo a
 * status already received (the platform took the message, and trying again would post it twice).
 */
export async function tryAnswerOf(response: {
  statusCode: number;
  headers: Record<string, string | string[] | undefined>;
  body: { dump(): Promise<unknown> };
}): Promise<TryAnswer> {
  await response.body.dump().catch(() => undefined);
  const retryAfter = response.headers['retry-after'];
  return { status: response.statusCode, retryAfter: typeof retryAfter === 'string' ? retryAfter : null };
}

export interface DeliveryOptions<A extends TryAnswer> {
  /** What is being delivered, for messages: "Slack's response_url", "Discord's interaction webhook". */
  what: string;
  /**
   * Answers handed back as they are rather than retried or thrown (a client that handles them
   * itself: discord.js reads a 4xx's error code and waits out a 429 by its own rate-limit buckets).
   */
  passBack?: (answer: A) => boolean;
  timeoutMs?: number;
  /** The platform drops a repeat of a message it already took (Discord's enforce_nonce; an edit). */
  retryAfterTimeout?: boolean;
  sleep?: (ms: number) => Promise<void>;
  /** Told before each retry, with why the last try failed and how long until the next. */
  onRetry?: (attempt: number, reason: string, waitMs: number) => void;
}

const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** The system error code of a failed request (undici puts it on the cause; node's own on the error). */
function networkCode(error: unknown): string | undefined {
  for (const candidate of [(error as { cause?: unknown }).cause, error]) {
    const code = (candidate as { code?: unknown } | undefined)?.code;
    if (typeof code === 'string') return code;
  }
  return undefined;
}

/**
 * Runs `tryOnce` (given a signal that aborts at the try's timeout) until the platform takes the
 * message, as the policy above says, and resolves with its answer; throws DeliveryError when it does not.
 */
export async function deliver<A extends TryAnswer>(
  tryOnce: (signal: AbortSignal) => Promise<A>,
  options: DeliveryOptions<A>,
): Promise<A> {
  const timeoutMs = options.timeoutMs ?? TRY_TIMEOUT_MS;
  const sleep = options.sleep ?? pause;
  // A try that timed out may have been taken: once one has, the reply's fate stays unknown.
  let timedOut = false;
  for (let attempt = 1; ; attempt++) {
    let reason: string;
    let waitMs = BACKOFF_MS[attempt - 1] ?? 3_000;
    const signal = AbortSignal.timeout(timeoutMs);
    try {
      const answer = await tryOnce(signal);
      if ((answer.status >= 200 && answer.status < 300) || options.passBack?.(answer)) return answer;
      reason = `answered ${answer.status}`;
      if (answer.status === 429) {
        const after = Number(answer.retryAfter);
        if (answer.retryAfter != null && Number.isFinite(after) && after >= 0)
          waitMs = Math.min(after * 1000, MAX_RETRY_AFTER_MS);
      } else if (answer.status < 500) {
        // 4xx: expired, used up, forbidden or malformed; trying again cannot help.
        throw new DeliveryError(`${options.what} ${reason}`, timedOut ? 'unknown' : 'lost');
      }
    } catch (error) {
      if (error instanceof DeliveryError) throw error;
      // However the HTTP client words it, the try's own timeout having fired is what happened.
      if (signal.aborted || (error as Error).name === 'TimeoutError') {
        if (!options.retryAfterTimeout)
          throw new DeliveryError(
            `${options.what} did not answer within ${timeoutMs / 1000} s (not retried: it may have been shown)`,
            'unknown',
            { cause: error },
          );
        timedOut = true;
        reason = `no answer within ${timeoutMs / 1000} s`;
      } else {
        const code = networkCode(error);
        if (!code || !NOT_TAKEN.has(code))
          throw new DeliveryError(`${options.what} failed: ${(error as Error).message}`, 'unknown', {
            cause: error,
          });
        reason = `connection ${code}`;
      }
    }
    if (attempt >= MAX_ATTEMPTS)
      throw new DeliveryError(
        `${options.what} failed ${attempt} times (last: ${reason})`,
        // A try that timed out may have been taken after all.
        timedOut ? 'unknown' : 'lost',
      );
    options.onRetry?.(attempt, reason, waitMs);
    await sleep(waitMs);
  }
}
