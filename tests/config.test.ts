import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../src/config.ts';

describe('config', () => {
  it('runs as the console bot with no tokens', () => {
    expect(parseConfig({})).toEqual({
      logLevel: 'info',
      commandName: 'ai-news',
      story: 'alibaba-denies-deepseek-investment',
      dbPath: 'var/ai-news.db',
      catchUpMinutes: 30,
      conversationIdleMinutes: 10,
      shutdownGraceSeconds: 10,
      httpPort: 3000,
      rateLimit: { questions: 5, windowSeconds: 10 },
      platforms: {},
    });
  });

  it('turns an adapter on exactly when its tokens are set', () => {
    const config = parseConfig({
      DISCORD_TOKEN: 'token',
      DISCORD_CLIENT_ID: '123456789012345678',
      SLACK_BOT_TOKEN: 'xoxb-1',
      SLACK_SIGNING_SECRET: 'secret',
      PORT: '8080',
      LOG_LEVEL: 'debug',
      DB_PATH: '/data/bot.db',
      SCHEDULE_CATCH_UP_MINUTES: '10',
      SLACK_ADMIN_USER_IDS: 'U1, U2',
      RATE_LIMIT_QUESTIONS: '3',
      RATE_LIMIT_WINDOW_SECONDS: '60',
      SHUTDOWN_GRACE_SECONDS: '25',
    });
    expect(config).toEqual({
      logLevel: 'debug',
      commandName: 'ai-news',
      story: 'alibaba-denies-deepseek-investment',
      dbPath: '/data/bot.db',
      catchUpMinutes: 10,
      conversationIdleMinutes: 10,
      shutdownGraceSeconds: 25,
      httpPort: 8080,
      rateLimit: { questions: 3, windowSeconds: 60 },
      platforms: {
        discord: { token: 'token', clientId: '123456789012345678' },
        slack: { botToken: 'xoxb-1', signingSecret: 'secret', port: 8080, adminUserIds: ['U1', 'U2'] },
      },
    });
  });

  it('turns Discord on with DISCORD_PUBLIC_KEY and DISCORD_CLIENT_ID alone: HTTP interactions on PORT, no token', () => {
    const key = 'AB'.repeat(32);
    const config = parseConfig({
      DISCORD_PUBLIC_KEY: key,
      DISCORD_CLIENT_ID: '123456789012345678',
      PORT: '8080',
    });
    expect(config.platforms.discord).toEqual({
      clientId: '123456789012345678',
      publicKey: key.toLowerCase(),
      port: 8080,
    });
    const both = parseConfig({
      DISCORD_PUBLIC_KEY: key,
      DISCORD_TOKEN: 't',
      DISCORD_CLIENT_ID: '123456789012345678',
    });
    expect(both.platforms.discord).toMatchObject({ token: 't', publicKey: key.toLowerCase(), port: 3000 });
  });

  it('names what is wrong with DISCORD_PUBLIC_KEY, and what DISCORD_CLIENT_ID needs', () => {
    expect(() => parseConfig({ DISCORD_PUBLIC_KEY: 'ab'.repeat(32) })).toThrow(
      'DISCORD_CLIENT_ID: required when DISCORD_PUBLIC_KEY is set',
    );
    for (const bad of ['abc', 'zz'.repeat(32), 'ab'.repeat(33)])
      expect(() => parseConfig({ DISCORD_PUBLIC_KEY: bad, DISCORD_CLIENT_ID: '123456789012345678' })).toThrow(
        'DISCORD_PUBLIC_KEY: expected the application’s public key: 64 hexadecimal characters',
      );
    expect(() => parseConfig({ DISCORD_CLIENT_ID: '123456789012345678' })).toThrow(
      'DISCORD_TOKEN: required when DISCORD_CLIENT_ID is set (or DISCORD_PUBLIC_KEY',
    );
  });

  it('refuses METRICS_PORT equal to PORT when the Discord interactions endpoint listens there', () => {
    expect(() =>
      parseConfig({
        DISCORD_PUBLIC_KEY: 'ab'.repeat(32),
        DISCORD_CLIENT_ID: '123456789012345678',
        PORT: '8080',
        METRICS_PORT: '8080',
      }),
    ).toThrow('METRICS_PORT: 8080 is also PORT, where discord requests are served');
  });

  it('reads DISCORD_SHARDS as auto or a number of shards, and needs the bot token with it', () => {
    const discord = { DISCORD_TOKEN: 'token', DISCORD_CLIENT_ID: '123456789012345678' };
    expect(parseConfig({ ...discord, DISCORD_SHARDS: 'auto' }).platforms.discord?.shards).toBe('auto');
    expect(parseConfig({ ...discord, DISCORD_SHARDS: ' AUTO ' }).platforms.discord?.shards).toBe('auto');
    expect(parseConfig({ ...discord, DISCORD_SHARDS: '4' }).platforms.discord?.shards).toBe(4);
    expect(parseConfig({ ...discord, DISCORD_SHARDS: '' }).platforms.discord).not.toHaveProperty('shards');
    for (const bad of ['0', '-1', '2.5', 'two', '10000']) {
      expect(() => parseConfig({ ...discord, DISCORD_SHARDS: bad })).toThrow(
        'DISCORD_SHARDS: expected auto or a number of shards, 1–9999',
      );
    }
    expect(
      parseConfig({ ...discord, DISCORD_SHARDS: '8', DISCORD_SHARD_IDS: '4-6, 0,4' }).platforms.discord,
    ).toMatchObject({
      shards: 8,
      shardIds: [0, 4, 5, 6],
    });
    expect(() => parseConfig({ ...discord, DISCORD_SHARD_IDS: '0' })).toThrow(
      'DISCORD_SHARDS: required when DISCORD_SHARD_IDS is set',
    );
    expect(() => parseConfig({ ...discord, DISCORD_SHARDS: '4', DISCORD_SHARD_IDS: '3-1' })).toThrow(
      'DISCORD_SHARD_IDS: expected ranges from low to high, e.g. 1-3',
    );
    expect(() => parseConfig({ ...discord, DISCORD_SHARDS: '2', DISCORD_SHARD_IDS: 'first' })).toThrow(
      'DISCORD_SHARD_IDS: expected shard ids such as 0-3 or 0,2,4',
    );
    expect(() => parseConfig({ DISCORD_SHARDS: 'auto' })).toThrow(
      'DISCORD_TOKEN: required when DISCORD_SHARDS is set',
    );
  });

  it('takes the command name from COMMAND_NAME, as Discord allows it', () => {
    expect(parseConfig({ COMMAND_NAME: 'ai-news-staging' }).commandName).toBe('ai-news-staging');
    expect(() => parseConfig({ COMMAND_NAME: '/AI News' })).toThrow(
      'COMMAND_NAME: expected 1–32 lowercase letters, digits, - or _ (e.g. ai-news)',
    );
  });

  it('refuses health and metrics on the port Slack listens on, naming both variables', () => {
    const slack = { SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 'secret' };
    expect(() => parseConfig({ ...slack, METRICS_PORT: '3000' })).toThrow(
      'METRICS_PORT: 3000 is also PORT, where slack requests are served; choose another port for health and metrics',
    );
    expect(() => parseConfig({ ...slack, PORT: '8080', METRICS_PORT: '8080' })).toThrow(
      'METRICS_PORT: 8080 is also PORT',
    );
    // Socket Mode listens on no port; without Slack, PORT serves nothing.
    expect(parseConfig({ ...slack, SLACK_APP_TOKEN: 'xapp-1', METRICS_PORT: '3000' }).metrics?.port).toBe(
      3000,
    );
    expect(parseConfig({ METRICS_PORT: '3000' }).metrics?.port).toBe(3000);
  });

  it('names every bad variable and what it expects', () => {
    try {
      parseConfig({
        LOG_LEVEL: 'loud',
        DISCORD_API_URL: 'not a url',
        SLACK_APP_TOKEN: 'xapp-1',
        DISCORD_GUILD_ID: 'abc',
        SCHEDULE_CATCH_UP_MINUTES: 'soon',
        SHUTDOWN_GRACE_SECONDS: '0',
      });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const problems = (error as ConfigError).problems;
      expect(problems).toContain('LOG_LEVEL: expected one of fatal, error, warn, info, debug, trace, silent');
      expect(problems).toContain('DISCORD_API_URL: expected an http(s) URL');
      expect(problems).toContain('DISCORD_GUILD_ID: expected a Discord id (17–20 digits)');
      expect(problems).toContain('SLACK_BOT_TOKEN: required when SLACK_APP_TOKEN is set');
      expect(problems).toContain('SCHEDULE_CATCH_UP_MINUTES: expected a number of minutes (1–9999)');
      expect(problems).toContain('SHUTDOWN_GRACE_SECONDS: expected a number of seconds (1–999)');
    }
  });

  it('uses PostgreSQL when DATABASE_URL is a postgres:// URL', () => {
    expect(parseConfig({ DATABASE_URL: 'postgres://bot:pw@db.internal:5432/ai_news' }).databaseUrl).toBe(
      'postgres://bot:pw@db.internal:5432/ai_news',
    );
    expect(parseConfig({ DATABASE_URL: 'postgresql://bot@localhost/ai_news' }).databaseUrl).toBe(
      'postgresql://bot@localhost/ai_news',
    );
    expect(parseConfig({ DATABASE_URL: ' ' })).not.toHaveProperty('databaseUrl');
    for (const bad of ['mysql://bot@db/ai_news', 'db.internal:5432']) {
      expect(() => parseConfig({ DATABASE_URL: bad })).toThrow(
        'DATABASE_URL: expected a postgres:// URL, e.g. postgres://user:password@db.internal:5432/ai_news',
      );
    }
  });

  it('rejects paths, hosts and URLs that cannot work, naming the variable', () => {
    const problems = (env: Record<string, string>) => {
      try {
        parseConfig(env);
        return [];
      } catch (error) {
        return (error as ConfigError).problems;
      }
    };
    expect(problems({ DB_PATH: '/proc/nope/x.db' })).toEqual([
      'DB_PATH: expected a file path on a writable disk (not under /proc, /sys or /dev)',
    ]);
    expect(problems({ METRICS_HOST: '999.1.1.1' })).toEqual([
      'METRICS_HOST: expected an IP address to listen on, e.g. 0.0.0.0, 127.0.0.1 or ::',
    ]);
    expect(
      problems({ SLACK_API_URL: 'javascript:alert(1)', DISCORD_API_URL: 'ftp://example.test/api' }),
    ).toEqual(['DISCORD_API_URL: expected an http(s) URL', 'SLACK_API_URL: expected an http(s) URL']);
    expect(problems({ METRICS_HOST: '127.0.0.1', DB_PATH: 'var/bot.db' })).toEqual([]);
  });

  it('treats empty variables as unset', () => {
    expect(parseConfig({ DISCORD_TOKEN: '', SLACK_BOT_TOKEN: '  ' }).platforms).toEqual({});
    expect(parseConfig({ COMMAND_NAME: ' ' }).commandName).toBe('ai-news');
  });
});

describe('the documentation of the configuration', () => {
  it('lists every variable the bot reads in .env.example and in the configuration guide', async () => {
    const { readFileSync } = await import('node:fs');
    const { allVariableNames } = await import('../src/config.ts');
    const example = readFileSync('.env.example', 'utf8');
    const guide = readFileSync('docs/configuration.md', 'utf8');
    const names = allVariableNames();
    expect(names.length).toBeGreaterThan(15);
    for (const name of names) {
      expect(example, `.env.example lacks ${name}`).toMatch(new RegExp(`^#?\\s*${name}=`, 'm'));
      expect(guide, `docs/configuration.md lacks ${name}`).toMatch(
        new RegExp(`^\\| \`${name}\`\\s+\\|`, 'm'),
      );
    }
  });
});
