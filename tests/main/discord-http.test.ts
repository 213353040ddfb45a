import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  APPLICATION_ID,
  BOT_TOKEN,
  BOT_USER_ID,
  FakeDiscord,
  messageCreate,
  slashInteraction,
} from '../fakes/discord-fake.ts';
import { postInteraction, type TestKeyPair, testKeyPair } from '../fakes/discord-interactions.ts';
import { TEST_BOT_TOKEN } from '../fakes/slack-harness.ts';
import {
  postSigned,
  slashCommandBody,
  slashCommandPayload,
  TEST_SIGNING_SECRET,
} from '../fakes/slack-requests.ts';
import { type FakeSlackWebApi, startFakeSlackWebApi } from '../fakes/slack-web-api.ts';
import { freePort, startBot, until } from './bot-process.ts';

const ANSWER = 'Yes — the U.S. bodies blocking DeepSeek include the U.S. Navy, Congress';
const MANAGE_SERVER = String(1n << 5n);

/** A bot process with Discord's interactions endpoint on PORT, and what it talks to. */
async function start(env: Record<string, string>) {
  const discord = await FakeDiscord.start();
  const keys = testKeyPair();
  const dir = mkdtempSync(join(tmpdir(), 'ai-news-discord-http-'));
  const [port, metricsPort] = [await freePort(), await freePort()];
  const { bot, stderr } = startBot({
    DISCORD_PUBLIC_KEY: keys.publicKeyHex,
    DISCORD_CLIENT_ID: APPLICATION_ID,
    DISCORD_API_URL: discord.apiUrl,
    DISCORD_TOKEN: '',
    PORT: String(port),
    METRICS_PORT: String(metricsPort),
    METRICS_HOST: '127.0.0.1',
    DB_PATH: join(dir, 'bot.db'),
    DATABASE_URL: '',
    SLACK_BOT_TOKEN: '',
    SLACK_SIGNING_SECRET: '',
    ...env,
  });
  const readyz = async () => {
    const response = await fetch(`http://127.0.0.1:${metricsPort}/readyz`);
    return {
      status: response.status,
      body: (await response.json()) as { status: string; parts: Record<string, string> },
    };
  };
  // Ready, every part up: a gateway still connecting would only make it "degraded".
  await until(
    async () => ((await readyz()).body.status === 'ready' ? true : undefined),
    'the bot to be ready',
  );
  const url = `http://127.0.0.1:${port}/discord/interactions`;
  return {
    discord,
    keys,
    bot,
    stderr,
    port,
    metricsPort,
    readyz,
    post: (payload: unknown) => postInteraction(url, keys, payload),
    async stop(): Promise<number | null> {
      const exited = new Promise<number | null>((resolve) => bot.once('close', (code) => resolve(code)));
      bot.kill('SIGTERM');
      const code = await exited;
      await discord.close();
      rmSync(dir, { recursive: true, force: true });
      return code;
    },
  };
}

describe('npm start with DISCORD_PUBLIC_KEY and DISCORD_CLIENT_ID alone, beside Slack over HTTP', () => {
  let h: Awaited<ReturnType<typeof start>>;
  let slack: FakeSlackWebApi;
  let bot: ChildProcess | undefined;

  beforeAll(async () => {
    slack = await startFakeSlackWebApi();
    h = await start({
      SLACK_BOT_TOKEN: TEST_BOT_TOKEN,
      SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
      SLACK_API_URL: slack.apiUrl,
      SLACK_APP_TOKEN: '',
    });
    bot = h.bot;
  });
  afterAll(async () => {
    if (bot?.exitCode === null) bot.kill('SIGKILL');
    await slack?.close();
  });

  it('is ready with no gateway connection, reporting the endpoint as a part', async () => {
    const ready = await h.readyz();
    expect(ready.body.parts).toMatchObject({ 'discord endpoint': 'connected', slack: 'connected' });
    expect(ready.body.parts).not.toHaveProperty('discord gateway');
    expect(h.discord.connectionCount).toBe(0);
  });

  it('answers Discord and Slack on the same port', async () => {
    expect(
      await h.post({ id: '1', type: 1, application_id: APPLICATION_ID, token: 't', version: 1 }),
    ).toEqual({
      status: 200,
      body: { type: 1 },
    });
    const answer = await h.post(slashInteraction('ask', { question: 'Did Congress block DeepSeek?' }));
    expect(answer.body.type).toBe(4);
    expect(answer.body.data.embeds[0].description).toContain(ANSWER);
    const sent = await postSigned(
      `http://127.0.0.1:${h.port}/slack/events`,
      slashCommandBody(slashCommandPayload('Did Congress block DeepSeek?', slack.responseUrl('shared-1'))),
    );
    expect(sent.status).toBe(200);
    await slack.waitFor(1, (c) => c.responseId === 'shared-1');
    expect(JSON.stringify(slack.calls.find((c) => c.responseId === 'shared-1')?.args)).toContain(ANSWER);
  });

  it('says plainly that schedules need DISCORD_TOKEN', async () => {
    const answer = await h.post(
      slashInteraction('schedule add', { when: 'daily 09:00' }, 'channel', MANAGE_SERVER),
    );
    expect(answer.body.type).toBe(4);
    expect(answer.body.data.flags).toBe(64);
    // As Discord shows it: the backslash before the underscore only keeps it from being markup.
    const shown = String(answer.body.data.embeds[0].description).replaceAll('\\', '');
    expect(shown).toContain('I can’t post to that channel');
    expect(shown).toContain('without its bot token (DISCORD_TOKEN)');
  });

  it('counts the HTTP interactions in /metrics like any other, then stops cleanly on SIGTERM', async () => {
    const metrics = await (await fetch(`http://127.0.0.1:${h.metricsPort}/metrics`)).text();
    expect(metrics).toMatch(
      /ai_news_questions_total\{platform="discord",command="ask",outcome="answer"\} [1-9]/,
    );
    expect(await h.stop()).toBe(0);
    expect(h.stderr()).toContain('"msg":"stopped"');
  });
});

