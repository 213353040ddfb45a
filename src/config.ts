import { existsSync } from 'node:fs';
import { z } from 'zod';
import { optionalText, pairingProblems, port, problemsOf, wholeNumber } from './core/env.ts';
import type { PlatformModule } from './core/platform.ts';
import { DEFAULT_STORY_SLUG } from './knowledge/load-story.ts';
import { type PlatformConfigs, platformModules } from './platforms.ts';

/** Runtime state lives in var/, which git ignores. */
export const DEFAULT_DB_PATH = 'var/ai-news.db';
/** Where platforms that receive HTTP requests (Slack's Events API) listen unless PORT says otherwise. */
export const DEFAULT_HTTP_PORT = 3000;
/** How users type the bot's command unless COMMAND_NAME says otherwise: `/ai-news`. */
export const DEFAULT_COMMAND_NAME = 'ai-news';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const postgresUrl = optionalText.pipe(
  z
    .url({
      protocol: /^postgres(ql)?$/,
      message: 'expected a postgres:// URL, e.g. postgres://user:password@db.internal:5432/ai_news',
    })
    .optional(),
);

/** The variables of the bot itself; each platform module lists its own (src/platforms.ts). */
export const EnvSchema = z.object({
  LOG_LEVEL: optionalText.pipe(
    z.enum(LOG_LEVELS, { message: `expected one of ${LOG_LEVELS.join(', ')}` }).optional(),
  ),
  COMMAND_NAME: optionalText.pipe(
    z
      .string()
      .regex(/^[a-z0-9_-]{1,32}$/, 'expected 1–32 lowercase letters, digits, - or _ (e.g. ai-news)')
      .optional(),
  ),
  PORT: port,
  STORY: optionalText.pipe(
    z
      .string()
      .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'expected a story slug, e.g. alibaba-denies-deepseek-investment')
      .optional(),
  ),
  DB_PATH: optionalText.pipe(
    z
      .string()
      .refine((path) => path === ':memory:' || !/^\/(proc|sys|dev)(\/|$)/.test(path), {
        message: 'expected a file path on a writable disk (not under /proc, /sys or /dev)',
      })
      .optional(),
  ),
  DATABASE_URL: postgresUrl,
  METRICS_PORT: port,
  METRICS_HOST: optionalText.pipe(
    z
      .union([z.ipv4(), z.ipv6(), z.literal('localhost')], {
        message: 'expected an IP address to listen on, e.g. 0.0.0.0, 127.0.0.1 or ::',
      })
      .optional(),
  ),
  RATE_LIMIT_QUESTIONS: wholeNumber(/^[1-9]\d{0,3}$/, 'expected a whole number of questions, 1–9999'),
  RATE_LIMIT_WINDOW_SECONDS: wholeNumber(/^[1-9]\d{0,4}$/, 'expected a whole number of seconds, 1–99999'),
  CONVERSATION_IDLE_MINUTES: wholeNumber(/^[1-9]\d{0,3}$/, 'expected a number of minutes (1–9999)'),
  SHUTDOWN_GRACE_SECONDS: wholeNumber(/^[1-9]\d{0,2}$/, 'expected a number of seconds (1–999)'),
  SCHEDULE_CATCH_UP_MINUTES: wholeNumber(/^[1-9]\d{0,3}$/, 'expected a number of minutes (1–9999)'),
});

/** Every environment variable the bot reads: its own and every platform's. */
export function allVariableNames(): string[] {
  return [
    ...Object.keys(EnvSchema.shape),
    ...platformModules.flatMap((module) => Object.keys(module.configSchema.shape)),
  ];
}

