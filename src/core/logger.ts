import pino, { type Logger } from 'pino';

export type { Logger };

/** Secrets are never written to logs, wherever they appear in a logged object. */
export const REDACTED_PATHS = [
  'token',
  '*.token',
  'botToken',
  '*.botToken',
  'appToken',
  '*.appToken',
  'signingSecret',
  '*.signingSecret',
  'authorization',
  '*.authorization',
  'headers.authorization',
  '*.headers.authorization',
  'config.discordToken',
  'config.slackBotToken',
  'config.slackAppToken',
  'config.slackSigningSecret',
];

export interface LoggerOptions {
  level?: string;
  /** Where log lines go; standard error by default, so standard output stays the bot's own. */
  destination?: pino.DestinationStream;
}

/** A JSON logger (pino) with secrets redacted. */
export function createLogger(options: LoggerOptions = {}): Logger {
  return pino(
    { level: options.level ?? 'info', redact: { paths: REDACTED_PATHS, censor: '[redacted]' } },
    options.destination ?? pino.destination(2),
  );
}

/** A logger that writes nothing, for tests and one-shot commands. */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
