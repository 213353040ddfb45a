import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeDiscord, slashInteraction } from '../fakes/discord-fake.ts';
import { postSigned, slashCommandBody, slashCommandPayload } from '../fakes/slack-requests.ts';
import { type FakeSlackWebApi, startFakeSlackWebApi } from '../fakes/slack-web-api.ts';
import { bothPlatformsEnv, freePort, until } from './bot-process.ts';

describe('npm start with Discord and Slack tokens', () => {
  let discord: FakeDiscord;
  let slack: FakeSlackWebApi;
  let bot: ChildProcess;
  let dir: string;
  let slackPort: number;
  let metricsPort: number;
  let stderr = '';

  beforeAll(async () => {
    discord = await FakeDiscord.start();
    slack = await startFakeSlackWebApi();
    dir = mkdtempSync(join(tmpdir(), 'ai-news-platforms-'));
    [slackPort, metricsPort] = [await freePort(), await freePort()];
    bot = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      env: {
        ...process.env,
        ...bothPlatformsEnv({
          discordApiUrl: discord.apiUrl,
          slackApiUrl: slack.apiUrl,
          slackPort,
          metricsPort,
          dbPath: join(dir, 'bot.db'),
        }),
        LOG_LEVEL: 'info',
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    bot.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    await until(async () => {
      const response = await fetch(`http://127.0.0.1:${metricsPort}/readyz`);
      return response.status === 200 ? true : undefined;
    }, 'both adapters to connect');
  });

  afterAll(async () => {
    bot?.kill('SIGKILL');
    await discord?.close();
    await slack?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('runs both adapters in one process, ready', async () => {
    const readiness = await (await fetch(`http://127.0.0.1:${metricsPort}/readyz`)).json();
    expect(readiness).toEqual({
      status: 'ready',
      parts: { slack: 'connected', discord: 'connected', database: 'ok', deliveries: 'ok' },
    });
  });

  it('answers a Discord slash command and a Slack slash command with the same answer', async () => {
    const interaction = slashInteraction('ask', { question: 'Did Congress block DeepSeek?' });
    discord.dispatch('INTERACTION_CREATE', interaction);
    const callback = await discord.waitForRequest(
      (r) => r.path === `/interactions/${interaction.id}/${interaction.token}/callback`,
      'the Discord reply',
    );
    const embed = callback.body.data.embeds[0];
    expect(embed.description).toContain(
      'Yes — the U.S. bodies blocking DeepSeek include the U.S. Navy, Congress',
    );
    expect(callback.body.data.allowed_mentions).toMatchObject({ parse: [] });

    const sent = await postSigned(
      `http://127.0.0.1:${slackPort}/slack/events`,
      slashCommandBody(slashCommandPayload('Did Congress block DeepSeek?', slack.responseUrl('main-1'))),
    );
    expect(sent.status).toBe(200);
    await slack.waitFor(1, (c) => c.responseId === 'main-1');
    const answer = slack.calls.find((c) => c.responseId === 'main-1');
    expect(JSON.stringify(answer?.args)).toContain(
      'Yes — the U.S. bodies blocking DeepSeek include the U.S. Navy, Congress',
    );
  });

  it('counts both platforms in /metrics, then stops cleanly on SIGTERM', async () => {
    const metrics = await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text();
    expect(metrics).toMatch(
      /ai_news_questions_total\{platform="discord",command="ask",outcome="answer"\} [1-9]/,
    );
    expect(metrics).toMatch(
      /ai_news_questions_total\{platform="slack",command="ask",outcome="answer"\} [1-9]/,
    );
    const exited = new Promise<number | null>((resolve) => bot.once('close', (code) => resolve(code)));
    bot.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(stderr).toContain('"msg":"stopped"');
  });
});
