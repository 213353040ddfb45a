import { existsSync } from 'node:fs';
import { z } from 'zod';

/** Runtime state lives in var/, which git ignores. */
export const DEFAULT_DB_PATH = 'var/ai-news.db';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const optionalText = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .optional();
const optionalUrl = optionalText.pipe(
  z.url({ protocol: /^https?$/, message: 'expected an http(s) URL' }).optional(),
);
const postgresUrl = optionalText.pipe(
  z
    .url({
      protocol: /^postgres(ql)?$/,
      message: 'expected a postgres:// URL, e.g. postgres://user:password@db.internal:5432/ai_news',
    })
    .optional(),
);
/** An optional whole number written as digits matching `pattern`. */
function wholeNumber(pattern: RegExp, message: string) {
  return optionalText.pipe(z.string().regex(pattern, message).transform(Number).optional());
}
const port = optionalText.pipe(
  z
    .string()
    .regex(/^\d{1,5}$/, 'expected a port number 0–65535')
    .transform(Number)
    .pipe(z.number().max(65535, 'expected a port number 0–65535'))
    .optional(),
);
const snowflake = optionalText.pipe(
  z
    .string()
    .regex(/^\d{17,20}$/, 'expected a Discord id (17–20 digits)')
    .optional(),
);

/** "0-2,5" → [0, 1, 2, 5]: sorted, without repeats. */
function parseIdList(text: string): number[] {
  const ids = new Set<number>();
  for (const part of text.split(',')) {
    const [from = 0, to = from] = part.trim().split('-').map(Number);
    for (let id = from; id <= to && ids.size <= 10_000; id++) ids.add(id);
  }
  return [...ids].sort((a, b) => a - b);
}

/** Every environment variable the bot reads, in one place. */
export const EnvSchema = z.object({
  LOG_LEVEL: optionalText.pipe(
    z.enum(LOG_LEVELS, { message: `expected one of ${LOG_LEVELS.join(', ')}` }).optional(),
  ),
  DISCORD_TOKEN: optionalText,
  DISCORD_CLIENT_ID: snowflake,
  DISCORD_GUILD_ID: snowflake,
  DISCORD_API_URL: optionalUrl,
  DISCORD_SHARDS: optionalText.pipe(
    z
      .string()
      .regex(/^(auto|[1-9]\d{0,3})$/i, 'expected auto or a number of shards, 1–9999')
      .transform((v): number | 'auto' => (v.toLowerCase() === 'auto' ? 'auto' : Number(v)))
      .optional(),
  ),
  DISCORD_SHARD_IDS: optionalText.pipe(
    z
      .string()
      .regex(/^\d{1,4}(-\d{1,4})?(\s*,\s*\d{1,4}(-\d{1,4})?)*$/, 'expected shard ids such as 0-3 or 0,2,4')
      .refine(
        (v) =>
          v.split(',').every((part) => {
            const [from = 0, to = from] = part.trim().split('-').map(Number);
            return from <= to;
          }),
        'expected ranges from low to high, e.g. 1-3',
      )
      .transform(parseIdList)
      .optional(),
  ),
  SLACK_BOT_TOKEN: optionalText.pipe(
    z.string().startsWith('xoxb-', 'expected a bot token starting with xoxb-').optional(),
  ),
  SLACK_SIGNING_SECRET: optionalText,
  SLACK_APP_TOKEN: optionalText.pipe(
    z.string().startsWith('xapp-', 'expected an app-level token starting with xapp-').optional(),
  ),
  SLACK_API_URL: optionalUrl,
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

  SCHEDULE_CATCH_UP_MINUTES: wholeNumber(/^[1-9]\d{0,3}$/, 'expected a number of minutes (1–9999)'),

  SLACK_ADMIN_USER_IDS: optionalText.pipe(
    z
      .string()
      .regex(
        /^[A-Z0-9]+(\s*,\s*[A-Z0-9]+)*$/,
        'expected Slack user ids separated by commas, e.g. U012AB3CD,U045EF6GH',
      )
      .optional(),
  ),
  PORT: port,
});

/** Variables that only make sense together; checked on the raw environment so every problem is reported at once. */
function pairingProblems(env: Record<string, string | undefined>): string[] {
  const set = (name: string) => Boolean(env[name]?.trim());
  const rules: [string, string][] = [
    ['DISCORD_TOKEN', 'DISCORD_CLIENT_ID'],
    ['DISCORD_CLIENT_ID', 'DISCORD_TOKEN'],
    ['SLACK_BOT_TOKEN', 'SLACK_SIGNING_SECRET'],
    ['SLACK_SIGNING_SECRET', 'SLACK_BOT_TOKEN'],
    ['SLACK_APP_TOKEN', 'SLACK_BOT_TOKEN'],
    ['DISCORD_SHARDS', 'DISCORD_TOKEN'],
    ['DISCORD_SHARD_IDS', 'DISCORD_SHARDS'],
  ];
  return rules
    .filter(([present, needed]) => set(present) && !set(needed))
    .map(([present, needed]) => `${needed}: required when ${present} is set`);
}

