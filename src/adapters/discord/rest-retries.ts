import { DefaultRestOptions, type RESTOptions } from 'discord.js';
import { deliver } from '../../core/delivery.ts';
import type { Logger } from '../../core/logger.ts';

type MakeRequest = RESTOptions['makeRequest'];
type RequestInit = Parameters<MakeRequest>[1];

/** What a request to Discord's REST API carries, for the retry metric; undefined for anything else. */
export type ReplyKind = 'interaction' | 'channel';

/** Replies by where they go: an interaction's callback or webhook, or a channel's messages. */
export function replyKindOf(url: string): ReplyKind | undefined {
  const path = new URL(url).pathname;
  if (/\/interactions\/\d+\/[^/]+\/callback$|\/webhooks\/\d+\/[^/]+/.test(path)) return 'interaction';
  if (/\/channels\/\d+\/messages$/.test(path)) return 'channel';
  return undefined;
}

/** The JSON a request sends: its body, or a multipart body's payload_json (a message with files). */
function jsonOf(body: RequestInit['body']): string | undefined {
  if (typeof body === 'string') return body;
  if (body instanceof FormData) {
    const payload = body.get('payload_json');
    return typeof payload === 'string' ? payload : undefined;
  }
  return undefined;
}

/**
 * Whether Discord drops a repeat of this request, so that a try that timed out may be tried again: an
 * edit (PATCH, DELETE: the same result twice) or a message sent with `enforce_nonce` (Discord keeps
 * the first message with that nonce for a few minutes and answers a repeat with it).
 */
export function repeatable(init: RequestInit): boolean {
  const method = (init.method ?? 'GET').toUpperCase();
  if (method === 'GET' || method === 'PATCH' || method === 'DELETE' || method === 'PUT') return true;
  return /"enforce_nonce"\s*:\s*true/.test(jsonOf(init.body) ?? '');
}

/**
 * discord.js's REST request function with the bot's delivery policy (src/core/delivery.ts): 10 s a
 * try, retried with backoff after a 5xx or a connection refused or reset before any answer, and after
 * a timeout only when Discord drops repeats. 4xx answers (429 included) go back to discord.js, which
 * reads their error codes and waits out rate limits by its own buckets. discord.js's own retries are
 * turned off (see restOptions), since it repeats a timed-out POST at once, which can post twice.
 */
export function retryingRequest(
  base: MakeRequest,
  log: Logger,
  onRetry?: (kind: ReplyKind) => void,
  timeoutMs?: number,
): MakeRequest {
  return async (url, init) => {
    const kind = replyKindOf(url);
    let retried = false;
    const answer = await deliver(
      async (signal) => {
        // discord.js's own signal (its overall timeout, a shutdown) still aborts the request.
        const signals = [signal, init.signal].filter((s): s is AbortSignal => s instanceof AbortSignal);
        const response = await base(url, { ...init, signal: AbortSignal.any(signals) });
        // A refused try is dropped here, its body read so the connection is freed.
        if (response.status >= 500) await response.arrayBuffer().catch(() => undefined);
        return Object.assign(response, { retryAfter: response.headers.get('retry-after') });
      },
      {
        what: `Discord (${init.method ?? 'GET'} ${kind ?? 'request'})`,
        retryAfterTimeout: repeatable(init),
        passBack: (answer) => answer.status < 500,
        ...(timeoutMs !== undefined ? { timeoutMs } : {}),
        onRetry: (attempt, reason, waitMs) => {
          retried = true;
          log.warn({ attempt, reason, waitMs, kind }, 'Discord did not take a request; retrying');
          if (kind) onRetry?.(kind);
        },
      },
    );
    return retried && answer.status === 400 && /\/callback$/.test(new URL(url).pathname)
      ? tookEarlierTry(answer, log)
      : answer;
  };
}

/** Discord's error code for an interaction answered already. */
const ALREADY_ACKNOWLEDGED = 40060;

/**
 * A retried interaction callback that Discord calls answered already: an earlier try was taken after
 * all (its error came after Discord had it), so the reply is delivered, and no apology may follow.
 * Any other refusal goes back to discord.js as it came.
 */
async function tookEarlierTry(
  answer: Awaited<ReturnType<MakeRequest>>,
  log: Logger,
): Promise<Awaited<ReturnType<MakeRequest>>> {
  const text = await answer.text();
  let code: unknown;
  try {
    code = (JSON.parse(text) as { code?: unknown }).code;
  } catch {
    // not JSON: passed back below
  }
  if (code === ALREADY_ACKNOWLEDGED) {
    log.info('an interaction reply tried again had been taken the first time');
    return new Response(null, { status: 204 });
  }
  return new Response(text, {
    status: answer.status,
    headers: answer.headers as ConstructorParameters<typeof Headers>[0],
  });
}

/**
 * REST options for discord.js: the delivery policy above in place of its own retries, and an overall
 * timeout above every try and wait together.
 */
export function restOptions(
  log: Logger,
  onRetry?: (kind: ReplyKind) => void,
  timeoutMs?: number,
): Pick<RESTOptions, 'retries' | 'timeout' | 'makeRequest'> {
  return {
    retries: 0,
    timeout: 60_000,
    makeRequest: retryingRequest(defaultRequest, log, onRetry, timeoutMs),
  };
}

/** undici's request, as discord.js makes it by default. */
const defaultRequest: MakeRequest = (url, init) => DefaultRestOptions.makeRequest(url, init);