/** The bot's settings, typed; a platform is on exactly when its tokens are present. */
export interface Config {
  logLevel: (typeof LOG_LEVELS)[number];
  /** How users type the command: "ai-news" for `/ai-news`. */
  commandName: string;
  /** The story channels answer from until they choose another. */
  story: string;
  /** The schedule database file. */
  dbPath: string;
  /** A PostgreSQL database shared by several instances; when set it is used instead of the file at dbPath. */
  databaseUrl?: string;
  /** How long a quiet conversation is remembered for follow-ups ("why?", "and ruritania?"). */
  conversationIdleMinutes: number;
  /** How long replies in flight may take to finish when the bot stops. */
  shutdownGraceSeconds: number;
  /** How late a missed scheduled post may be and still be posted after a restart. */
  catchUpMinutes: number;
  /** The port of the bot's HTTP endpoints for platforms (Slack's /slack/events); 3000 when unset. */
  httpPort: number;
  /** Where GET /healthz, /readyz and /metrics are served; off when absent. */
  metrics?: { port: number; host: string };
  /** Each user may ask this many questions per window. */
  rateLimit: { questions: number; windowSeconds: number };
  /** Each platform that is on, with its settings. */
  platforms: PlatformConfigs;
}

/** Raised for a bad environment; lists every bad variable and what it expects. */
export class ConfigError extends Error {
  override name = 'ConfigError';
  /** The exit code of a bot that stops on it. */
  exitCode = 2;
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  ${p}`).join('\n')}`);
  }
}

/** Parses the environment once, the bot's variables and every platform's. Throws ConfigError naming each bad variable. */
export function parseConfig(env: Record<string, string | undefined>): Config {
  const result = EnvSchema.safeParse(env);
  const problems = result.success ? [] : problemsOf(result.error);
  const platforms: Record<string, unknown> = {};
  for (const module of platformModules as readonly PlatformModule<unknown>[]) {
    const parsed = module.configSchema.safeParse(env);
    problems.push(...pairingProblems(env, module.pairings ?? []));
    if (!parsed.success) {
      problems.push(...problemsOf(parsed.error));
      continue;
    }
    const shared = { httpPort: result.success ? result.data.PORT : undefined };
    const { config, problems: more = [] } = module.toConfig(parsed.data, shared);
    problems.push(...more);
    if (config !== undefined && !module.fallback) platforms[module.id] = config;
  }
  if (result.success && result.data.METRICS_PORT !== undefined) {
    const httpPort = result.data.PORT ?? DEFAULT_HTTP_PORT;
    const listening = (platformModules as readonly PlatformModule<unknown>[]).filter(
      (m) => platforms[m.id] !== undefined && m.listensOnHttpPort?.(platforms[m.id]),
    );
    if (listening.length > 0 && result.data.METRICS_PORT === httpPort)
      problems.push(
        `METRICS_PORT: ${httpPort} is also PORT, where ${listening.map((m) => m.id).join(' and ')} requests are served; choose another port for health and metrics`,
      );
  }
  if (!result.success || problems.length > 0) throw new ConfigError(problems);
  const e = result.data;
  return {
    logLevel: e.LOG_LEVEL ?? 'info',
    commandName: e.COMMAND_NAME ?? DEFAULT_COMMAND_NAME,
    story: e.STORY ?? DEFAULT_STORY_SLUG,
    dbPath: e.DB_PATH ?? DEFAULT_DB_PATH,
    ...(e.DATABASE_URL ? { databaseUrl: e.DATABASE_URL } : {}),
    catchUpMinutes: e.SCHEDULE_CATCH_UP_MINUTES ?? 30,
    conversationIdleMinutes: e.CONVERSATION_IDLE_MINUTES ?? 10,
    shutdownGraceSeconds: e.SHUTDOWN_GRACE_SECONDS ?? 10,
    httpPort: e.PORT ?? DEFAULT_HTTP_PORT,
    rateLimit: { questions: e.RATE_LIMIT_QUESTIONS ?? 5, windowSeconds: e.RATE_LIMIT_WINDOW_SECONDS ?? 10 },
    ...(e.METRICS_PORT !== undefined
      ? { metrics: { port: e.METRICS_PORT, host: e.METRICS_HOST ?? '0.0.0.0' } }
      : {}),
    platforms: platforms as PlatformConfigs,
  };
}

/** Loads `.env` from the working directory into process.env when present (real env wins). */
export function loadDotEnv(path = '.env'): void {
  if (existsSync(path)) process.loadEnvFile(path);
}