/** DISCORD_SHARD_IDS picks shards out of a fixed total: every host must agree on that total. */
function shardProblems(shards: number | 'auto' | undefined, ids: number[] | undefined): string[] {
  if (!ids || shards === undefined) return [];
  if (shards === 'auto')
    return ['DISCORD_SHARD_IDS: needs DISCORD_SHARDS set to a number (the same on every host), not auto'];
  const outside = ids.filter((id) => id >= shards);
  return outside.length > 0
    ? [
        `DISCORD_SHARD_IDS: ${outside.join(', ')} not below DISCORD_SHARDS (${shards}); shard ids run from 0 to ${shards - 1}`,
      ]
    : [];
}

/** The bot's settings, typed; an adapter is on exactly when its tokens are present. */
export interface Config {
  logLevel: (typeof LOG_LEVELS)[number];
  /** The schedule database file. */
  dbPath: string;
  /** A PostgreSQL database shared by several instances; when set it is used instead of the file at dbPath. */
  databaseUrl?: string;
  /** How late a missed scheduled post may be and still be posted after a restart. */
  catchUpMinutes: number;
  /** Where GET /healthz and /metrics are served; off when absent. */
  metrics?: { port: number; host: string };
  /** Each user may ask this many questions per window. */
  rateLimit: { questions: number; windowSeconds: number };
  discord?: {
    token: string;
    clientId: string;
    guildId?: string;
    apiUrl?: string;
    /** Run the gateway as this many shard processes ('auto': as many as Discord recommends); unset: one connection in this process. */
    shards?: number | 'auto';
    /** Which of the shards this host runs (shards spread over several hosts); all when unset. */
    shardIds?: number[];
  };
  slack?: {
    botToken: string;
    signingSecret: string;
    appToken?: string;
    apiUrl?: string;
    port: number;
    /** Users who may manage schedules besides workspace admins and owners. */
    adminUserIds?: string[];
  };
}

/** Raised for a bad environment; lists every bad variable and what it expects. */
export class ConfigError extends Error {
  override name = 'ConfigError';
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  ${p}`).join('\n')}`);
  }
}

/** Parses the environment once. Throws ConfigError naming each bad variable. */
export function parseConfig(env: Record<string, string | undefined>): Config {
  const result = EnvSchema.safeParse(env);
  const problems = [
    ...(result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`)),
    ...pairingProblems(env),
  ];
  if (result.success)
    problems.push(...shardProblems(result.data.DISCORD_SHARDS, result.data.DISCORD_SHARD_IDS));
  if (!result.success || problems.length > 0) throw new ConfigError(problems);
  const e = result.data;
  return {
    logLevel: e.LOG_LEVEL ?? 'info',
    dbPath: e.DB_PATH ?? DEFAULT_DB_PATH,
    ...(e.DATABASE_URL ? { databaseUrl: e.DATABASE_URL } : {}),
    catchUpMinutes: e.SCHEDULE_CATCH_UP_MINUTES ?? 30,
    rateLimit: { questions: e.RATE_LIMIT_QUESTIONS ?? 5, windowSeconds: e.RATE_LIMIT_WINDOW_SECONDS ?? 10 },
    ...(e.METRICS_PORT !== undefined
      ? { metrics: { port: e.METRICS_PORT, host: e.METRICS_HOST ?? '0.0.0.0' } }
      : {}),
    ...(e.DISCORD_TOKEN && e.DISCORD_CLIENT_ID
      ? {
          discord: {
            token: e.DISCORD_TOKEN,
            clientId: e.DISCORD_CLIENT_ID,
            ...(e.DISCORD_GUILD_ID ? { guildId: e.DISCORD_GUILD_ID } : {}),
            ...(e.DISCORD_API_URL ? { apiUrl: e.DISCORD_API_URL } : {}),
            ...(e.DISCORD_SHARDS !== undefined ? { shards: e.DISCORD_SHARDS } : {}),
            ...(e.DISCORD_SHARD_IDS ? { shardIds: e.DISCORD_SHARD_IDS } : {}),
          },
        }
      : {}),
    ...(e.SLACK_BOT_TOKEN && e.SLACK_SIGNING_SECRET
      ? {
          slack: {
            botToken: e.SLACK_BOT_TOKEN,
            signingSecret: e.SLACK_SIGNING_SECRET,
            ...(e.SLACK_APP_TOKEN ? { appToken: e.SLACK_APP_TOKEN } : {}),
            ...(e.SLACK_API_URL ? { apiUrl: e.SLACK_API_URL } : {}),
            port: e.PORT ?? 3000,
            adminUserIds: (e.SLACK_ADMIN_USER_IDS ?? '')
              .split(',')
              .map((id) => id.trim())
              .filter(Boolean),
          },
        }
      : {}),
  };
}

/** Loads `.env` from the working directory into process.env when present (real env wins). */
export function loadDotEnv(path = '.env'): void {
  if (existsSync(path)) process.loadEnvFile(path);
}
