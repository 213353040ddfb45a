import { writeSync } from 'node:fs';
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
  // Anything but a plain object (a URL, a class instance) is logged as its own fields, copied: never
  // through its toJSON, which could print a secret the fields hide. A plain object is copied only when
  // something in it changes: most lines (a request handled) hold no secret at all.
  const prototype = Object.getPrototypeOf(value);
  const plain = prototype === Object.prototype || prototype === null;
  let cleaned: Record<string, unknown> | undefined = plain ? undefined : { ...value };
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

/** How many bytes of log lines wait before they are written, and how long the first of them waits. */
export const LOG_BATCH_BYTES = 4096;
export const LOG_BATCH_MS = 100;
/** How long a write waits for a full pipe (its reader stalled) before that batch of lines is dropped. */
const FULL_PIPE_WAIT_MS = 1000;

/**
 * Log lines to a file descriptor (standard error) in batches rather than a write per line (under a
 * burst, a write for each request's line took a tenth of the bot's time): once LOG_BATCH_BYTES wait,
 * LOG_BATCH_MS after the first of them at the latest, a warning or an error at once (it may be the
 * last word before a crash, and whoever watches the log waits for it), and whatever waits when the
 * process exits. Writes are synchronous and never block the bot for long: a reader that has gone
 * (a broken pipe) ends the logging, and a pipe that stays full for FULL_PIPE_WAIT_MS loses that batch.
 */
export class BatchedLogWriter implements pino.DestinationStream {
  private waiting: string[] = [];
  private bytes = 0;
  private timer: NodeJS.Timeout | undefined;
  private broken = false;

  constructor(private readonly fd = 2) {
    process.once('exit', () => this.flush());
  }

  write(line: string): void {
    if (this.broken) return;
    this.waiting.push(line);
    this.bytes += line.length;
    // Lines start '{"level":NN': 40 and above are warnings, errors and fatal ones.
    if (this.bytes >= LOG_BATCH_BYTES || line.charCodeAt(9) >= 52) this.flush();
    else if (!this.timer) {
      this.timer = setTimeout(() => this.flush(), LOG_BATCH_MS);
      this.timer.unref();
    }
  }

  /** Writes every line waiting, now. */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.waiting.length === 0 || this.broken) return;
    const bytes = Buffer.from(this.waiting.join(''));
    this.waiting = [];
    this.bytes = 0;
    let written = 0;
    const giveUpAt = performance.now() + FULL_PIPE_WAIT_MS;
    while (written < bytes.length) {
      try {
        written += writeSync(this.fd, bytes, written);
      } catch (error) {
        const code = (error as { code?: string }).code;
        // A full pipe: wait a moment for its reader, not for ever.
        if ((code === 'EAGAIN' || code === 'EBUSY') && performance.now() < giveUpAt) {
          Atomics.wait(PAUSE, 0, 0, 10);
          continue;
        }
        // No one reads any more (a broken pipe, a closed descriptor): nothing more can be written.
        if (code !== 'EAGAIN' && code !== 'EBUSY') this.broken = true;
        return;
      }
    }
  }
}

/** Something to wait on, for a short synchronous pause. */
const PAUSE = new Int32Array(new SharedArrayBuffer(4));

/** A JSON logger (pino) with secrets redacted (SECRET_FIELDS, and secrets inside text), including those inside logged errors. */
export function createLogger(options: LoggerOptions = {}): Logger {
  const logger = pino(
    {
      level: options.level ?? 'info',
      serializers: { err: serializeError, error: serializeError },
      // Any other field (a rate-limit route, a URL) is cleaned too: a token must never reach a log.
      formatters: { log: (object) => cleanValue(object) as Record<string, unknown> },
    },
    options.destination ?? new BatchedLogWriter(),
  );
  // A child logger's own fields (a platform, a shard) are cleaned too, once, when it is made; its
  // children inherit this.
  const child = logger.child;
  logger.child = function (this: Logger, bindings, childOptions) {
    return child.call(this, cleanValue(bindings) as typeof bindings, childOptions);
  } as typeof logger.child;
  return logger;
}

/** A logger that writes nothing, for tests and one-shot commands. */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