describe('npm start with DISCORD_PUBLIC_KEY and DISCORD_TOKEN: the endpoint and the gateway', () => {
  let h: Awaited<ReturnType<typeof start>>;
  let keys: TestKeyPair;

  beforeAll(async () => {
    h = await start({ DISCORD_TOKEN: BOT_TOKEN });
    keys = h.keys;
  });
  afterAll(async () => {
    if (h?.bot.exitCode === null) h.bot.kill('SIGKILL');
  });

  it('reports both parts in /readyz', async () => {
    const ready = await h.readyz();
    expect(ready.status).toBe(200);
    expect(ready.body.parts).toMatchObject({
      'discord endpoint': 'connected',
      'discord gateway': 'connected',
    });
    expect(keys.publicKeyHex).toHaveLength(64);
  });

  it('answers mentions over the gateway and interactions over HTTP, each once', async () => {
    const message = messageCreate(`<@${BOT_USER_ID}> Did Congress block DeepSeek?`);
    h.discord.dispatch('MESSAGE_CREATE', message);
    const reply = await h.discord.waitForRequest(
      (r) => r.method === 'POST' && r.body?.message_reference?.message_id === message.id,
      'the reply to the mention',
    );
    expect(JSON.stringify(reply.body.embeds)).toContain(ANSWER);
    const interaction = slashInteraction('ask', { question: 'Did Congress block DeepSeek?' });
    const answer = await h.post(interaction);
    expect(answer.body.data.embeds[0].description).toContain(ANSWER);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(h.discord.requestsFor(interaction)).toEqual([]);
    expect(await h.stop()).toBe(0);
  });
});

describe('npm start with the public key alone, and a schedule made while the bot had its token', () => {
  it('says a test post cannot go out without DISCORD_TOKEN, and leaves the schedule as it was', async () => {
    const { openSqlite } = await import('../../src/storage/database.ts');
    const { DbScheduleStore } = await import('../../src/scheduler/store.ts');
    const { CHANNEL_ID, GUILD_ID } = await import('../fakes/discord-fake.ts');
    const dir = mkdtempSync(join(tmpdir(), 'ai-news-discord-schedule-'));
    const dbPath = join(dir, 'bot.db');
    const database = openSqlite(dbPath);
    const made = await new DbScheduleStore(database).add(
      {
        platform: 'discord',
        channelId: CHANNEL_ID,
        scope: GUILD_ID,
        spec: 'daily 09:00',
        cron: '0 9 * * *',
        timezone: 'UTC',
        createdBy: 'admin',
        createdAt: '2026-11-30T09:00:00.000Z',
      },
      10,
    );
    await database.close();
    const h = await start({ DB_PATH: dbPath });
    try {
      const answer = await h.post(
        slashInteraction('schedule test', { id: made.id }, 'channel', MANAGE_SERVER),
      );
      expect(answer.body.type).toBe(4);
      const shown = String(answer.body.data.embeds[0].description).replaceAll('\\', '');
      expect(shown).toContain('The test post failed');
      expect(shown).toContain('without its bot token (DISCORD_TOKEN)');
      // Nothing was posted, and the schedule is neither paused nor counted as failing.
      expect(h.discord.requests.filter((r) => r.method === 'POST' && r.path.includes('/messages'))).toEqual(
        [],
      );
      expect(await h.stop()).toBe(0);
      const after = openSqlite(dbPath);
      const [kept] = await new DbScheduleStore(after).list();
      await after.close();
      expect(kept).toMatchObject({ id: made.id, status: 'active', consecutiveFailures: 0 });
    } finally {
      if (h.bot.exitCode === null) h.bot.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
