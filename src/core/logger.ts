import pino, { type Logger } from 'pino';

export type { Logger };

/**
 * Fields whose value is a secret, whatever object they are in: their values are never written to logs.
 * (pino's path-based `redact` did this for the same names at fixed depths, but built about 15 KB of
 * garbage for every line; the formatter below visits every field anyway.)
 */
export const SECRET_FIELDS: ReadonlySet<string> = new Set([
  'token',
  'botToken',
  'appToken',
  'signingSecret',
  'authorization',
  'databaseUrl',
  'discordToken',
  'slackBotToken',
  'slackAppToken',
  'slackSigningSecret',
]);

const REDACTED = '[redacted]';

export interface LoggerOptions {
  level?: string;
  /** Where log lines go; standard error by default, so standard output stays the bot's own. */
  destination?: pino.DestinationStream;
}

// Secrets that hide inside strings: interaction and webhook tokens in Discord URLs, Slack tokens, auth headers.
const SECRET_IN_TEXT =
  /(\/(?:interactions|webhooks)\/\d+\/)[\w.-]+|\bxox[abprs]-[\w-]+|\bxapp-[\w-]+|\b(Bot|Bearer)\s+[\w.-]+|(:\/\/[^:/@\s]+:)[^@\s]+@/g;

/** Removes secrets from a string (tokens in URLs, Slack tokens, Authorization values). */
export function redactSecrets(text: string): string {
  return text.replace(SECRET_IN_TEXT, (_match, path?: string, scheme?: string, userInUrl?: string) => {
    if (path) return `${path}[redacted]`;
    if (scheme) return `${scheme} [redacted]`;
    if (userInUrl) return `${userInUrl}[redacted]@`;
    return '[redacted]';
  });
}

/**
 * Strips secrets from every string of a plain value, a few levels deep. An error is serialised first
 * (its message, stack and cause are not enumerable: copied as a plain object it would log as `{}`).
 */
function cleanValue(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return redactSecrets(value);
  if (value instanceof Error) return cleanValue(pino.stdSerializers.err(value), depth);
  if (depth > 4 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => cleanValue(v, depth + 1));
  // Copied only when something in it changes: most lines (a request handled) hold no secret at all.
  let cleaned: Record<string, unknown> | undefined;
  for (const [key, inner] of Object.entries(value)) {
    const clean = SECRET_FIELDS.has(key) && inner != null ? REDACTED : cleanValue(inner, depth + 1);
    if (clean !== inner) {
      cleaned ??= { ...value };
      cleaned[key] = clean;
    }
  }
  return cleaned ?? value;
}

/** Serialises an error (pino's own serializer), then strips secrets from every string in it. */
function serializeError(error: unknown): unknown {
  // The log formatter (cleanValue) has usually serialised it already: it runs before serializers.
  return error instanceof Error ? cleanValue(error) : error;
}

/**
 * Standard error, written in batches rather than a write per line (under a burst, a write for each
 * request's line took a tenth of the bot's time): once 4 KB wait, and at least every 100 ms; a
 * warning or an error at once. Writes stay synchronous, so what is buffered when the process exits
 * is written out before it ends.
 */
export const LOG_WRITES = { dest: 2, sync: true, minLength: 4096, periodicFlush: 100 } as const;

/** Standard error as LOG_WRITES says, with whatever is still buffered written out as the process exits. */
function standardError(): pino.DestinationStream {
  const destination = pino.destination(LOG_WRITES);
  const flush = () => {
    try {
      destination.flushSync();
    } catch {
      // Standard error already closed: nothing more can be written.
    }
  };
  process.once('exit', flush);
  return {
    write(line: string) {
      destination.write(line);
      // A warning or an error goes out at once, with the lines before it: it may be the last word
      // before a crash, and whoever watches the log is waiting for it. Lines start '{"level":NN'.
      if (line.charCodeAt(9) >= 52) flush();
    },
    flush: () => destination.flush(),
    flushSync: flush,
  } as pino.DestinationStream;
}

/** A JSON logger (pino) with secrets redacted (SECRET_FIELDS, and secrets inside text), including those inside logged errors. */
export function createLogger(options: LoggerOptions = {}): Logger {
  return pino(
    {
      level: options.level ?? 'info',
      serializers: { err: serializeError, error: serializeError },
      // Any other field (a rate-limit route, a URL) is cleaned too: a token must never reach a log.
      formatters: { log: (object) => cleanValue(object) as Record<string, unknown> },
    },
    options.destination ?? standardError(),
  );
}

/** A logger that writes nothing, for tests and one-shot commands. */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
